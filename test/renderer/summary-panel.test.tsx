// @vitest-environment happy-dom
// The summary explains what the numbers mean: TCP reads vs UDP datagrams, missing sequence numbers, the end.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SummaryPanel } from '../../src-renderer/components/summary-panel.js';
import type { ExchangeSummary } from '../../src-shared/events.js';

afterEach(cleanup);

const base: ExchangeSummary = {
  exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'tcp', command: 'file', request: '1000000', expected: 1_000_000,
  bytes: 1_000_000, lost: 0, durationMs: 250, throughputBps: 4_000_000, reads: 31, datagrams: 0, segmentsExpected: 0,
  segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0, prepareMs: 0.8, end: 'fin',
  reply: null, error: null, local: '127.0.0.1:51234', remote: '127.0.0.1:8120',
};

const summary = () => within(screen.getByRole('region', { name: 'Summary' }));

describe('SummaryPanel', () => {
  it('TCP file: bytes, throughput, socket reads explained, FIN', () => {
    render(<SummaryPanel summary={base} />);
    expect(summary().getByText('1,000,000 bytes of 1,000,000 (100 %)')).toBeTruthy();
    expect(summary().getByText('file 1000000 over TCP: 1,000,000 of 1,000,000 bytes in 250 ms (4.0 MB/s, 32.0 Mbit/s)')).toBeTruthy();
    expect(summary().getByText(/^4\.0 MB\/s/)).toBeTruthy();
    expect(summary().getByText('(32.0 Mbit/s)')).toBeTruthy();
    expect(summary().getByText('Socket reads')).toBeTruthy();
    expect(summary().getByText(/not the TCP\s+segments on the wire/)).toBeTruthy();
    expect(summary().getByText(/FIN/)).toBeTruthy();
    expect(summary().getByText('file_prepared after')).toBeTruthy();
  });

  it('UDP stream: datagrams, lost bytes and the missing sequence numbers', () => {
    render(
      <SummaryPanel
        summary={{
          ...base, proto: 'udp', command: 'stream', request: 'stream-10-200-1024', expected: 204_800, bytes: 201_728,
          lost: 3072, reads: 0, datagrams: 197, segmentsExpected: 200, segmentsReceived: 197, missing: 3,
          missingSample: [12, 57, 58], end: 'idle-timeout', prepareMs: null,
        }}
      />,
    );
    expect(summary().getByText('Datagrams')).toBeTruthy();
    expect(summary().getByText('3,072 bytes')).toBeTruthy();
    expect(summary().getByText('201,728 bytes of 204,800 (98.5 %)')).toBeTruthy();
    expect(summary().getByText(/197 of 200 by sequence number/)).toBeTruthy();
    expect(summary().getByText('12, 57–58 (2)')).toBeTruthy();
    expect(summary().getByText(/UDP has no end marker/)).toBeTruthy();
    expect(summary().queryByText('file_prepared after')).toBeNull();
  });

  it('missing numbers as ranges in sending order, the rest counted', () => {
    render(
      <SummaryPanel
        summary={{
          ...base, proto: 'udp', command: 'stream', request: 'stream-10-5000-100', expected: 500_000, segmentsExpected: 5000,
          segmentsReceived: 4000, missing: 1000, missingSample: [], missingRangeCount: 12,
          missingRanges: [{ from: 2009, to: 2821 }, { from: 7, to: 7 }, ...Array.from({ length: 10 }, (_, i) => ({ from: 100 + i * 10, to: 100 + i * 10 }))],
          end: 'idle-timeout', prepareMs: null,
        }}
      />,
    );
    expect(summary().getByText(/^2,009–2,821 \(813\), 7, 100, .* and 178 more in 2 ranges$/)).toBeTruthy();
  });

  it('bytes on the wire, estimated, with how it is computed', () => {
    render(<SummaryPanel summary={{ ...base, wireBytes: 1_035_116, efficiency: 0.9661, mtuBytes: 1500 }} />);
    expect(summary().getByText(/^On the wire \(estimated: the kernel decides TCP segments\)$/)).toBeTruthy();
    expect(summary().getByTestId('wire-estimate').textContent).toBe('1,035,116 bytes, 96.6 % payload at MTU 1,500');
    expect(summary().getByText('How is this computed?')).toBeTruthy();
    expect(summary().getByText(/loopback’s MTU is 65,536/)).toBeTruthy();
  });

  it('never rounds a shortfall up to 100 %', () => {
    render(<SummaryPanel summary={{ ...base, bytes: 999_999, lost: 1 }} />);
    expect(summary().getByText('999,999 bytes of 1,000,000 (99.9 %)')).toBeTruthy();
  });

  it('an error end says what went wrong', () => {
    render(<SummaryPanel summary={{ ...base, end: 'error', error: { code: 'CONNECTION_RESET', message: 'Connection reset by the peer.' } }} />);
    expect(summary().getByText('An error ended it: Connection reset by the peer.')).toBeTruthy();
  });

  it('before any exchange it says what will appear', () => {
    render(<SummaryPanel summary={null} />);
    expect(summary().getByText(/summary appears here/)).toBeTruthy();
  });

  it('says which conditions applied and what the link did, by cause', () => {
    const dir = (extra: object) => ({
      packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0, dropped: { random: 0, burst: 0, queue: 0, mtu: 0 },
      fragmented: 0, duplicated: 0, reordered: 0, delayP50Ms: null, delayP99Ms: null, ...extra,
    });
    const udp: ExchangeSummary = { ...base, proto: 'udp', conditions: 'lossy-10: loss 10 %, delay 2 ms, seed 42' };
    const stats = {
      seed: 42, conditions: 'lossy-10: loss 10 %, delay 2 ms, seed 42',
      upstream: dir({ packetsIn: 1, packetsOut: 1, delayP50Ms: 2, delayP99Ms: 2 }),
      downstream: dir({ packetsIn: 1000, packetsOut: 899, dropped: { random: 101, burst: 0, queue: 0, mtu: 0 }, delayP50Ms: 2, delayP99Ms: 2.5 }),
    };
    const { rerender } = render(<SummaryPanel summary={udp} link={{ exchange: 'x1', drops: 101, duplicated: 0, stats: null }} />);
    expect(summary().getByText('lossy-10: loss 10 %, delay 2 ms, seed 42')).toBeTruthy();
    expect(summary().getByText(/101 dropped so far/)).toBeTruthy();
    rerender(<SummaryPanel summary={udp} link={{ exchange: 'x1', drops: 101, duplicated: 0, stats }} />);
    expect(summary().getByText(/1 datagram in, 1 out · delay p50 2\.0 ms, p99 2\.0 ms/)).toBeTruthy();
    expect(summary().getByText(/1,000 datagrams in, 899 out · 101 dropped \(random 101\)/)).toBeTruthy();
    // Another exchange's link view is not this one's.
    rerender(<SummaryPanel summary={{ ...udp, exchange: 'x9' }} link={{ exchange: 'x1', drops: 101, duplicated: 0, stats }} />);
    expect(summary().getByText(/0 dropped so far/)).toBeTruthy();
    // No conditions: no link rows.
    rerender(<SummaryPanel summary={base} link={null} />);
    expect(summary().queryByText('The link did')).toBeNull();
  });
});

describe('SummaryPanel: honest endings (sentences from src-shared/endings.ts)', () => {
  it('a capped stream is said as capped, not as loss', () => {
    render(
      <SummaryPanel
        summary={{
          ...base, proto: 'tcp', command: 'stream', request: 'stream-0-20000-10', expected: 100_010, bytes: 100_010,
          segmentsExpected: 10_001, segmentsReceived: 10_001, streamCap: { sent: 10_001, requested: 20_000 }, prepareMs: null,
        }}
      />,
    );
    expect(summary().getByText(/Not loss: the server capped the stream at 10,001 of 20,000 segments\./)).toBeTruthy();
  });

  it('no rate from a zero-length interval, and queued bytes said as such', () => {
    render(<SummaryPanel summary={{ ...base, role: 'server', durationMs: 0, throughputBps: 0, queuedNotConfirmed: true, end: 'error' }} />);
    expect(summary().getByText('rate not measurable (too short an interval)')).toBeTruthy();
    expect(summary().getByText(/what the kernel took \(queued, not confirmed by the peer\)/)).toBeTruthy();
  });
});
