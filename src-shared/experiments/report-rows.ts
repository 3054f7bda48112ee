// The rows of an experiment's lab report: every summary of every run (client, server, link), each
// labelled with its run, in run order. One list, so the CLI's --summary-csv and the app's
// "Download lab report" hand in the same rows.
import type { ExchangeSummary } from '../events.js';
import type { ExperimentResult } from './run-experiment.js';

export interface LabelledSummary {
  summary: ExchangeSummary;
  label?: string;
}

export function experimentReportRows(result: Pick<ExperimentResult, 'runs'>): LabelledSummary[] {
  return result.runs.flatMap((r) =>
    [r.client, r.server, r.link].flatMap((s) => (s ? [{ summary: s, label: r.run.label }] : [])),
  );
}
