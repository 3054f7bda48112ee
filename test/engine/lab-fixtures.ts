// Events and journals made directly, for the batcher / journal / CSV tests.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { LabEvent } from '../../src-shared/events.js';

export function makeEvent(seq: number, detail = `event ${seq}`): LabEvent {
  return {
    seq,
    t: seq * 0.125,
    time: new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + seq).toISOString(),
    endpoint: seq % 2 === 0 ? 'srv-1' : 'cli-1',
    role: seq % 2 === 0 ? 'server' : 'client',
    proto: 'udp',
    kind: 'rx',
    exchange: `x${1 + Math.floor(seq / 1000)}`,
    command: 'stream',
    local: '127.0.0.1:8120',
    remote: '[::1]:51234',
    bytes: 1024,
    segment: seq,
    detail,
  };
}

/** Writes `count` events as NDJSON in chunks, never holding the whole journal in memory. */
export function writeJournal(path: string, count: number, detail?: (seq: number) => string): void {
  const fd = openSync(path, 'w');
  try {
    const CHUNK_EVENTS = 1000;
    for (let start = 1; start <= count; start += CHUNK_EVENTS) {
      let text = '';
      for (let seq = start; seq < Math.min(start + CHUNK_EVENTS, count + 1); seq++) {
        text += JSON.stringify(makeEvent(seq, detail?.(seq))) + '\n';
      }
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

/** Polls `check` every 10 ms until it is true; fails after `limitMs`. Returns the ms it took. */
export async function waitUntil(check: () => boolean, limitMs: number, what: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (check()) return elapsed;
    if (elapsed > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
