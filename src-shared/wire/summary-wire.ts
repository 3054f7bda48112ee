// The on-wire estimate of one exchange's payload, from what its summary counted: TCP as MSS-sized
// segments, UDP as the datagrams that arrived (their sizes taken as equal but the last).
import type { ExchangeSummary } from '../events.js';
import type { WireEstimate } from './wire-size.js';
import { EMPTY_WIRE_ESTIMATE, ipVersionOf, tcpBytesWire, udpFileWire } from './wire-size.js';

export function summaryWire(
  s: Pick<ExchangeSummary, 'proto' | 'bytes' | 'datagrams' | 'local' | 'remote'>,
  mtu?: number,
): WireEstimate {
  const ip = ipVersionOf(s.remote || s.local);
  if (s.bytes <= 0) return EMPTY_WIRE_ESTIMATE;
  if (s.proto === 'tcp') return tcpBytesWire(s.bytes, { ip, mtu });
  const datagrams = Math.max(s.datagrams, 1);
  return udpFileWire(s.bytes, Math.ceil(s.bytes / datagrams), { ip, mtu });
}
