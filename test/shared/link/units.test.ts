import { describe, expect, it } from 'vitest';
import { LinkConditionsSchema } from '../../../src-shared/link/conditions.js';
import { describeConditions } from '../../../src-shared/link/describe.js';
import { LINK_TCP_LOSS_NOTE } from '../../../src-shared/link/limits.js';
import { findLinkPreset } from '../../../src-shared/link/presets.js';
import { leadingSequence } from '../../../src-shared/link/segment.js';
import { parseBurst, parseBytes, parseDurationMs, parsePercent, parseRate, parseSlice } from '../../../src-shared/link/units.js';
import { checkLinkConditions } from '../../../src-shared/link/validate.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('units', () => {
  it.each([
    ['5%', 5],
    ['0.5 %', 0.5],
    ['100', 100],
  ])('percent %s', (t, v) => expect(value(parsePercent(t))).toBe(v));

  it.each(['-1%', '101%', 'five', ''])('refuses percent %s', (t) => expect(parsePercent(t).ok).toBe(false));

  it.each([
    ['40ms', 40],
    ['40', 40],
    ['1.5s', 1500],
    ['250us', 0.25],
  ])('duration %s', (t, v) => expect(value(parseDurationMs(t))).toBe(v));

  it('refuses a negative delay', () => expect(parseDurationMs('-5ms').ok).toBe(false));

  it.each([
    ['64KB', 64_000],
    ['64KiB', 65_536],
    ['1500', 1500],
    ['1MB', 1_000_000],
  ])('bytes %s', (t, v) => expect(value(parseBytes(t))).toBe(v));

  it.each([
    ['1MB/s', 1_000_000],
    ['500KB/s', 500_000],
    ['8Mbit/s', 1_000_000],
    ['1000', 1000],
  ])('rate %s', (t, v) => expect(value(parseRate(t))).toBe(v));

  it.each([
    ['100', { bytes: 100, varBytes: 0 }],
    ['100±50', { bytes: 100, varBytes: 50 }],
    ['100+-50', { bytes: 100, varBytes: 50 }],
  ])('slice %s', (t, v) => expect(value(parseSlice(t))).toEqual(v));

  it('refuses a slice variation as large as the slice', () => expect(parseSlice('10±10').ok).toBe(false));

  it('burst P_GB,P_BG', () => {
    expect(value(parseBurst('1%,25%'))).toEqual({ goodToBadPct: 1, badToGoodPct: 25 });
    expect(parseBurst('1%,0%').ok).toBe(false);
    expect(parseBurst('1%').ok).toBe(false);
  });
});

describe('describeConditions', () => {
  it('names the preset, the settings and the seed', () => {
    const c = LinkConditionsSchema.parse({ ...findLinkPreset('lossy-10')!.conditions, seed: 42 });
    expect(describeConditions(c, 'udp')).toBe('lossy-10: loss 10 %, delay 2 ms, seed 42');
  });

  it('says how TCP shows loss', () => {
    const c = LinkConditionsSchema.parse({ ...findLinkPreset('lossy-10')!.conditions, seed: 42 });
    expect(describeConditions(c, 'tcp')).toBe('lossy-10: loss 10 % as 200 ms retransmission delay, delay 2 ms, seed 42');
    expect(LINK_TCP_LOSS_NOTE).toMatch(/cannot make the kernel drop a segment/);
  });

  it('describes the directions apart when they differ, and a perfect link as such', () => {
    expect(describeConditions(LinkConditionsSchema.parse({ seed: 1 }))).toBe('no conditions, seed 1');
    const c = LinkConditionsSchema.parse({ seed: 7, downstream: { rateBytesPerSec: 1_000_000 } });
    expect(describeConditions(c, 'tcp')).toBe('down: rate 1 MB/s, seed 7');
  });
});

describe('checkLinkConditions', () => {
  it('refuses a UDP queue smaller than one datagram under a rate limit', () => {
    const c = LinkConditionsSchema.parse({ upstream: { rateBytesPerSec: 1000, queueBytes: 500 } });
    expect(checkLinkConditions('udp', c)?.path).toBe('upstream.queueBytes');
    expect(checkLinkConditions('tcp', c)).toBeNull();
  });

  it('the schema names the field of an out-of-range loss or a negative delay', () => {
    const loss = LinkConditionsSchema.safeParse({ upstream: { lossPct: 150 } });
    expect(loss.success).toBe(false);
    expect(loss.error?.issues[0]?.path).toEqual(['upstream', 'lossPct']);
    const delay = LinkConditionsSchema.safeParse({ downstream: { delayMs: -1 } });
    expect(delay.error?.issues[0]?.path).toEqual(['downstream', 'delayMs']);
  });
});

describe('leadingSequence', () => {
  it('reads the stream segment number a payload starts with', () => {
    expect(leadingSequence(Buffer.from('1000AAAA'))).toBe(1000);
    expect(leadingSequence(Buffer.from('AAAA'))).toBeNull();
    expect(leadingSequence(Buffer.from('12345678901A'))).toBeNull();
  });
});
