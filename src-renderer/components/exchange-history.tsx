// The session's exchanges in this view, newest first: protocol, command as typed, the result in
// words, bytes and duration. Click a row to look at it (summary, timeline, its events); tick two
// or more to compare them. The newest is followed until the student picks another.
import { memo, useId, useMemo } from 'react';
import { createPortal } from 'react-dom';
import type { LabEvent } from '../../src-shared/events.js';
import { fmtInt, fmtMs } from '../display/format.js';
import { commandText, resultOf } from '../display/exchange-result.js';
import { sharedIdOf } from '../store/exchange-pairs.js';
import type { PairIndex } from '../store/exchange-pairs.js';
import type { ExchangeView } from '../store/exchanges.js';
import { MAX_EXCHANGES } from '../store/exchanges.js';
import { COMPARE_MAX } from '../store/history-slice.js';
import { answerMs } from '../store/peers.js';
import { useBase, useBaseStore, useBaseThrottled } from '../store/store-context.js';
import { CompareTable, CompareView } from './compare-view.js';
import { OverlayChart } from './overlay-chart.js';

/** Events listed under a selected exchange (its newest); the event log and the CSV have all. */
const DETAIL_EVENTS_MAX = 200;

/** Client: the summary's duration (request to last byte). Server: request to the last byte sent. */
function durationOf(x: ExchangeView): number {
  if (x.role === 'server') return answerMs(x);
  if (x.summary) return x.summary.durationMs;
  return Math.max(0, x.lastT - (x.requestT ?? x.startT));
}

function idTitle(x: ExchangeView, shared: { id: string; other: string | null }): string {
  if (shared.other === null) return `Exchange ${x.id}`;
  return x.role === 'server'
    ? `The client's exchange ${shared.id}; this server calls it ${x.id}`
    : `The server calls this exchange ${shared.other}`;
}

export function ResultBadge({ x }: { x: Pick<ExchangeView, 'summary'> }) {
  const r = resultOf(x.summary);
  return (
    <span className={`badge badge-${r.kind}`} title={r.sentence}>
      {r.word}
    </span>
  );
}

interface RowProps {
  x: ExchangeView;
  pairs: PairIndex;
  pairsVersion: number;
  shown: boolean;
  ticked: boolean;
  canTick: boolean;
  onSelect(id: string): void;
  onTick(id: string): void;
}

const HistoryRow = memo(function HistoryRow({ x, pairs, shown, ticked, canTick, onSelect, onTick }: RowProps) {
  const shared = sharedIdOf(pairs, x);
  const r = resultOf(x.summary);
  return (
    <tr
      className={`history-row${shown ? ' is-shown' : ''}`}
      aria-selected={shown}
      data-exchange={x.id}
      tabIndex={0}
      onClick={() => onSelect(x.id)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        onSelect(x.id);
      }}
    >
      <td className="c-check" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Compare ${shared.id}`}
          checked={ticked}
          disabled={!ticked && !canTick}
          onChange={() => onTick(x.id)}
        />
      </td>
      <td className="mono" title={idTitle(x, shared)}>
        {shared.id}
        {shared.other !== null ? <span className="paired" aria-hidden="true"> ⇄</span> : null}
      </td>
      <td>
        <span className={`proto proto-${x.proto}`}>{x.proto.toUpperCase()}</span>
      </td>
      {x.role === 'server' ? <td className="mono">{x.remote}</td> : null}
      <td className="mono ellipsis" title={x.summary?.request ?? x.request}>
        {commandText(x.summary?.request ?? x.request, x.command)}
      </td>
      <td>
        <ResultBadge x={x} />
        {x.summary?.error && r.kind !== 'done' ? <div className="result-why small">{x.summary.error.message}</div> : null}
      </td>
      <td className="num">{fmtInt(x.bytes)}</td>
      <td className="num">{fmtMs(durationOf(x))}</td>
    </tr>
  );
});

/** The selected exchange's own events, newest last, read from the log's ring. */
function ExchangeEvents({ id }: { id: string }) {
  const store = useBaseStore();
  const version = useBaseThrottled((s) => s.eventsVersion);
  const rows = useMemo(() => {
    const ring = store.getState().ring;
    const out: { seq: number; t: number; kind: LabEvent['kind']; bytes: number | null; detail: string }[] = [];
    let total = 0;
    for (let i = ring.length - 1; i >= 0; i -= 1) {
      const e = ring.at(i)!;
      if (e.exchange !== id) continue;
      total += 1;
      if (out.length < DETAIL_EVENTS_MAX) out.push(e);
    }
    return { list: out.reverse(), total };
    // version: the ring is mutable; it says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, store, version]);
  const x0 = rows.list[0]?.t ?? 0;
  return (
    <div className="detail-events">
      <div className="muted small">
        Events of this exchange: {fmtInt(rows.total)}
        {rows.total > rows.list.length ? `, newest ${fmtInt(rows.list.length)} shown (the event log and the CSV have all)` : ''}
      </div>
      <table className="grid-table detail-events-table" aria-label={`Events of ${id}`}>
        <thead>
          <tr>
            <th className="num">t (ms)</th>
            <th>kind</th>
            <th className="num">bytes</th>
            <th>detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.list.map((e) => (
            <tr key={e.seq} className={`kind-${e.kind}`}>
              <td className="num mono">{(e.t - x0).toFixed(3)}</td>
              <td>
                <span className="kind-tag">{e.kind}</span>
              </td>
              <td className="num">{e.bytes === null ? '' : fmtInt(e.bytes)}</td>
              <td className="detail-text">{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExchangeDetail({ x, label }: { x: ExchangeView; label: string }) {
  return (
    <div className="history-detail" role="region" aria-label={`Exchange ${label}`}>
      <div className="card-head card-head-sub">
        <h3>
          Exchange <span className="mono">{label}</span>
        </h3>
        <span className={`proto proto-${x.proto}`}>{x.proto.toUpperCase()}</span>
        <ResultBadge x={x} />
        <span className="muted small mono">{x.remote}</span>
      </div>
      {x.summary ? (
        <CompareTable columns={[{ id: x.id, label, summary: x.summary }]} />
      ) : (
        <p className="muted">Running: its summary appears when it ends.</p>
      )}
      <OverlayChart ids={[x.id]} labels={[label]} />
      <ExchangeEvents id={x.id} />
    </div>
  );
}

export function ExchangeHistory() {
  const store = useBaseStore();
  const role = useBase((s) => s.role);
  const exchanges = useBaseThrottled((s) => s.exchanges);
  const ids = useBaseThrottled((s) => s.exchangeIds);
  const seen = useBaseThrottled((s) => s.exchangesSeen);
  const pairsVersion = useBaseThrottled((s) => s.pairsVersion);
  const selected = useBase((s) => s.selectedExchange);
  const ticked = useBase((s) => s.compareIds);
  const followId = useId();
  const pairs = store.getState().pairs;
  const list = useMemo(() => ids.map((id) => exchanges[id]!).filter(Boolean).reverse(), [ids, exchanges]);
  const newest = list[0]?.id ?? null;
  const shownId = selected !== null && exchanges[selected] ? selected : null;
  const shown = shownId ? exchanges[shownId]! : null;
  const dropped = Math.max(0, seen - ids.length);
  const { selectExchange, toggleCompare, openCompare } = store.getState();
  const following = selected === null;

  return (
    <section className="card history" role="region" aria-label="History">
      <div className="card-head">
        <h3>History</h3>
        <span className="muted small" data-testid="history-count">
          {fmtInt(list.length)} {list.length === 1 ? 'exchange' : 'exchanges'}, newest first
          {dropped > 0 ? ` · oldest ${fmtInt(dropped)} dropped (only the last ${fmtInt(MAX_EXCHANGES)} are kept; the CSV has all)` : ''}
        </span>
        <span className="spacer" />
        <label className="switch">
          <input
            id={followId}
            type="checkbox"
            checked={following}
            onChange={(e) => selectExchange(e.target.checked ? null : newest)}
          />
          <span className="switch-track" aria-hidden="true" />
          Follow newest
        </label>
        <button
          type="button"
          className="btn-small"
          disabled={ticked.length < 2}
          onClick={() => openCompare()}
          title={ticked.length < 2 ? 'Tick two or more exchanges to compare them' : undefined}
        >
          Compare{ticked.length > 0 ? ` (${ticked.length})` : ''}
        </button>
      </div>
      {list.length === 0 ? (
        <p className="muted">
          {role === 'server' ? 'Requests appear here as they arrive.' : 'Every exchange of the session is listed here.'}
        </p>
      ) : (
        <div className="history-scroll">
          <table className="grid-table history-table" aria-label="Exchanges">
            <thead>
              <tr>
                <th className="c-check">
                  <span className="visually-hidden">Compare</span>
                </th>
                <th title="One id for both ends when server and client run in this lab">#</th>
                <th>Proto</th>
                {role === 'server' ? <th>Peer</th> : null}
                <th>Command</th>
                <th>Result</th>
                <th className="num">{role === 'server' ? 'Bytes sent' : 'Bytes'}</th>
                <th className="num" title={role === 'server' ? 'From the request to the last byte sent' : 'From the request to the last byte'}>
                  Took
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((x) => (
                <HistoryRow
                  key={x.id}
                  x={x}
                  pairs={pairs}
                  pairsVersion={pairsVersion}
                  shown={shownId !== null ? x.id === shownId : x.id === newest}
                  ticked={ticked.includes(x.id)}
                  canTick={ticked.length < COMPARE_MAX}
                  onSelect={selectExchange}
                  onTick={toggleCompare}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown ? <ExchangeDetail x={shown} label={sharedIdOf(pairs, shown).id} /> : null}
      {createPortal(<CompareView />, document.body)}
    </section>
  );
}
