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

type WireFacts = Pick<ExchangeSummary, 'proto' | 'wireBytes' | 'efficiency' | 'fragments' | 'mtuBytes'>;

/** "1,078 bytes, 92.8 % payload, 2 IP fragments at MTU 1,500"; null without an estimate. */
export function summaryWireFacts(s: WireFacts): string | null {
  if (s.wireBytes === undefined) return null;
  const n = (v: number): string => v.toLocaleString('en-US');
  const parts = [`${n(s.wireBytes)} bytes`];
  if (s.wireBytes > 0) parts.push(`${((s.efficiency ?? 0) * 100).toFixed(1)} % payload`);
  if (s.proto === 'udp' && (s.fragments ?? 0) > 0) parts.push(`${n(s.fragments!)} IP fragments`);
  const facts = parts.join(', ');
  return s.mtuBytes !== undefined ? `${facts} at MTU ${n(s.mtuBytes)}` : facts;
}

/** The label the estimate goes under: TCP's says whose segments they are not. */
export function summaryWireLabel(proto: ExchangeSummary['proto']): string {
  return proto === 'tcp' ? 'on the wire (estimated: the kernel decides TCP segments)' : 'on the wire (estimated)';
}

/** "on the wire (estimated): 1,078 bytes, 92.8 % payload at MTU 1,500" — the CLI's line. */
export function describeSummaryWire(s: WireFacts): string | null {
  const facts = summaryWireFacts(s);
  return facts === null ? null : `${summaryWireLabel(s.proto)}: ${facts}`;
}
