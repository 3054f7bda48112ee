// `netlab link udp|tcp --listen H:P --to H:P [conditions]`: a network-conditions relay that runs
// until Ctrl-C / SIGTERM and prints one line per exchange (UDP flow, TCP connection) with what it did.
import { Argument, InvalidArgumentError, Option } from 'commander';
import type { Command as Program } from 'commander';
import type { LabEvent } from '../../src-shared/events.js';
import { parseHostPort } from '../../src-shared/hosts.js';
import { LinkConfigSchema } from '../../src-shared/link/conditions.js';
import type { LinkConfig } from '../../src-shared/link/conditions.js';
import { describeConditions } from '../../src-shared/link/describe.js';
import { LINK_TCP_LOSS_NOTE } from '../../src-shared/link/limits.js';
import { LINK_PRESETS } from '../../src-shared/link/presets.js';
import { checkLinkConditions } from '../../src-shared/link/validate.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import type { Lab } from '../engine/lab.js';
import { formatClock } from './format.js';
import {
  conditionsFromFlags,
  FIELD_FLAGS,
  parseBurstFlag,
  parseBytesFlag,
  parseDurationFlag,
  parsePercentFlag,
  parsePresetFlag,
  parseRateFlag,
  parseSeedFlag,
  parseSliceFlag,
} from './link-flags.js';
import type { LinkFlags } from './link-flags.js';
import { EXIT_INTERRUPTED, unwrap, withLab } from './session.js';

interface LinkOptions extends LinkFlags {
  listen: { host: string; port: number };
  to: { host: string; port: number };
  json?: boolean;
  csv?: string;
}

/** Kinds `--json` prints: the exchange summaries and the endpoint's life, not every packet. */
const JSON_KINDS: ReadonlySet<LabEvent['kind']> = new Set(['listening', 'summary', 'error', 'closed']);

function parseAddress(allowEmptyHost: boolean): (text: string) => { host: string; port: number } {
  return (text) => {
    const r = parseHostPort(text);
    if (!r.ok) throw new InvalidArgumentError(`${r.message}.`);
    if (!allowEmptyHost && r.host === '') throw new InvalidArgumentError('the target needs a host, e.g. 127.0.0.1:8120.');
    if (!allowEmptyHost && r.port === 0) throw new InvalidArgumentError('the target needs a port from 1 to 65535.');
    return { host: r.host, port: r.port };
  };
}

export function registerLinkCommand(program: Program): void {
  const cmd = program
    .command('link')
    .description('relay between a client and a server with network conditions (loss, delay, rate …) until Ctrl-C')
    .addArgument(new Argument('<proto>', 'tcp or udp').choices(['tcp', 'udp']))
    .requiredOption('--listen <H:P>', 'where the link listens (":9000" = all interfaces, port 9000)', parseAddress(true))
    .requiredOption('--to <H:P>', 'the server the link forwards to', parseAddress(false))
    .option('--loss <PCT>', 'random loss, e.g. 5% (TCP: shown as a retransmission delay)', parsePercentFlag)
    .option('--burst <P_GB,P_BG>', 'bursty loss (Gilbert–Elliott): P(good→bad),P(bad→good), e.g. 1%,25%', parseBurstFlag)
    .option('--dup <PCT>', 'UDP: duplicate this share of datagrams, e.g. 1%', parsePercentFlag)
    .option('--reorder <PCT>', 'UDP: hold this share back 10 ms so later ones overtake, e.g. 2%', parsePercentFlag)
    .option('--delay <MS>', 'one-way delay, e.g. 40ms', parseDurationFlag)
    .option('--jitter <MS>', '± uniform jitter around the delay, e.g. 10ms', parseDurationFlag)
    .option('--rate <RATE>', 'bandwidth limit, e.g. 1MB/s or 8Mbit/s', parseRateFlag)
    .option('--queue <BYTES>', 'queue before the rate limit, e.g. 64KB (UDP: tail drop; TCP: backpressure)', parseBytesFlag)
    .option('--mtu <BYTES>', 'UDP: drop datagrams whose IP packet is larger, e.g. 1500', parseBytesFlag)
    .option('--mtu-fragment', 'UDP: pass datagrams over the MTU and count them as fragmented instead')
    .option('--slice <S[±V]>', 'TCP: re-cut the stream into writes of S ± V bytes, e.g. 100±50', parseSliceFlag)
    .option('--stall <MS>', 'TCP: hold the stream once for this long', parseDurationFlag)
    .option('--stall-after <BYTES>', 'TCP: … after this many bytes (default 0)', parseBytesFlag)
    .option('--reset-after <BYTES>', 'TCP: reset both connections after this many bytes', parseBytesFlag)
    .option('--retransmit <MS>', 'TCP: how long a "lost" chunk is held (default 200ms, the minimum RTO)', parseDurationFlag)
    .option('--seed <N>', 'seed of the random choices: the same seed drops the same datagrams (default 1)', parseSeedFlag)
    .option('--preset <NAME>', `start from a preset: ${LINK_PRESETS.map((p) => p.name).join(', ')}`, parsePresetFlag)
    .addOption(new Option('--direction <DIR>', 'which way the conditions apply').choices(['both', 'up', 'down']).default('both'))
    .option('--csv <FILE>', "write the session's events as CSV when done")
    .option('--json', 'one JSON event per line on stdout (summaries, errors)')
    .addHelpText(
      'after',
      `
Conditions apply to both directions unless --direction says otherwise ("up" = client → server).
${LINK_TCP_LOSS_NOTE}.

Examples:
  netlab link udp --listen :9000 --to 127.0.0.1:8120 --loss 5% --seed 42
  netlab link tcp --listen 127.0.0.1:9001 --to 127.0.0.1:8120 --rate 1MB/s --slice 100±50
  netlab link udp --listen :9000 --to 127.0.0.1:8120 --preset lossy-10 --json`,
    )
    .action(async (proto: Proto, opts: LinkOptions) => {
      const parsed = LinkConfigSchema.safeParse({
        proto,
        listenHost: opts.listen.host,
        listenPort: opts.listen.port,
        targetHost: opts.to.host,
        targetPort: opts.to.port,
        conditions: conditionsFromFlags(opts),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = [...issue.path].reverse().find((p) => typeof p === 'string' && FIELD_FLAGS[p]) as string | undefined;
        const name = field ? FIELD_FLAGS[field] : issue.path[0] === 'listenPort' ? '--listen' : '--to';
        cmd.error(`error: ${name}: ${issue.message}.`);
        return;
      }
      const problem = checkLinkConditions(proto, parsed.data.conditions);
      if (problem) {
        const field = problem.path.split('.').pop() ?? '';
        cmd.error(`error: ${FIELD_FLAGS[field] ?? problem.path}: ${problem.message}.`);
        return;
      }
      await withLab(opts.csv, (lab) => relay(lab, parsed.data, opts.json === true));
    });
}

async function relay(lab: Lab, config: LinkConfig, json: boolean): Promise<void> {
  const human = json ? process.stderr : process.stdout;
  let started = false;
  const unsubscribe = lab.onEvents((batch) => printEvents(batch, json, started));
  const stopped = waitForStopSignal();
  const info = unwrap(await lab.startLink(config));
  started = true;
  const conditions = describeConditions(config.conditions, config.proto);
  if (!json) {
    const where = config.listenHost === '' ? `all interfaces, port ${info.port}` : info.local;
    human.write(`link ${config.proto} ${where} → ${info.remote}: ${conditions}. Ctrl-C stops.\n`);
  }
  const signal = await stopped;
  process.stderr.write(`netlab: ${signal}: stopping the link\n`);
  unwrap(await lab.stopLink({ endpointId: info.id }));
  lab.flushEvents();
  unsubscribe();
}

function printEvents(batch: readonly LabEvent[], json: boolean, started: boolean): void {
  let text = '';
  for (const e of batch) {
    if (e.role !== 'link') continue;
    if (json) {
      if (JSON_KINDS.has(e.kind)) text += JSON.stringify(e) + '\n';
    } else if (e.kind === 'summary' && e.summary) {
      const what = e.proto === 'udp' ? 'flow' : 'connection';
      const request = e.summary.request ? ` "${e.summary.request.slice(0, 40)}"` : '';
      text += `${formatClock(e.time)}  ${e.remote} ${what}${request}  ${e.summary.end}: ${e.detail}\n`;
    } else if (e.kind === 'error' && e.exchange === null && started) {
      process.stderr.write(`netlab: ${e.detail}\n`);
    }
  }
  if (text !== '') process.stdout.write(text);
}

/** Resolves with the signal's name; a second signal while stopping exits at once. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
