// CLI start-up from the built bundle (bin/netlab.cjs → out/node/netlab.cjs, no TypeScript compiler
// at run time): `netlab --version` beside a bare `node -e 0`, and a one-shot `netlab client tcp
// echo` against a running NetLab server beside `nc` sending the same line, interleaved run by run
// so drift hits all alike. `netlab --help`, which loads the whole bundle, is shown beside --version,
// and so is the old way (`node -r tsx/cjs src-main/cli/main.ts --version`, what bin/netlab.cjs did).
import { resolve } from 'node:path';
import { withAgents } from '../lib/agent-handle.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { LOOPBACK } from '../lib/loopback.js';
import { runProcess } from '../lib/proc.js';
import type { ProcessResult } from '../lib/proc.js';
import { ReferenceRuns } from '../lib/reference-row.js';
import { BrokenBenchmark, figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { ensureNodeBundle } from '../../test/helpers/node-bundle.js';

const VERSION_ROW = { title: 'CLI start-up: netlab --version vs node -e 0', target: '≤ 2× node -e 0' };
const ECHO_ROW = { title: 'CLI one-shot TCP echo vs nc', target: '— (start-up is the target)' };
const VERSION_RATIO_MAX = 2;
/** A start-up is well under a second; this only bounds a hung child. */
const CHILD_TIMEOUT_MS = 30_000;
/** More samples than the transfer rows: each one is short and start-up times are noisy. */
const SAMPLES_PER_RUN = 5;
const ECHO_TEXT = 'hello';

const BIN = resolve(__dirname, '..', '..', 'bin', 'netlab.cjs');
const CLI_SOURCE = resolve(__dirname, '..', '..', 'src-main', 'cli', 'main.ts');

async function timed(cmd: string, args: readonly string[], what: string): Promise<ProcessResult> {
  const r = await runProcess(cmd, args, { timeoutMs: CHILD_TIMEOUT_MS });
  if (r.code !== 0) throw new BrokenBenchmark(`${what} exited ${r.code ?? r.signal}: ${r.stderr.trim()}`);
  return r;
}

async function ncEcho(nc: string, port: number): Promise<number> {
  const r = await runProcess('sh', ['-c', `printf '${ECHO_TEXT}\\n' | '${nc}' -N ${LOOPBACK} ${port}`], {
    timeoutMs: CHILD_TIMEOUT_MS,
  });
  if (r.code !== 0 || r.stdout !== ECHO_TEXT.toUpperCase())
    throw new Error(`nc echo got ${JSON.stringify(r.stdout)} (exit ${r.code}): ${r.stderr.trim()}`);
  return r.ms;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  ensureNodeBundle();
  const node: number[] = [];
  const version: number[] = [];
  const help: number[] = [];
  const viaTsx: number[] = [];
  const echo: number[] = [];
  const nc = new ReferenceRuns('nc', 'ms', ctx.tools.nc);
  await withAgents(['server'], async ([server]) => {
    const info = await server!.startServer({ proto: 'tcp', host: LOOPBACK, port: 0 });
    if (info.port === null) throw new Error('the server reported no port');
    const port = info.port;
    for (let i = 0; i < ctx.runs; i++) {
      for (let j = 0; j < SAMPLES_PER_RUN; j++) {
        node.push((await timed(process.execPath, ['-e', '0'], 'node -e 0')).ms);
        const v = await timed(process.execPath, [BIN, '--version'], 'netlab --version');
        if (!/^\d+\.\d+\.\d+/.test(v.stdout)) throw new BrokenBenchmark(`netlab --version said ${v.stdout}`);
        version.push(v.ms);
        help.push((await timed(process.execPath, [BIN, '--help'], 'netlab --help')).ms);
        const tsxArgs = ['-r', require.resolve('tsx/cjs'), CLI_SOURCE, '--version'];
        viaTsx.push((await timed(process.execPath, tsxArgs, 'tsx src-main/cli/main.ts --version')).ms);
        const args = [BIN, 'client', 'tcp', 'echo', ECHO_TEXT, '--host', LOOPBACK, '--port', String(port)];
        const e = await timed(process.execPath, args, 'netlab client tcp echo');
        if (!e.stdout.startsWith(ECHO_TEXT.toUpperCase()))
          throw new BrokenBenchmark(`netlab echo printed ${JSON.stringify(e.stdout.slice(0, 80))}`);
        echo.push(e.ms);
        await nc.measure((path) => ncEcho(path, port));
      }
      const last = (xs: number[]): string => xs.at(-1)!.toFixed(0);
      ctx.log(
        `  run ${i + 1}: node -e 0 ${last(node)} ms, --version ${last(version)} ms, --help ${last(help)} ms, ` +
          `tsx --version ${last(viaTsx)} ms, ` +
          `echo ${last(echo)} ms, nc ${nc.last} ms`,
      );
    }
  });
  const versionFig = figure('', 'ms', version);
  const nodeFig = figure('node -e 0', 'ms', node);
  const ratio = ratioOf(versionFig, nodeFig);
  const echoFig = figure('', 'ms', echo);
  const echoRow = nc.ratioRow(ECHO_ROW.title, ECHO_ROW.target, echoFig, 0);
  return [
    {
      scenario: VERSION_ROW.title,
      figure: versionFig,
      reference: nodeFig,
      ratio,
      target: VERSION_ROW.target,
      status: metOrMissed(ratio !== null && ratio <= VERSION_RATIO_MAX),
      note: '--help loads the whole CLI bundle; "tsx" is the old run-from-source start',
      extra: [figure('--help', 'ms', help), figure('tsx', 'ms', viaTsx)],
    },
    { ...echoRow, status: echoRow.status === 'not run' ? 'not run' : 'info' },
  ];
}

export const cliStartup: Scenario = { id: 'cli-startup', rows: [VERSION_ROW, ECHO_ROW], run };
