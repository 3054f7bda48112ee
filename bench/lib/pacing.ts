// Pure pacing arithmetic: when each stream segment arrived, from the client's reads, against the
// ideal schedule (request time + (k + 1) × interval).
import type { RxPoint } from '../child/agent-protocol.js';
import { median, percentile } from './stats.js';

/**
 * Arrival time of each whole segment: the read in which the byte count first reached
 * (k + 1) × size. TCP reads are not segments (one read may complete several), UDP reads are.
 */
export function segmentArrivals(rx: readonly RxPoint[], size: number, count: number): number[] {
  const arrivals: number[] = [];
  let bytes = 0;
  for (const point of rx) {
    bytes += point.bytes;
    while (arrivals.length < count && bytes >= (arrivals.length + 1) * size) arrivals.push(point.t);
  }
  return arrivals;
}

export interface PacingErrors {
  /** (actual − ideal) / ideal total duration, %: request to last byte against count × interval. */
  durationErrorPct: number;
  /**
   * The schedule's constant lag at the client (request delivery, server wake-up, one-way
   * delivery), ms: the median of arrival − (request + (k + 1) × interval).
   */
  latencyMs: number;
  /** |arrival − ideal| per segment once that constant lag is taken out, ms. */
  p50Ms: number;
  p99Ms: number;
}

export function pacingErrors(
  requestT: number,
  arrivals: readonly number[],
  intervalMs: number,
  durationMs: number,
): PacingErrors {
  const ideal = arrivals.length * intervalMs;
  const lags = arrivals.map((t, k) => t - (requestT + (k + 1) * intervalMs));
  const latencyMs = median(lags);
  const errors = lags.map((lag) => Math.abs(lag - latencyMs));
  return {
    durationErrorPct: (100 * (durationMs - ideal)) / ideal,
    latencyMs,
    p50Ms: percentile(errors, 50),
    p99Ms: percentile(errors, 99),
  };
}
