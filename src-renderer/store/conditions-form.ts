// The network-conditions panel's form: text fields per direction in the units a student reads
// (%, ms, KB, MB/s), turned into a LinkConditions input and checked by the one shared schema.
// Errors land on the field the schema's issue `path` names, never on parsed message text.
import type { LinkConditions, LinkConditionsInput } from '../../src-shared/link/conditions.js';
import { LINK_DEFAULT_QUEUE_BYTES, LINK_DEFAULT_REORDER_DELAY_MS, LinkConditionsSchema } from '../../src-shared/link/conditions.js';
import { LINK_PRESETS, findLinkPreset } from '../../src-shared/link/presets.js';
import { checkLinkConditions } from '../../src-shared/link/validate.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

/** Queue sizes are entered in KiB (1,024 bytes), the unit the presets and defaults are whole in
 *  (`netlab link --queue 64KiB` is the same queue; the CLI's `KB` is 1,000 bytes). */
export const KIB_BYTES = 1024;
/** Rates are entered in MB/s of 1,000,000 bytes/s, as network rates are given. */
export const MBPS_BYTES_PER_SEC = 1_000_000;
/** The largest seed the schema takes (32 bits). */
export const SEED_MAX = 0xffff_ffff;

export interface DirectionForm {
  lossPct: string;
  burstOn: boolean;
  goodToBadPct: string;
  badToGoodPct: string;
  badLossPct: string;
  dupPct: string;
  reorderPct: string;
  reorderDelayMs: string;
  delayMs: string;
  jitterMs: string;
  /** MB/s; 0 = unlimited. */
  rateMBps: string;
  /** KiB. */
  queueKiB: string;
  mtuBytes: string;
  mtuAction: 'drop' | 'fragment';
  sliceBytes: string;
  sliceVarBytes: string;
  stallMs: string;
  stallAfterBytes: string;
  resetAfterBytes: string;
  tcpRetransmitMs: string;
}
export type DirectionTextField = { [K in keyof DirectionForm]: DirectionForm[K] extends string ? K : never }[keyof DirectionForm] & string;
export type Direction = 'upstream' | 'downstream';

export interface ConditionsForm {
  /** Off = no link: the client talks to its server directly. */
  enabled: boolean;
  /** The preset the settings came from; null once the student edits them. */
  preset: string | null;
  seed: string;
  /** Off: both directions alike (the upstream form is used for both). */
  perDirection: boolean;
  upstream: DirectionForm;
  downstream: DirectionForm;
}

/** `upstream.lossPct`, `downstream.goodToBadPct`, `seed`, or `general`. */
export type ConditionsErrors = Partial<Record<string, string>>;

/** Which protocol a setting acts on; the other protocol greys it with this why. */
export const UDP_ONLY: ReadonlySet<keyof DirectionForm> = new Set([
  'burstOn',
  'goodToBadPct',
  'badToGoodPct',
  'badLossPct',
  'dupPct',
  'reorderPct',
  'reorderDelayMs',
  'mtuBytes',
  'mtuAction',
]);
export const TCP_ONLY: ReadonlySet<keyof DirectionForm> = new Set([
  'sliceBytes',
  'sliceVarBytes',
  'stallMs',
  'stallAfterBytes',
  'resetAfterBytes',
  'tcpRetransmitMs',
]);

export function appliesTo(field: keyof DirectionForm, proto: Proto): boolean {
  return proto === 'udp' ? !TCP_ONLY.has(field) : !UDP_ONLY.has(field);
}

const text = (n: number | undefined, fallback: number): string => String(n ?? fallback);
const round = (n: number): number => Math.round(n * 1000) / 1000;

function directionForm(d: LinkConditionsInput['upstream']): DirectionForm {
  const x = d ?? {};
  return {
    lossPct: text(x.lossPct, 0),
    burstOn: x.burst != null,
    goodToBadPct: text(x.burst?.goodToBadPct, 1),
    badToGoodPct: text(x.burst?.badToGoodPct, 25),
    badLossPct: text(x.burst?.badLossPct, 100),
    dupPct: text(x.dupPct, 0),
    reorderPct: text(x.reorderPct, 0),
    reorderDelayMs: text(x.reorderDelayMs, LINK_DEFAULT_REORDER_DELAY_MS),
    delayMs: text(x.delayMs, 0),
    jitterMs: text(x.jitterMs, 0),
    rateMBps: String(round((x.rateBytesPerSec ?? 0) / MBPS_BYTES_PER_SEC)),
    queueKiB: String(round((x.queueBytes ?? LINK_DEFAULT_QUEUE_BYTES) / KIB_BYTES)),
    mtuBytes: text(x.mtuBytes, 0),
    mtuAction: x.mtuAction ?? 'drop',
    sliceBytes: text(x.sliceBytes, 0),
    sliceVarBytes: text(x.sliceVarBytes, 0),
    stallMs: text(x.stallMs, 0),
    stallAfterBytes: text(x.stallAfterBytes, 0),
    resetAfterBytes: text(x.resetAfterBytes, 0),
    tcpRetransmitMs: text(x.tcpRetransmitMs, 200),
  };
}

/** The form for a preset, keeping the seed and the on/off switch the student chose. */
export function formFromPreset(name: string, keep?: Pick<ConditionsForm, 'enabled' | 'seed'>): ConditionsForm {
  const preset = findLinkPreset(name) ?? LINK_PRESETS[0]!;
  const c = preset.conditions;
  const up = directionForm(c.upstream);
  const down = directionForm(c.downstream);
  return {
    enabled: keep?.enabled ?? false,
    preset: preset.name,
    seed: keep?.seed ?? text(c.seed, 1),
    perDirection: JSON.stringify(up) !== JSON.stringify(down),
    upstream: up,
    downstream: down,
  };
}

export const DEFAULT_CONDITIONS_FORM: ConditionsForm = formFromPreset('perfect');

/** A seed a class has not used yet (any 32-bit number). */
export function newSeed(random: () => number = Math.random): string {
  return String(Math.floor(random() * SEED_MAX) + 1);
}

/** "10", "2.5", "1,000" → a number; anything else → null. */
function parseNumber(raw: string): number | null {
  const t = raw.trim().replace(/[,_\s\u202f]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

const UNIT_OF: Partial<Record<DirectionTextField, string>> = {
  lossPct: '%',
  goodToBadPct: '%',
  badToGoodPct: '%',
  badLossPct: '%',
  dupPct: '%',
  reorderPct: '%',
  reorderDelayMs: 'ms',
  delayMs: 'ms',
  jitterMs: 'ms',
  rateMBps: 'MB/s',
  queueKiB: 'KiB',
  mtuBytes: 'bytes',
  sliceBytes: 'bytes',
  sliceVarBytes: 'bytes',
  stallMs: 'ms',
  stallAfterBytes: 'bytes',
  resetAfterBytes: 'bytes',
  tcpRetransmitMs: 'ms',
};

/** Schema field → form field (the units differ for rate and queue). */
const FORM_FIELD_OF: Record<string, DirectionTextField> = {
  rateBytesPerSec: 'rateMBps',
  queueBytes: 'queueKiB',
};

/** Form field → what the schema gets, in its own units. */
const SCALE: Partial<Record<DirectionTextField, number>> = { rateMBps: MBPS_BYTES_PER_SEC, queueKiB: KIB_BYTES };
const TO_SCHEMA: Partial<Record<DirectionTextField, string>> = { rateMBps: 'rateBytesPerSec', queueKiB: 'queueBytes' };
const BURST_FIELDS = ['goodToBadPct', 'badToGoodPct', 'badLossPct'] as const;
const PLAIN_FIELDS: readonly DirectionTextField[] = [
  'lossPct',
  'dupPct',
  'reorderPct',
  'reorderDelayMs',
  'delayMs',
  'jitterMs',
  'rateMBps',
  'queueKiB',
  'mtuBytes',
  'sliceBytes',
  'sliceVarBytes',
  'stallMs',
  'stallAfterBytes',
  'resetAfterBytes',
  'tcpRetransmitMs',
];

/** Schema-side numbers of one direction, or the fields that are not numbers at all. */
function directionInput(d: DirectionForm, dir: Direction, errors: ConditionsErrors): Record<string, unknown> {
  const out: Record<string, unknown> = { mtuAction: d.mtuAction, burst: null };
  const num = (field: DirectionTextField): number | undefined => {
    const raw = d[field];
    const v = parseNumber(raw);
    if (v === null) {
      errors[`${dir}.${field}`] =
        raw.trim() === '' ? `Enter a number in ${UNIT_OF[field] ?? 'units'} (0 = off).` : `“${raw.trim()}” is not a number of ${UNIT_OF[field] ?? 'units'}.`;
      return undefined;
    }
    const scale = SCALE[field];
    return scale ? Math.round(v * scale) : v;
  };
  for (const f of PLAIN_FIELDS) out[TO_SCHEMA[f] ?? f] = num(f);
  if (d.burstOn) {
    const burst: Record<string, unknown> = {};
    for (const f of BURST_FIELDS) burst[f] = num(f);
    out.burst = burst;
  }
  return out;
}

/** The form field an issue of LinkConditionsSchema belongs to. */
export function errorKeyOf(path: readonly PropertyKey[], perDirection: boolean): string {
  const [head, second, third] = path.map(String);
  if (head !== 'upstream' && head !== 'downstream') return head === 'seed' ? 'seed' : 'general';
  // Both directions alike: the one editor shows upstream's fields.
  const dir = perDirection ? head : 'upstream';
  const field = second === 'burst' && third ? third : (FORM_FIELD_OF[second ?? ''] ?? second);
  return `${dir}.${field}`;
}

const WHOLE_FIELDS: ReadonlySet<string> = new Set(['mtuBytes', 'sliceBytes', 'sliceVarBytes', 'stallAfterBytes', 'resetAfterBytes']);
const fmt = (n: number): string => round(n).toLocaleString('en-US');

interface Issue {
  code: string;
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

/** Says a schema issue in the form's units: the schema's own sentence when it has one. */
function issueMessage(issue: Issue, key: string): string {
  if (key === 'seed') return `A seed is a whole number from 0 to ${fmt(SEED_MAX)}.`;
  const field = (key.split('.')[1] ?? '') as DirectionTextField;
  const unit = UNIT_OF[field] ?? '';
  const scale = SCALE[field] ?? 1;
  // zod's default wording ("Too big: expected number to be <=60000") is replaced; ours is kept.
  const generic = /^(Too big|Too small|Invalid)/.test(issue.message);
  if (!generic) return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
  if (issue.code === 'invalid_type') return WHOLE_FIELDS.has(field) ? 'Enter a whole number of bytes.' : 'Enter a whole number.';
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `At most ${fmt(issue.maximum / scale)} ${unit}.`;
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return `At least ${fmt(issue.minimum / scale)} ${unit}.`;
  return issue.message;
}

export type ConditionsCheck =
  | { ok: true; conditions: LinkConditions | null; key: string }
  | { ok: false; errors: ConditionsErrors };

/**
 * The conditions to open the client with: null when off, else checked by LinkConditionsSchema
 * and checkLinkConditions (the same checks the Lab and the link run). `key` is a stable text of the parsed conditions,
 * so the client re-opens only when they really changed.
 */
export function checkConditions(form: ConditionsForm, proto: Proto): ConditionsCheck {
  if (!form.enabled) return { ok: true, conditions: null, key: 'off' };
  const errors: ConditionsErrors = {};
  const upstream = directionInput(form.upstream, 'upstream', errors);
  const downstream = form.perDirection ? directionInput(form.downstream, 'downstream', errors) : upstream;
  const seedText = form.seed.trim();
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : Number.NaN;
  if (Number.isNaN(seed)) errors.seed = `A seed is a whole number from 0 to ${SEED_MAX.toLocaleString('en-US')}.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = LinkConditionsSchema.safeParse({ seed, preset: form.preset, upstream, downstream });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = errorKeyOf(issue.path, form.perDirection);
      errors[key] ??= issueMessage(issue, key);
    }
    return { ok: false, errors };
  }
  // What depends on the protocol (a UDP queue smaller than a datagram …): the Lab's own check.
  const problem = checkLinkConditions(proto, parsed.data);
  if (problem) {
    const key = errorKeyOf(problem.path.split('.'), form.perDirection);
    return { ok: false, errors: { [key]: `${problem.message.charAt(0).toUpperCase()}${problem.message.slice(1)}.` } };
  }
  return { ok: true, conditions: parsed.data, key: JSON.stringify(parsed.data) };
}
