// The server's memory stays flat while it sends the largest file (docs/protocol.md §3: never materialised).
// The reader runs in a child process, so only the server's memory is measured here.
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_LIMIT_CHARS } from '../../src-shared/protocol/limits.js';
import { ServerHarness } from '../helpers/server-harness.js';
import { runNodeChild } from '../helpers/shell-peer.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

/** Generous: the file is 118 MiB; a server that buffered it would grow by at least that. */
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;
const SAMPLE_EVERY_MS = 10;

/** A fast reader: counts what arrives and prints the count when the server closes. */
const READER = `
const s = require('net').connect(+process.argv[1], '127.0.0.1', () => s.end(process.argv[2] + '\\n'));
let n = 0;
s.on('data', (d) => (n += d.length));
s.on('close', () => process.stdout.write(String(n)));
`;

async function readFile(port: number, chars: number): Promise<number> {
  return Number(await runNodeChild(READER, [String(port), String(chars)]));
}

describe('TCP server memory', () => {
  it(`stays flat while sending a ${FILE_LIMIT_CHARS}-byte file`, async () => {
    const s = await harness.start('tcp');
    await readFile(s.port, 1_000_000); // warm up code paths before the baseline
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeapAndBuffers = before.heapUsed + before.arrayBuffers;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeapAndBuffers = Math.max(peakHeapAndBuffers, m.heapUsed + m.arrayBuffers);
    }, SAMPLE_EVERY_MS);
    const started = performance.now();
    const received = await readFile(s.port, FILE_LIMIT_CHARS).finally(() => clearInterval(sampler));
    const ms = performance.now() - started;

    expect(received).toBe(FILE_LIMIT_CHARS + 'file_prepared'.length);
    const summary = await s.log.summary(1);
    expect(summary).toMatchObject({ bytes: FILE_LIMIT_CHARS, lost: 0, end: 'done' });
    const rssGrowth = peakRss - before.rss;
    const heapGrowth = peakHeapAndBuffers - (before.heapUsed + before.arrayBuffers);
    console.log(
      `123 MB TCP file: ${ms.toFixed(0)} ms, ${summary.reads} writes, ` +
        `peak RSS growth ${(rssGrowth / 2 ** 20).toFixed(1)} MiB, heap+buffers growth ${(heapGrowth / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(rssGrowth).toBeLessThan(MAX_GROWTH_BYTES);
    expect(heapGrowth).toBeLessThan(MAX_GROWTH_BYTES);
    // Large writes: a few hundred tx events for 118 MiB, never one per KiB.
    expect(summary.reads).toBeLessThan(2000);
  });
});
