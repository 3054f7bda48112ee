// `npm run bench [-- --quick] [-- --only id,id] [-- --runs N]`: runs every scenario several times,
// prints medians with min–max beside a reference measured in the same run, and writes
// bench/results/latest.json. Exit status: 1 when a benchmark is broken (wrong byte count, crash),
// 0 otherwise — a slow machine misses targets but does not fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchContext, Scenario } from './lib/context.js';
import { describeLoad, LoadMeter } from './lib/load.js';
import { describeMachine, machineInfo } from './lib/machine.js';
import { toJsonRow, writeReport } from './lib/report.js';
import { BrokenBenchmark, brokenRow } from './lib/result.js';
import type { BenchRow } from './lib/result.js';
import { formatTable } from './lib/table.js';
import { ensureReferenceTools } from './lib/tools.js';
import { SCENARIOS } from './scenarios/index.js';

const FULL_RUNS = 5;
const QUICK_RUNS = 2;
const FULL_HEAVY_RUNS = 3;
const QUICK_HEAVY_RUNS = 1;
const RESULTS_PATH = resolve(__dirname, 'results', 'latest.json');

interface Args {
  quick: boolean;
  runs: number | null;
  only: string[] | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, runs: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      const ids = SCENARIOS.map((s) => s.id).join(', ');
      process.stdout.write(
        `usage: npm run bench [-- --quick] [-- --runs N] [-- --only ID,…]\nscenarios: ${ids}\n`,
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  if (args.runs !== null && (!Number.isInteger(args.runs) || args.runs < 1))
    throw new Error('--runs needs an integer ≥ 1');
  const unknown = args.only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')} (try --help)`);
  return args;
}

async function runScenario(scenario: Scenario, ctx: BenchContext): Promise<BenchRow[]> {
  const started = performance.now();
  ctx.log(`\n▶ ${scenario.id}`);
  try {
    const rows = await scenario.run(ctx);
    ctx.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return rows;
  } catch (err) {
    const kind = err instanceof BrokenBenchmark ? 'wrong result' : 'crashed';
    const message = err instanceof Error ? err.message : String(err);
    ctx.log(`  ${kind}: ${message}`);
    return scenario.rows.map((r) => brokenRow(r.title, r.target, `${kind}: ${message}`));
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const machine = machineInfo();
  const load = new LoadMeter();
  log(`NetLab benchmarks${args.quick ? ' (quick)' : ''} on ${describeMachine(machine)}`);
  const tmpDir = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
  const runs = args.runs ?? (args.quick ? QUICK_RUNS : FULL_RUNS);
  const heavyRuns = args.runs ?? (args.quick ? QUICK_HEAVY_RUNS : FULL_HEAVY_RUNS);
  const tools = ensureReferenceTools(log);
  const ctx: BenchContext = { quick: args.quick, runs, heavyRuns, tools, tmpDir, log };
  for (const tool of Object.values(ctx.tools)) if (!tool.path) log(`reference skipped: ${tool.reason}`);
  const rows: BenchRow[] = [];
  try {
    for (const scenario of SCENARIOS) {
      if (args.only && !args.only.includes(scenario.id)) continue;
      rows.push(...(await runScenario(scenario, ctx)));
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const durationS = (performance.now() - started) / 1000;
  const loadReport = load.stop();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeReport(RESULTS_PATH, {
    date: new Date().toISOString(),
    command,
    quick: args.quick,
    runs,
    durationS,
    machine,
    load: loadReport,
    rows: rows.map(toJsonRow),
  });
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  process.stdout.write(
    `Command: ${command} (${durationS.toFixed(0)} s). Machine: ${describeMachine(machine)}.\n`,
  );
  process.stdout.write(`While it ran: ${describeLoad(loadReport)}.\n`);
  process.stdout.write(`Results: ${RESULTS_PATH}\n`);
  const broken = rows.filter((r) => r.status === 'broken');
  if (broken.length > 0) process.stdout.write(`${broken.length} benchmark(s) broken: exit status 1\n`);
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
