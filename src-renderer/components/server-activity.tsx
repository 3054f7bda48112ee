// The server's live peers and exchanges, folded from request / tx / summary events, read at most 5×/s.
import { useMemo } from 'react';
import { useServerThrottled } from '../store/store-context.js';
import type { ExchangeView } from '../store/exchanges.js';
import { fmtInt, fmtMs } from '../display/format.js';

/** Rows shown per table; older exchanges stay in the event log and the CSV. */
const VISIBLE_EXCHANGES = 50;

interface Peer {
  remote: string;
  exchanges: number;
  running: number;
  bytes: number;
  lastT: number;
}

function peersOf(exchanges: ExchangeView[]): Peer[] {
  const byRemote = new Map<string, Peer>();
  for (const x of exchanges) {
    const p = byRemote.get(x.remote) ?? { remote: x.remote, exchanges: 0, running: 0, bytes: 0, lastT: 0 };
    p.exchanges += 1;
    p.running += x.summary ? 0 : 1;
    p.bytes += x.bytes;
    p.lastT = Math.max(p.lastT, x.lastT);
    byRemote.set(x.remote, p);
  }
  return [...byRemote.values()].sort((a, b) => b.lastT - a.lastT);
}

function status(x: ExchangeView): string {
  if (!x.summary) return 'running';
  return x.summary.end === 'error' && x.summary.error ? `error: ${x.summary.error.code}` : x.summary.end.replace('-', ' ');
}

export function ServerActivity() {
  const exchanges = useServerThrottled((s) => s.exchanges);
  const ids = useServerThrottled((s) => s.exchangeIds);
  const list = useMemo(() => ids.map((id) => exchanges[id]!).filter(Boolean), [ids, exchanges]);
  const peers = useMemo(() => peersOf(list), [list]);
  const recent = list.slice(-VISIBLE_EXCHANGES).reverse();
  return (
    <section className="card">
      <div className="card-head">
        <h3>Peers</h3>
        <span className="muted small">{fmtInt(peers.length)}</span>
      </div>
      {peers.length === 0 ? (
        <p className="muted">No client has talked to this server yet.</p>
      ) : (
        <table className="grid-table" aria-label="Peers">
          <thead>
            <tr>
              <th>Peer</th>
              <th className="num">Exchanges</th>
              <th className="num">Bytes sent</th>
              <th>Now</th>
            </tr>
          </thead>
          <tbody>
            {peers.map((p) => (
              <tr key={p.remote}>
                <td className="mono">{p.remote}</td>
                <td className="num">{fmtInt(p.exchanges)}</td>
                <td className="num">{fmtInt(p.bytes)}</td>
                <td>{p.running > 0 ? <span className="pill pill-live">active</span> : <span className="muted">idle</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="card-head card-head-sub">
        <h3>Exchanges</h3>
        <span className="muted small">
          {fmtInt(list.length)}
          {list.length > VISIBLE_EXCHANGES ? `, newest ${VISIBLE_EXCHANGES} shown` : ''}
        </span>
      </div>
      {recent.length === 0 ? (
        <p className="muted">Requests appear here as they arrive.</p>
      ) : (
        <table className="grid-table" aria-label="Exchanges">
          <thead>
            <tr>
              <th>#</th>
              <th>Peer</th>
              <th>Request</th>
              <th className="num">Bytes sent</th>
              <th className="num">Took</th>
              <th>Ended</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((x) => (
              <tr key={x.id}>
                <td className="mono muted">{x.id}</td>
                <td className="mono">{x.remote}</td>
                <td className="mono ellipsis" title={x.request}>
                  {x.request || x.command || ''}
                </td>
                <td className="num">{fmtInt(x.bytes)}</td>
                <td className="num">{fmtMs(x.summary ? x.summary.durationMs : x.lastT - x.startT)}</td>
                <td>
                  <span className={`pill ${x.summary ? `end-${x.summary.end}` : 'pill-live'}`}>{status(x)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
