// Stream pacing on absolute deadlines (docs/protocol.md §3): segment k (from 0) is due at
// start + (k + 1) × interval, so a late wake-up never shifts the segments after it.
import { performance } from 'node:perf_hooks';
import { TIMER_MAX_MS } from '../../../src-shared/protocol/server-limits.js';

/**
 * setTimeout fires on libuv's millisecond clock and is often up to ~1 ms late, so the pacer
 * sleeps until this long before a deadline and covers the rest by yielding with setImmediate.
 */
export const PACER_WAKE_EARLY_MS = 1.5;
/** Node clamps shorter timeouts to 1 ms; below this a timer cannot help. */
const TIMER_MIN_MS = 1;
/** Overdue (or interval-0) segments sent back to back before the pacer yields to other sockets. */
export const PACER_MAX_SENDS_PER_TURN = 64;

export type PacerResult = 'done' | 'cancelled' | 'stopped';

export interface PacerOptions {
  intervalMs: number;
  count: number;
  signal?: AbortSignal;
  /** Clock in ms; injectable so tests can jump time. */
  now?: () => number;
}

/**
 * Calls `send(index)` for index 0 … count − 1, each at its deadline or, when behind, at once.
 * `send` returns false (or a promise of false) to stop early, e.g. when the peer has gone;
 * a promise is awaited, which is how transport backpressure slows an interval-0 stream.
 */
export async function paceStream(
  options: PacerOptions,
  send: (index: number) => boolean | Promise<boolean>,
): Promise<PacerResult> {
  const { intervalMs, count, signal } = options;
  const now = options.now ?? (() => performance.now());
  const start = now();
  let sendsThisTurn = 0;
  for (let index = 0; index < count; index++) {
    const deadline = start + (index + 1) * intervalMs;
    if (now() < deadline) {
      if (!(await waitUntil(deadline, now, signal))) return 'cancelled';
      sendsThisTurn = 0;
    } else if (sendsThisTurn >= PACER_MAX_SENDS_PER_TURN) {
      await nextTurn();
      sendsThisTurn = 0;
    }
    if (signal?.aborted) return 'cancelled';
    const result = send(index);
    const more = typeof result === 'boolean' ? result : await result;
    sendsThisTurn += 1;
    if (!more) return signal?.aborted ? 'cancelled' : 'stopped';
  }
  return 'done';
}

/** Resolves true at the deadline, false if cancelled first. */
async function waitUntil(deadline: number, now: () => number, signal?: AbortSignal): Promise<boolean> {
  // Bounded: every pass either sleeps towards the deadline or yields one event-loop turn.
  for (;;) {
    if (signal?.aborted) return false;
    const remaining = deadline - now();
    if (remaining <= 0) return true;
    const sleepMs = Math.floor(remaining - PACER_WAKE_EARLY_MS);
    if (sleepMs >= TIMER_MIN_MS) await sleep(sleepMs, signal);
    else await nextTurn();
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    // Node fires a longer timeout after 1 ms (with a warning): clamp, and waitUntil sleeps again.
    const timer = setTimeout(done, Math.min(ms, TIMER_MAX_MS));
    signal?.addEventListener('abort', done, { once: true });
  });
}
