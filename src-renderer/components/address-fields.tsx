// Protocol, a hosts.txt preset picker, and the Host and Port fields: the same row in both views.
import { useId } from 'react';
import { formatHostPort, formatHostsProblem } from '../../src-shared/hosts.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { useBase } from '../store/store-context.js';
import { ErrorLine, Field } from './field.js';

export interface AddressValue {
  proto: Proto;
  host: string;
  port: string;
}

export interface AddressFieldsProps {
  role: 'server' | 'client';
  value: AddressValue;
  errors: { host?: string | undefined; port?: string | undefined };
  disabled: boolean;
  onField<K extends keyof AddressValue>(key: K, value: AddressValue[K]): void;
}

const CUSTOM = 'custom';
const CUSTOM_LABEL = 'Custom…';

export function AddressFields({ role, value, errors, disabled, onField }: AddressFieldsProps) {
  const { proto, host, port } = value;
  const hosts = useBase((s) => s.hosts);
  const hostsError = useBase((s) => s.hostsError);
  const protoId = useId();
  const presetId = useId();
  const hostErrorId = useId();
  const portErrorId = useId();
  // A client cannot connect to "all interfaces", so those entries are servers-only.
  const entries = (hosts?.entries ?? []).filter((e) => role === 'server' || e.host !== '');
  const selected = entries.findIndex((e) => e.host === host.trim() && String(e.port) === port.trim());
  const problems = hosts?.problems ?? [];
  const labels = entries.map((e) => (e.host === '' ? `all interfaces :${e.port}` : formatHostPort(e.host, e.port)));
  const shown = selected >= 0 ? labels[selected] : CUSTOM_LABEL;
  return (
    <div className="address">
      <div className="row row-address">
        <div className="field field-proto">
          <label htmlFor={protoId}>Protocol</label>
          <select id={protoId} value={proto} disabled={disabled} onChange={(e) => onField('proto', e.target.value as Proto)}>
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
          </select>
        </div>
        <div className="field field-preset">
          {/* Named "Saved address" so it never matches the Host / Port labels. */}
          <label htmlFor={presetId}>Saved address</label>
          <select
            id={presetId}
            value={selected >= 0 ? String(selected) : CUSTOM}
            disabled={disabled || entries.length === 0}
            // A long IPv6 address can still be wider than a half-screen pane: hovering shows it whole.
            title={shown}
            onChange={(e) => {
              const entry = entries[Number(e.target.value)];
              if (!entry) return;
              onField('host', entry.host);
              onField('port', String(entry.port));
            }}
          >
            {entries.map((e, i) => (
              <option key={`${e.line}`} value={String(i)}>
                {labels[i]}
              </option>
            ))}
            <option value={CUSTOM}>{CUSTOM_LABEL}</option>
          </select>
        </div>
        <Field
          className="field-host"
          label="Host"
          value={host}
          onValue={(v) => onField('host', v)}
          error={errors.host}
          errorElsewhereId={hostErrorId}
          disabled={disabled}
          placeholder={role === 'server' ? 'all interfaces' : '127.0.0.1'}
        />
        <Field
          className="field-port"
          label="Port"
          value={port}
          onValue={(v) => onField('port', v)}
          error={errors.port}
          errorElsewhereId={portErrorId}
          disabled={disabled}
          inputMode="numeric"
        />
      </div>
      {/* Host and Port are narrow: their messages take the full width under the row. */}
      <ErrorLine id={hostErrorId} message={errors.host} />
      <ErrorLine id={portErrorId} message={errors.port} />
      {hostsError ? <div className="note note-error">hosts.txt could not be read: {hostsError}</div> : null}
      {problems.length > 0 ? (
        <details className="note note-warn">
          <summary>
            {problems.length === 1 ? 'One line' : `${problems.length} lines`} of hosts.txt skipped
          </summary>
          <ul>
            {problems.map((p) => (
              <li key={p.line}>{formatHostsProblem(p)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
