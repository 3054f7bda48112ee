// Writes the lab-report CSV for a set of summaries (an experiment, a comparison): bounded by the
// number of exchanges, so it is built in memory and written atomically (temp file, then rename).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { SUMMARY_CSV_COLUMNS, summaryToCsvRow } from '../../src-shared/summary-csv.js';
import { toLabError } from './errors.js';

export interface LabelledSummary {
  summary: ExchangeSummary;
  label?: string;
}

/** Returns the absolute path and the number of rows written (header not counted). */
export function writeSummaryCsv(
  path: string,
  rows: readonly LabelledSummary[],
): { path: string; rows: number } {
  const full = resolve(path);
  // A peer's echo text lands in `request`: cells starting with = + - @ tab CR are neutralised.
  const text = stringify(
    [[...SUMMARY_CSV_COLUMNS], ...rows.map((r) => summaryToCsvRow(r.summary, r.label))],
    {
      escape_formulas: true,
    },
  );
  const temp = `${full}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, full);
  } catch (err) {
    rmSync(temp, { force: true });
    throw toLabError(err, full);
  }
  return { path: full, rows: rows.length };
}
