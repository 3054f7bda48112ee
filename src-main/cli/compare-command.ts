// `netlab compare [--host H --port P] echo TEXT | file N | stream …`: the same command over TCP and
// then over UDP to one host:port (a server pair on the same port, as `netlab server` or the
// classic tool starts them), both summaries side by side; `--json` prints the array of both.
import { Argument } from 'commander';
import type { Command as Program } from 'commander';
import type { Command } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { writeSummaryCsv } from '../engine/summary-csv-export.js';
import { addExchangeOptions, clientSettings, oneShotCommand } from './client-command.js';
import type { ClientOptions } from './client-command.js';
import { formatComparison } from './compare-table.js';
import { cancelOnSigint, runExchange } from './exchange-runner.js';
import { addTargetOptions } from './options.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, unwrap, warn, withLab } from './session.js';
import { resolveTarget } from './target.js';

const PROTOS_COMPARED: readonly Proto[] = ['tcp', 'udp'];

interface CompareOptions extends ClientOptions {
  summaryCsv?: string;
}

export function registerCompareCommand(program: Program): void {
  const cmd = program
    .command('compare')
    .description('send the same command over TCP and over UDP and print both summaries side by side')
    .addArgument(new Argument('<action>', 'the command to send').choices(['echo', 'file', 'stream']))
    .argument('[values...]', 'echo TEXT | file N');
  addExchangeOptions(addTargetOptions(cmd))
    .option('--summary-csv <FILE>', 'write the lab-report CSV: one numeric row per exchange')
    .addHelpText(
      'after',
      `
Examples:
  netlab compare --host 127.0.0.1 --port 8120 file 1000000
  netlab compare --pick 1 stream --interval 10 --count 1000 --size 1024 --json

Needs a TCP and a UDP server on the same port. Exit status 1 when either exchange failed.`,
    )
    .action(async (action: string, values: string[], opts: CompareOptions) => {
      const commands = PROTOS_COMPARED.map((p) => oneShotCommand(cmd, p, action, values, opts)!);
      await runCompare(commands, opts);
    });
}

async function runCompare(commands: Command[], opts: CompareOptions): Promise<void> {
  const out = { json: false, quiet: true, progress: false, stdout: process.stdout, stderr: process.stderr };
  await withLab(opts.csv, async (lab) => {
    const human = opts.json ? process.stderr : process.stdout;
    const target = await resolveTarget(opts, {
      role: 'client',
      reader: null,
      say: (l) => void human.write(`${l}\n`),
      warn,
    });
    const summaries: (ExchangeSummary | null)[] = [];
    let failed = false;
    for (const [i, proto] of PROTOS_COMPARED.entries()) {
      const info = unwrap(
        await lab.openClient({ proto, host: target.host, port: target.port, ...clientSettings(opts) }),
      );
      const outcome = await runExchange(lab, info.id, commands[i]!, out, cancelOnSigint());
      summaries.push(outcome.summary);
      if (!outcome.ok) failed = true;
      if (outcome.summary?.end === 'cancelled') {
        process.exitCode = EXIT_INTERRUPTED;
        break;
      }
    }
    if (opts.summaryCsv) {
      const rows = summaries.flatMap((s) => (s ? [{ summary: s, label: s.proto.toUpperCase() }] : []));
      const written = writeSummaryCsv(opts.summaryCsv, rows);
      warn(`netlab: wrote ${written.rows} exchange rows to ${written.path}`);
    }
    if (opts.json) process.stdout.write(`${JSON.stringify(summaries)}\n`);
    else
      process.stdout.write(
        `${formatComparison(
          PROTOS_COMPARED.map((p) => p.toUpperCase()),
          summaries,
        )}\n`,
      );
    if (failed && process.exitCode === undefined) process.exitCode = EXIT_FAILURE;
  });
}
