import { describe, expect, it } from 'vitest';
import { formatRanges, toRanges } from '../../src-shared/wire/ranges.js';
import {
  ipVersionOf,
  tcpBytesWire,
  tcpMss,
  udpDatagramWire,
  udpFileWire,
} from '../../src-shared/wire/wire-size.js';

// Every expected figure below was worked out by hand from the header sizes in wire-size.ts.
describe('wire size estimates', () => {
  it('a classic 1120-byte UDP chunk over IPv4 Ethernet: 1148 IP bytes in a 1166-byte frame', () => {
    const w = udpDatagramWire(1120, { ip: 4 });
    expect(w).toMatchObject({ packets: 1, fragments: 0, ipBytes: 1148, wireBytes: 1166, preambleGapBytes: 20 });
    expect(w.efficiency).toBeCloseTo(1120 / 1166, 10);
  });

  it('pads a tiny datagram to the 64-byte minimum frame', () => {
    expect(udpDatagramWire(2, { ip: 4 })).toMatchObject({ ipBytes: 30, wireBytes: 64 });
  });

  it('fits 1472 bytes in one IPv4 packet and fragments 1473', () => {
    expect(udpDatagramWire(1472, { ip: 4 })).toMatchObject({ packets: 1, fragments: 0, ipBytes: 1500, wireBytes: 1518 });
    // 1481 bytes of UDP: 1480 in the first fragment, 1 in the second (21-byte packet, padded frame).
    expect(udpDatagramWire(1473, { ip: 4 })).toMatchObject({ packets: 2, fragments: 2, ipBytes: 1521, wireBytes: 1582 });
  });

  it('cuts the largest IPv4 datagram into 45 fragments', () => {
    expect(udpDatagramWire(65_507, { ip: 4 })).toMatchObject({ packets: 45, fragments: 45, ipBytes: 66_415, wireBytes: 67_225 });
  });

  it('uses 40-byte headers and the fragment header over IPv6', () => {
    expect(udpDatagramWire(1452, { ip: 6 })).toMatchObject({ packets: 1, ipBytes: 1500 });
    expect(udpDatagramWire(1453, { ip: 6 })).toMatchObject({ packets: 2, fragments: 2, ipBytes: 1557, wireBytes: 1593 });
  });

  it('does not fragment on loopback’s 65,536-byte MTU', () => {
    expect(udpDatagramWire(65_507, { ip: 4, mtu: 65_536 }).fragments).toBe(0);
  });

  it('adds a file’s shorter last chunk', () => {
    expect(udpFileWire(10_000, 1120, { ip: 4 })).toMatchObject({ packets: 9, wireBytes: 8 * 1166 + 1086, payloadBytes: 10_000 });
  });

  it('counts TCP as full 1448-byte segments with 52 bytes of headers each', () => {
    expect(tcpMss({ ip: 4 })).toBe(1448);
    expect(tcpMss({ ip: 6 })).toBe(1428);
    const w = tcpBytesWire(1_000_000, { ip: 4 });
    expect(w).toMatchObject({ packets: 691, ipBytes: 1_035_932, wireBytes: 1_048_370, fragments: 0 });
  });

  it('refuses an MTU below what the IP version requires', () => {
    expect(() => udpDatagramWire(10, { ip: 6, mtu: 1000 })).toThrow(/1280/);
  });

  it('tells IPv6 addresses from IPv4', () => {
    expect(ipVersionOf('[::1]:8120')).toBe(6);
    expect(ipVersionOf('127.0.0.1:8120')).toBe(4);
  });
});

describe('ranges', () => {
  it('merges numbers into sorted ranges', () => {
    expect(toRanges([5, 3, 4, 9, 9, 1])).toEqual([
      { from: 1, to: 1 },
      { from: 3, to: 5 },
      { from: 9, to: 9 },
    ]);
  });

  it('says a burst as one range with its length', () => {
    const burst = Array.from({ length: 813 }, (_, i) => 2009 + i);
    expect(formatRanges(toRanges(burst))).toBe('2,009–2,821 (813)');
    expect(formatRanges([])).toBe('none');
  });

  it('stops after a few ranges and counts the rest', () => {
    const odd = Array.from({ length: 20 }, (_, i) => i * 2);
    expect(formatRanges(toRanges(odd), 3)).toBe('0, 2, 4 and 17 more in 17 ranges');
  });
});
