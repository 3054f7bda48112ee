// The server's live peers and exchanges, folded from request / tx / summary events, read at most 5×/s.
import { useMemo } from 'react';
import { useServerThrottled } from '../store/store-context.js';
import type { ExchangeView } from '../store/exchanges.js';
import { answerMs, peersOf } from '../store/peers.js';
import { fmtInt, fmtMs } from '../display/format.js';

/** Rows shown per table; older exchanges stay in the event log and the CSV. */
const VISIBLE_EXCHANGES = 50;

function status(x: ExchangeView): string {
  if (!x.summary) return 'running';
  return x.summary.end === 'error' && x.summary.error ? `error: ${x.summary.error.code}` : x.summary.end.replace('-', ' ');
}

function tookTitle(x: ExchangeView): string {
  const base = 'From the request to the last byte sent';
  if (!x.summary) return `${base}, so far`;
  const writes = x.proto === 'tcp' ? x.summary.reads : x.summary.datagrams;
  return `${base}. Sending alone (first to last of ${fmtInt(writes)} ${x.proto === 'tcp' ? 'writes' : 'datagrams'}): ${fmtMs(x.summary.durationMs)}`;
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
        <>
          <table className="grid-table" aria-label="Peers">
            <thead>
              <tr>
                <th>Host</th>
                <th className="num" title="Source ports this host used">Ports</th>
                <th className="num">Exchanges</th>
                <th className="num">Bytes sent</th>
                <th>Now</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={p.host}>
                  <td className="mono">{p.host}</td>
                  <td className="num">{fmtInt(p.ports)}</td>
                  <td className="num">{fmtInt(p.exchanges)}</td>
                  <td className="num">{fmtInt(p.bytes)}</td>
                  <td>{p.running > 0 ? <span className="pill pill-live">active</span> : <span className="muted">idle</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-note muted small">
            One row per host: NetLab&rsquo;s client uses a new source port for every exchange (a new TCP connection or
            UDP socket), so each exchange&rsquo;s port is in the list below.
          </p>
        </>
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
              <th className="num" title="From the request to the last byte sent">
                Took
              </th>
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
                <td className="num" title={tookTitle(x)}>
                  {fmtMs(answerMs(x))}
                </td>
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
