// One row of the benchmark table: a NetLab figure over several runs, the reference measured in
// the same run, their ratio, and whether the target is met.
import { spread } from './stats.js';
import type { Spread } from './stats.js';

/** A benchmark that measured something wrong (byte count, crash): `npm run bench` exits non-zero. */
export class BrokenBenchmark extends Error {
  override name = 'BrokenBenchmark';
}

export interface Figure extends Spread {
  label: string;
  unit: string;
  runs: number[];
}

export type RowStatus = 'met' | 'missed' | 'info' | 'not run' | 'broken';

export interface BenchRow {
  scenario: string;
  /** NetLab's figure; null when the row did not run. */
  figure: Figure | null;
  reference: Figure | null;
  /** figure ÷ reference medians (or as the target defines it); null when there is none. */
  ratio: number | null;
  target: string;
  status: RowStatus;
  /** Why a row was not run, missed or broken, or what the figures mean. */
  note: string;
  /** Secondary figures (p50, p99, MB/s…), shown after the note and kept in the JSON. */
  extra?: Figure[];
}

export function figure(label: string, unit: string, runs: readonly number[]): Figure {
  return { label, unit, runs: [...runs], ...spread(runs) };
}

export function metOrMissed(met: boolean): RowStatus {
  return met ? 'met' : 'missed';
}

export function notRunRow(scenario: string, target: string, reason: string): BenchRow {
  return { scenario, figure: null, reference: null, ratio: null, target, status: 'not run', note: reason };
}

export function brokenRow(scenario: string, target: string, reason: string): BenchRow {
  return { scenario, figure: null, reference: null, ratio: null, target, status: 'broken', note: reason };
}

export function ratioOf(a: Figure | null, b: Figure | null): number | null {
  if (!a || !b || !Number.isFinite(a.median) || !Number.isFinite(b.median) || b.median === 0) return null;
  return a.median / b.median;
}
