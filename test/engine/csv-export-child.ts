// Run in a child process by csv-export.test.ts with a small heap: exports a journal to CSV and
// prints one JSON line with the row count, the time taken and the peak memory seen while exporting.
import { statSync } from 'node:fs';
import { exportJournalCsv } from '../../src-main/engine/csv-export.js';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 10;

async function main(): Promise<void> {
  const [journalPath, outPath] = process.argv.slice(2);
  if (!journalPath || !outPath) throw new Error('usage: csv-export-child <journal> <out.csv>');
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, SAMPLE_EVERY_MS);
  const started = performance.now();
  const rows = await exportJournalCsv(journalPath, statSync(journalPath).size, outPath);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const result = {
    rows,
    ms: Math.round(ms),
    journalMB: +(statSync(journalPath).size / MB).toFixed(1),
    csvMB: +(statSync(outPath).size / MB).toFixed(1),
    rssBeforeMB: +(before.rss / MB).toFixed(1),
    peakRssMB: +(peakRss / MB).toFixed(1),
    peakHeapMB: +(peakHeap / MB).toFixed(1),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
