// One event in full: every field, the whole detail text (the table cuts it to one line) and, for
// a summary, its figures, with a Copy button. A dialog: Escape or Close returns to the log.
import { useEffect, useRef, useState } from 'react';
import type { LogRow } from '../store/event-ring.js';
import { relativeMs } from '../store/log-filter.js';

export interface EventTimes {
  /** What the log's time counts from for this row, and what that is called. */
  base: number;
  baseName: string;
  /** Wall clock − lab time (null: unknown). */
  wallOffsetMs: number | null;
}

export function wallTime(t: number, wallOffsetMs: number | null): string | null {
  return wallOffsetMs === null ? null : new Date(wallOffsetMs + t).toISOString();
}

/** The event as text: one "field: value" line each, the detail last, so it pastes into a report. */
export function eventText(row: LogRow, times: EventTimes): string {
  const fields = eventFields(row, times);
  return fields.map(([k, v]) => `${k}: ${v}`).join('\n');
}

function eventFields(row: LogRow, times: EventTimes): [string, string][] {
  const wall = wallTime(row.t, times.wallOffsetMs);
  const out: [string, string][] = [
    ['seq', String(row.seq)],
    ['time', `${relativeMs(row.t, times.base)} ${times.baseName}`],
    ['lab time', `${row.t.toFixed(3)} ms since the lab started`],
  ];
  if (wall) out.push(['wall time', wall]);
  out.push(
    ['kind', row.kind],
    ['exchange', row.exchange ?? '—'],
    ['role', row.role],
    ['protocol', row.proto.toUpperCase()],
    ['endpoint', row.endpoint],
    ['command', row.command ?? '—'],
    ['local', row.local || '—'],
    ['remote', row.remote || '—'],
    ['bytes', row.bytes === null ? '—' : row.bytes.toLocaleString('en-US')],
    ['segment', row.segment === null ? '—' : String(row.segment)],
    ['detail', row.detail || '—'],
  );
  if (row.summary) out.push(['summary', JSON.stringify(row.summary, null, 2)]);
  return out;
}

export function EventDetail({ row, times, onClose }: { row: LogRow; times: EventTimes; onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    // Escape closes the dialog wherever the focus is, and goes no further: it does not also
    // cancel the running exchange (use-escape-cancel.ts skips a key already taken).
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      back?.focus();
    };
  }, [onClose]);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(eventText(row, times));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div
      className="event-detail"
      role="dialog"
      aria-modal="true"
      aria-label={`Event ${row.seq}`}
    >
      <div className="card-head">
        <h4>
          Event {row.seq} · <span className="kind-tag">{row.kind}</span>
        </h4>
        <span className="spacer" />
        <button type="button" className="btn-small" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn-small" ref={closeRef} onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </div>
      <dl className="event-fields">
        {eventFields(row, times).map(([k, v]) => (
          <div key={k} className={`event-field event-field-${k.replace(/\s/g, '-')}`}>
            <dt>{k}</dt>
            <dd>{k === 'detail' || k === 'summary' ? <pre className="mono">{v}</pre> : v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
