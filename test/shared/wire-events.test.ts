// The per-event estimates (integer ops, no allocation) agree with the object estimates the
// summaries and the hand-computed cases use.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, eventToCsvRow } from '../../src-shared/events.js';
import type { LabEvent } from '../../src-shared/events.js';
import { describeMissingRanges } from '../../src-shared/wire/ranges.js';
import { describeSummaryWire } from '../../src-shared/wire/summary-wire.js';
import {
  tcpBytesWire,
  tcpStreamWireBytes,
  udpDatagramFragments,
  udpDatagramWire,
  udpDatagramWireBytes,
  WireTally,
} from '../../src-shared/wire/wire-size.js';

describe('per-event wire bytes', () => {
  it('equal udpDatagramWire for every size and MTU tried', () => {
    for (const ip of [4, 6] as const) {
      for (const mtu of [1280, 1500, 9000, 65_536]) {
        for (const size of [0, 1, 17, 18, 1200, 1232, 1233, 1472, 1473, 4000, 8972, 8973, 65_000]) {
          const w = udpDatagramWire(size, { ip, mtu });
          expect(udpDatagramWireBytes(size, ip, mtu)).toBe(w.wireBytes);
          expect(udpDatagramFragments(size, ip, mtu)).toBe(w.fragments);
        }
      }
    }
  });

  it('equal tcpBytesWire for every size tried', () => {
    for (const ip of [4, 6] as const)
      for (const bytes of [0, 1, 1447, 1448, 1449, 100_000, 1_000_000])
        expect(tcpStreamWireBytes(bytes, ip, 1500)).toBe(tcpBytesWire(bytes, { ip }).wireBytes);
  });

  it('UDP tally: 1120-byte chunks are 1166-byte frames; a 4000-byte datagram is 3 fragments', () => {
    const t = new WireTally('udp', '127.0.0.1:8120');
    expect(t.add(1120)).toBe(1166);
    // 4008 bytes of UDP: 1480 + 1480 + 1048; frames 1518 + 1518 + 1086.
    expect(t.add(4000)).toBe(1518 + 1518 + 1086);
    expect(t.fields()).toEqual({ wireBytes: 1166 + 4122, efficiency: Math.round((5120 / 5288) * 1e4) / 1e4, fragments: 3, mtuBytes: 1500 });
  });

  it('TCP tally: reads add what they add to the running estimate, so the events sum to the summary', () => {
    const t = new WireTally('tcp', '[::1]:8120');
    // IPv6: MSS 1500 − 40 − 32 = 1428; a 1428-byte segment is a 1518-byte frame.
    const reads = [100, 1328, 3000, 1];
    const wires = reads.map((r) => t.add(r));
    expect(wires[0]).toBe(100 + 72 + 18);
    expect(wires[0]! + wires[1]!).toBe(1518);
    expect(wires.reduce((a, b) => a + b, 0)).toBe(tcpBytesWire(4429, { ip: 6 }).wireBytes);
    expect(t.fields().fragments).toBeUndefined();
  });

  it('the CSV keeps its columns and adds wire_bytes last', () => {
    expect(CSV_COLUMNS.slice(0, 3)).toEqual(['seq', 'time_iso', 't_ms']);
    expect(CSV_COLUMNS[CSV_COLUMNS.length - 1]).toBe('wire_bytes');
    const e: LabEvent = {
      seq: 1, t: 1, time: 'x', endpoint: 'c1', role: 'client', proto: 'udp', kind: 'rx', exchange: 'x1', command: 'file',
      local: '', remote: '', bytes: 1120, segment: null, detail: '', wire: 1166,
    };
    const row = eventToCsvRow(e);
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row[row.length - 1]).toBe(1166);
    expect(eventToCsvRow({ ...e, wire: undefined }).at(-1)).toBe('');
  });

  it('says the estimate and the missing ranges in words', () => {
    expect(describeSummaryWire({ proto: 'udp', wireBytes: 5288, efficiency: 0.9682, fragments: 3, mtuBytes: 1500 })).toBe(
      'on the wire (estimated): 5,288 bytes, 96.8 % payload, 3 IP fragments at MTU 1,500',
    );
    expect(describeSummaryWire({ proto: 'tcp' })).toBeNull();
    expect(describeMissingRanges([{ from: 2009, to: 2821 }, { from: 7, to: 7 }], 814)).toBe('2,009–2,821 (813), 7');
    expect(describeMissingRanges([{ from: 9, to: 9 }, { from: 5, to: 6 }], 10, 5, 1)).toBe('9 and 9 more in 4 ranges');
  });
});
