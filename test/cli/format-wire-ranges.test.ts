// The CLI's client summary prints missing sequence numbers as ranges and the on-wire estimate.
import { describe, expect, it } from 'vitest';
import { formatClientSummary } from '../../src-main/cli/format.js';
import type { ExchangeSummary } from '../../src-shared/events.js';

const base: ExchangeSummary = {
  exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'udp', command: 'stream', request: 'stream-1-5000-100',
  expected: 500_000, bytes: 418_600, lost: 81_400, durationMs: 5000, throughputBps: 83_720, reads: 0, datagrams: 4186,
  segmentsExpected: 5000, segmentsReceived: 4186, missing: 814, missingSample: [], outOfOrder: 0, duplicated: 0,
  prepareMs: null, end: 'idle-timeout', reply: null, error: null, local: '127.0.0.1:51234', remote: '127.0.0.1:8120',
};

describe('formatClientSummary', () => {
  it('missing numbers as ranges, and the wire estimate with its MTU', () => {
    const text = formatClientSummary({
      ...base,
      missingRanges: [{ from: 2009, to: 2821 }, { from: 7, to: 7 }],
      missingRangeCount: 2,
      wireBytes: 4186 * 146,
      efficiency: 0.6849,
      fragments: 0,
      mtuBytes: 1500,
    });
    expect(text).toContain('missing 814: 2,009–2,821 (813), 7,');
    expect(text).toContain('on the wire (estimated): 611,156 bytes, 68.5 % payload at MTU 1,500');
  });

  it('an older summary without ranges falls back to the sample; TCP says whose segments', () => {
    const text = formatClientSummary({ ...base, missing: 3, missingSample: [58, 57, 12] });
    expect(text).toContain('missing 3: 12, 57–58 (2),');
    expect(text).not.toContain('on the wire');
    const tcp = formatClientSummary({ ...base, proto: 'tcp', missing: 0, wireBytes: 1518, efficiency: 0.9539, mtuBytes: 1500 });
    expect(tcp).toContain('on the wire (estimated: the kernel decides TCP segments): 1,518 bytes');
  });
});
