// The lab report of an experiment, built in the page from its results: one numeric row per
// exchange (src-shared/summary-csv.ts), written by csv-stringify's browser build — its Node entry
// needs Node's Buffer — with the same formula neutralisation as the CLI's --summary-csv.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ExperimentRunResult } from '../../src-shared/experiments/run-experiment.js';
import { experimentReportRows } from '../../src-shared/experiments/report-rows.js';
import { SUMMARY_CSV_COLUMNS, summaryToCsvRow } from '../../src-shared/summary-csv.js';

export function labReportCsv(runs: readonly ExperimentRunResult[]): { text: string; rows: number } {
  const rows = experimentReportRows({ runs: [...runs] });
  // A peer's echo text lands in `request`: cells starting with = + - @ tab CR are neutralised.
  const text = stringify([[...SUMMARY_CSV_COLUMNS], ...rows.map((r) => summaryToCsvRow(r.summary, r.label))], {
    escape_formulas: true,
  });
  return { text, rows: rows.length };
}

/** `netlab-lab-report-tcp-vs-udp-20261201-233500.csv`. */
export function labReportFileName(experiment: string, date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const d = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}`;
  const t = `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `netlab-lab-report-${experiment}-${d}-${t}.csv`;
}

const BLOB_URL_KEEP_MS = 60_000;

/** Saves text as a file the browser's way (a download the user keeps or moves, never a path a page names). */
export function downloadText(doc: Document, text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: Chromium may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_KEEP_MS);
}
