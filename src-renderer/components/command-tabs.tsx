// Echo / File / Stream as an ARIA tab list (arrow keys move between tabs).
import { useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { CommandKind } from '../../src-shared/events.js';

const TABS: { kind: CommandKind; label: string }[] = [
  { kind: 'echo', label: 'Echo' },
  { kind: 'file', label: 'File' },
  { kind: 'stream', label: 'Stream' },
];

export function CommandTabs({ value, onChange, children }: { value: CommandKind; onChange(kind: CommandKind): void; children: ReactNode }) {
  const id = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent): void => {
    const at = TABS.findIndex((t) => t.kind === value);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = (at + step + TABS.length) % TABS.length;
    onChange(TABS[next]!.kind);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label="Command" className="tablist" onKeyDown={onKeyDown}>
        {TABS.map((t, i) => (
          <button
            key={t.kind}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${t.kind}`}
            aria-selected={value === t.kind}
            aria-controls={`${id}-panel`}
            tabIndex={value === t.kind ? 0 : -1}
            className="tab"
            onClick={() => onChange(t.kind)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${value}`} className="tabpanel">
        {children}
      </div>
    </div>
  );
}
