// The machine's own timing floor for the pacing rows: a bare Node process, no sockets and no
// NetLab, waking on the same schedule (sleep to ~1 ms before each deadline, then yield until it).
// If even this misses by milliseconds, the machine, not the engine, sets the pacing p99.
// Usage: timer-floor.ts INTERVAL_MS COUNT → {"p50Ms":…,"p99Ms":…} on stdout.
import { performance } from 'node:perf_hooks';
import { percentile } from '../lib/stats.js';

const WAKE_EARLY_MS = 1;

async function until(deadline: number): Promise<void> {
  // Bounded: each pass sleeps towards the deadline or yields one turn.
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    const sleep = Math.floor(left - WAKE_EARLY_MS);
    await new Promise((r) => (sleep >= 1 ? setTimeout(r, sleep) : setImmediate(r)));
  }
}

async function main(): Promise<void> {
  const intervalMs = Number(process.argv[2]);
  const count = Number(process.argv[3]);
  if (!(intervalMs > 0) || !Number.isInteger(count) || count < 1)
    throw new Error('usage: timer-floor.ts MS COUNT');
  const start = performance.now();
  const late: number[] = [];
  for (let k = 0; k < count; k++) {
    const deadline = start + (k + 1) * intervalMs;
    await until(deadline);
    late.push(performance.now() - deadline);
  }
  process.stdout.write(`${JSON.stringify({ p50Ms: percentile(late, 50), p99Ms: percentile(late, 99) })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
