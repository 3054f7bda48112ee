// The lab report of a session, streamed from its journal: the `summary` events in scope, one
// numeric row each (src-shared/summary-csv.ts), through the same NDJSON reader and formula-safe
// CSV writer as the per-event export (csv-export.ts).
import type { ReportScope } from '../../src-shared/lab-report.js';
import { inReportScope } from '../../src-shared/lab-report.js';
import { SUMMARY_CSV_COLUMNS, summaryToCsvRow } from '../../src-shared/summary-csv.js';
import { exportJournalCsv, journalToCsv } from './csv-export.js';
import type { CsvStream, JournalCsvFormat } from './csv-export.js';

export function reportFormat(scope: ReportScope): JournalCsvFormat {
  return {
    columns: SUMMARY_CSV_COLUMNS,
    toRow: (event) => {
      const s = event.summary;
      if (event.kind !== 'summary' || s === undefined) return null;
      return inReportScope(scope, event.endpoint, s.exchange) ? summaryToCsvRow(s) : null;
    },
  };
}

/** The report of the first `endByte` bytes of a journal (header first, also when empty). */
export function journalToReportCsv(journalPath: string, endByte: number, scope: ReportScope): CsvStream {
  return journalToCsv(journalPath, endByte, reportFormat(scope));
}

/** Written to `outPath` atomically; resolves with the number of exchanges (rows). */
export function exportJournalReport(
  journalPath: string,
  endByte: number,
  outPath: string,
  scope: ReportScope,
): Promise<number> {
  return exportJournalCsv(journalPath, endByte, outPath, reportFormat(scope));
}
