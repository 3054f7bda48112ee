// `netlab link` flags → LinkConditions input: each flag parsed by the shared unit parsers (the UI
// panel uses the same ones), a bad value a one-line error naming the flag.
import { InvalidArgumentError } from 'commander';
import type { DirectionConditionsInput, LinkConditionsInput } from '../../src-shared/link/conditions.js';
import { findLinkPreset, LINK_PRESETS } from '../../src-shared/link/presets.js';
import type { UnitResult } from '../../src-shared/link/units.js';
import {
  parseBurst,
  parseBytes,
  parseDurationMs,
  parsePercent,
  parseRate,
  parseSlice,
} from '../../src-shared/link/units.js';

export interface LinkFlags {
  loss?: number;
  burst?: { goodToBadPct: number; badToGoodPct: number };
  dup?: number;
  reorder?: number;
  delay?: number;
  jitter?: number;
  rate?: number;
  queue?: number;
  mtu?: number;
  mtuFragment?: boolean;
  slice?: { bytes: number; varBytes: number };
  stall?: number;
  stallAfter?: number;
  resetAfter?: number;
  retransmit?: number;
  seed?: number;
  preset?: string;
  direction?: 'both' | 'up' | 'down';
}

/** A commander argument parser from a shared unit parser. */
function flag<T>(parse: (text: string) => UnitResult<T>): (text: string) => T {
  return (text) => {
    const r = parse(text);
    if (!r.ok) throw new InvalidArgumentError(`${r.message}.`);
    return r.value;
  };
}

export const parsePercentFlag = flag(parsePercent);
export const parseDurationFlag = flag(parseDurationMs);
export const parseBytesFlag = flag(parseBytes);
export const parseRateFlag = flag(parseRate);
export const parseSliceFlag = flag(parseSlice);
export const parseBurstFlag = flag(parseBurst);

export function parseSeedFlag(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 0xffff_ffff) throw new InvalidArgumentError('a seed is a whole number from 0 to 4294967295.');
  return n;
}

export function parsePresetFlag(name: string): string {
  if (!findLinkPreset(name)) {
    throw new InvalidArgumentError(`no preset "${name}"; presets: ${LINK_PRESETS.map((p) => p.name).join(', ')}.`);
  }
  return name;
}

/** Which flag sets a DirectionConditions field, so a schema error names what the user typed. */
export const FIELD_FLAGS: Record<string, string> = {
  lossPct: '--loss',
  burst: '--burst',
  goodToBadPct: '--burst',
  badToGoodPct: '--burst',
  dupPct: '--dup',
  reorderPct: '--reorder',
  delayMs: '--delay',
  jitterMs: '--jitter',
  rateBytesPerSec: '--rate',
  queueBytes: '--queue',
  mtuBytes: '--mtu',
  sliceBytes: '--slice',
  sliceVarBytes: '--slice',
  stallMs: '--stall',
  stallAfterBytes: '--stall-after',
  resetAfterBytes: '--reset-after',
  tcpRetransmitMs: '--retransmit',
  seed: '--seed',
};

/** The conditions the flags ask for: a preset (if any), then every given flag on top of it. */
export function conditionsFromFlags(f: LinkFlags): LinkConditionsInput {
  const preset = f.preset ? findLinkPreset(f.preset) : undefined;
  const base = preset?.conditions ?? {};
  const set: DirectionConditionsInput = {};
  if (f.loss !== undefined) set.lossPct = f.loss;
  if (f.burst !== undefined) set.burst = { ...f.burst, badLossPct: 100 };
  if (f.dup !== undefined) set.dupPct = f.dup;
  if (f.reorder !== undefined) set.reorderPct = f.reorder;
  if (f.delay !== undefined) set.delayMs = f.delay;
  if (f.jitter !== undefined) set.jitterMs = f.jitter;
  if (f.rate !== undefined) set.rateBytesPerSec = f.rate;
  if (f.queue !== undefined) set.queueBytes = f.queue;
  if (f.mtu !== undefined) set.mtuBytes = f.mtu;
  if (f.mtuFragment) set.mtuAction = 'fragment';
  if (f.slice !== undefined) {
    set.sliceBytes = f.slice.bytes;
    set.sliceVarBytes = f.slice.varBytes;
  }
  if (f.stall !== undefined) set.stallMs = f.stall;
  if (f.stallAfter !== undefined) set.stallAfterBytes = f.stallAfter;
  if (f.resetAfter !== undefined) set.resetAfterBytes = f.resetAfter;
  if (f.retransmit !== undefined) set.tcpRetransmitMs = f.retransmit;
  const direction = f.direction ?? 'both';
  const up = direction === 'down' ? {} : set;
  const down = direction === 'up' ? {} : set;
  const changed = Object.keys(set).length > 0;
  return {
    seed: f.seed ?? base.seed,
    preset: changed && preset ? `${preset.name}+` : (preset?.name ?? null),
    upstream: { ...base.upstream, ...up },
    downstream: { ...base.downstream, ...down },
  };
}
