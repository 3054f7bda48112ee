// `netlab experiment list [--json]` and `netlab experiment run NAME [--json] [--summary-csv FILE]`:
// the built-in guided experiments (src-shared/experiments), run on loopback in one lab, reported
// as the runs' summaries side by side with what to look at and the lab sheet's questions.
import type { Command as Program } from 'commander';
import { EXPERIMENTS, findExperiment } from '../../src-shared/experiments/index.js';
import type { Experiment } from '../../src-shared/experiments/experiment.js';
import { experimentReportRows } from '../../src-shared/experiments/report-rows.js';
import { runExperiment } from '../../src-shared/experiments/run-experiment.js';
import type { ExperimentResult } from '../../src-shared/experiments/run-experiment.js';
import { writeSummaryCsv } from '../engine/summary-csv-export.js';
import { formatComparison } from './compare-table.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, withLab } from './session.js';

interface RunOptions {
  json?: boolean;
  summaryCsv?: string;
  csv?: string;
}

export function registerExperimentCommand(program: Program): void {
  const cmd = program
    .command('experiment')
    .description('guided experiments: list them, or run one and compare its runs');
  cmd
    .command('list')
    .description('the built-in experiments')
    .option('--json', 'print [{ name, title, summary, runs }] as JSON')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        const list = EXPERIMENTS.map((e) => ({
          name: e.name,
          title: e.title,
          summary: e.summary,
          runs: e.runs.map((r) => r.label),
        }));
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...EXPERIMENTS.map((e) => e.name.length));
      for (const e of EXPERIMENTS) process.stdout.write(`${e.name.padEnd(width)}  ${e.title}\n`);
    });
  cmd
    .command('run')
    .description('run one experiment on loopback and print its report')
    .argument('<name>', `one of: ${EXPERIMENTS.map((e) => e.name).join(', ')}`)
    .option('--json', 'print the result (every run with its client, server and link summaries) as JSON')
    .option('--summary-csv <FILE>', 'write the lab-report CSV: one numeric row per exchange')
    .option('--csv <FILE>', 'write every event of the experiment as CSV')
    .action(async (name: string, opts: RunOptions) => {
      const experiment = findExperiment(name);
      if (!experiment) {
        cmd.error(`error: no experiment "${name}"; try: netlab experiment list`);
        return;
      }
      await runAndReport(experiment, opts);
    });
}

async function runAndReport(experiment: Experiment, opts: RunOptions): Promise<void> {
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    process.stderr.write('netlab: stopping after the current run (Ctrl-C)\n');
  };
  process.on('SIGINT', onSigint);
  try {
    await withLab(opts.csv, async (lab) => {
      const human = opts.json ? process.stderr : process.stdout;
      human.write(`${experiment.title}\n${experiment.summary}\n\n`);
      const result = await runExperiment(lab, experiment, {
        cancelled: () => interrupted,
        onRunStart: (run, i) => human.write(`run ${i + 1}/${experiment.runs.length}: ${run.label} …\n`),
      });
      if (opts.summaryCsv) writeReportCsv(result, opts.summaryCsv);
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`\n${formatReport(result)}\n`);
      if (interrupted) process.exitCode = EXIT_INTERRUPTED;
      else if (result.runs.some((r) => r.client === null)) process.exitCode = EXIT_FAILURE;
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function writeReportCsv(result: ExperimentResult, path: string): void {
  const written = writeSummaryCsv(path, experimentReportRows(result));
  process.stderr.write(`netlab: wrote ${written.rows} exchange rows to ${written.path}\n`);
}

/** The report: the client summaries side by side, then what to look at and the questions. */
export function formatReport(result: ExperimentResult): string {
  const { experiment, runs } = result;
  const lines = [
    formatComparison(
      runs.map((r) => r.run.label),
      runs.map((r) => r.client),
    ),
  ];
  for (const r of runs) {
    if (r.error && r.client === null) lines.push(`${r.run.label}: did not run: ${r.error.message}`);
    const link = r.link?.link;
    if (link) {
      const d = link.downstream;
      const u = link.upstream;
      const dropped = (x: typeof d): number =>
        x.dropped.random + x.dropped.burst + x.dropped.queue + x.dropped.mtu;
      lines.push(
        `${r.run.label}: the link (${link.conditions}) dropped ${dropped(u)} going to the server and ${dropped(d)} coming back, duplicated ${u.duplicated + d.duplicated}, reordered ${u.reordered + d.reordered}`,
      );
    }
  }
  lines.push('', 'Look at:', ...experiment.lookAt.map((l) => `  - ${l}`));
  lines.push('', 'Questions:', ...experiment.questions.map((q, i) => `  ${i + 1}. ${q}`));
  return lines.join('\n');
}
