// A labelled input whose error sits right under it (role="alert", tied by aria-describedby).
import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  /** The error is rendered elsewhere (e.g. under a row of narrow fields) with this id. */
  errorElsewhereId?: string;
}

export function Field({ label, value, onValue, error, hint, className, errorElsewhereId, ...input }: FieldProps) {
  const id = useId();
  const errorId = errorElsewhereId ?? `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        autoComplete="off"
        {...input}
      />
      {hint && !error ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error && !errorElsewhereId ? (
        <div id={errorId} role="alert" className="field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function ErrorLine({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <div id={id} role="alert" className="error-line">
      {message}
    </div>
  );
}
