// The server's live peers, folded from request / tx / summary events, read at most 5×/s (its
// exchanges are in the history, components/exchange-history.tsx).
import { useMemo } from 'react';
import { useServerThrottled } from '../store/store-context.js';
import { peersOf } from '../store/peers.js';
import { fmtInt } from '../display/format.js';

export function ServerActivity() {
  const exchanges = useServerThrottled((s) => s.exchanges);
  const ids = useServerThrottled((s) => s.exchangeIds);
  const list = useMemo(() => ids.map((id) => exchanges[id]!).filter(Boolean), [ids, exchanges]);
  const peers = useMemo(() => peersOf(list), [list]);
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
            UDP socket), so each exchange&rsquo;s port is in the history below.
          </p>
        </>
      )}
    </section>
  );
}
