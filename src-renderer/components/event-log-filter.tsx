// The event log's filter bar: kind, exchange, peer and a text search. The search is applied a
// moment after the last keystroke, so typing a word costs one pass over the bounded ring, not one
// per letter.
import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EVENT_KINDS } from '../../src-shared/events.js';
import type { LogFilterCriteria } from '../store/log-filter.js';
import { NO_EXCHANGE, NO_FILTER, isFiltering } from '../store/log-filter.js';
import { useBaseThrottled } from '../store/store-context.js';

/** The search waits this long after the last keystroke, ms. */
export const SEARCH_DEBOUNCE_MS = 150;
/** Exchanges offered in the exchange filter, newest first. */
const EXCHANGE_CHOICES_MAX = 200;

export function LogFilterBar({ value, onChange }: { value: LogFilterCriteria; onChange(c: LogFilterCriteria): void }) {
  const id = useId();
  const [text, setText] = useState(value.text);
  // Exchanges and peers change per batch: read at most UI_REFRESH_MS apart, as plain lists.
  const exchanges = useBaseThrottled(
    useShallow((s) => s.exchangeIds.slice(-EXCHANGE_CHOICES_MAX).reverse()),
  );
  const peers = useBaseThrottled(
    useShallow((s) => [...new Set(s.exchangeIds.map((x) => s.exchanges[x]?.remote ?? '').filter(Boolean))].sort()),
  );
  useEffect(() => {
    if (text === value.text) return;
    const timer = setTimeout(() => onChange({ ...value, text }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  const pick = (key: keyof LogFilterCriteria) => (e: { target: { value: string } }) => onChange({ ...value, text, [key]: e.target.value });
  return (
    <div className="log-filter" role="search" aria-label="Filter events">
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select id={`${id}-kind`} value={value.kind} onChange={pick('kind')}>
        <option value="">any</option>
        {EVENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-x`}>Exchange</label>
      <select id={`${id}-x`} value={value.exchange} onChange={pick('exchange')}>
        <option value="">any</option>
        <option value={NO_EXCHANGE}>none (endpoint events)</option>
        {value.exchange !== '' && value.exchange !== NO_EXCHANGE && !exchanges.includes(value.exchange) ? (
          <option value={value.exchange}>{value.exchange}</option>
        ) : null}
        {exchanges.map((x) => (
          <option key={x} value={x}>
            {x}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-peer`}>Peer</label>
      <select id={`${id}-peer`} value={value.peer} onChange={pick('peer')}>
        <option value="">any</option>
        {value.peer !== '' && !peers.includes(value.peer) ? <option value={value.peer}>{value.peer}</option> : null}
        {peers.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label="Search events"
        placeholder="Search detail…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
      {isFiltering(value) || text !== '' ? (
        <button
          type="button"
          className="btn-small"
          onClick={() => {
            setText('');
            onChange(NO_FILTER);
          }}
        >
          Show all
        </button>
      ) : null}
    </div>
  );
}
