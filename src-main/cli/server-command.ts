// `netlab server tcp|udp [options]`: serves until Ctrl-C / SIGTERM, one line per request served.
import { basename } from 'node:path';
import { Argument } from 'commander';
import type { Command as Program } from 'commander';
import type { EndpointInfo, ServerConfig } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';
import {
  FILE_LIMIT_CHARS,
  STREAM_LIMIT_SEGMENTS,
  UDP_CHUNK_BYTES,
  UDP_MAX_PAYLOAD_BYTES,
  UDP_RATE_BYTES_PER_SEC_DEFAULT,
} from '../../src-shared/protocol/limits.js';
import {
  STREAM_MAX_DURATION_MS_DEFAULT,
  TCP_MAX_CONNECTIONS_DEFAULT,
  TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT,
  UDP_MAX_TRANSFERS_DEFAULT,
  UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT,
  UDP_SOURCE_RATE_BYTES_PER_SEC_DEFAULT,
  UDP_TOTAL_RATE_BYTES_PER_SEC_DEFAULT,
} from '../../src-shared/protocol/server-limits.js';
import { describeExposure } from '../../src-shared/server-exposure.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import type { Lab } from '../engine/lab.js';
import { formatCount, formatServedLine } from './format.js';
import { LineReader } from './line-reader.js';
import { addTargetOptions, parsePositiveInt, parseRateMBps } from './options.js';
import type { TargetOptions } from './options.js';
import { EXIT_INTERRUPTED, unwrap, warn, withLab } from './session.js';
import { resolveTarget } from './target.js';

interface ServerOptions extends TargetOptions {
  fileLimit?: number;
  streamLimit?: number;
  chunk?: number;
  rate?: number;
  seq: boolean;
  maxConnections?: number;
  maxPerHost?: number;
  udpMaxPerSource?: number;
  udpMaxTransfers?: number;
  udpSourceRate?: number;
  udpTotalRate?: number;
  streamMaxDuration?: number;
  summaryCsv?: string;
}

const MB = 1e6;

/** Whole seconds on the command line, milliseconds in the API (the schema checks the range). */
function parseWholeSecondsToMs(value: string): number {
  return parsePositiveInt(value) * 1000;
}

/** Event kinds `--json` prints: what happened to each request, not every packet. */
const JSON_KINDS: ReadonlySet<LabEvent['kind']> = new Set(['listening', 'summary', 'error', 'closed']);

export function registerServerCommand(program: Program): void {
  const cmd = program
    .command('server')
    .description('serve echo, file and stream requests over TCP or UDP until Ctrl-C')
    .addArgument(new Argument('<proto>', 'tcp or udp').choices(['tcp', 'udp']));
  addTargetOptions(cmd)
    .option('--file-limit <N>', `largest file in characters (default ${FILE_LIMIT_CHARS})`, parsePositiveInt)
    .option('--stream-limit <N>', `most segments per stream (default ${STREAM_LIMIT_SEGMENTS})`, parsePositiveInt)
    .option(
      '--stream-max-duration <S>',
      `longest stream, count × interval, in seconds (default ${STREAM_MAX_DURATION_MS_DEFAULT / 1000})`,
      parseWholeSecondsToMs,
    )
    .option(
      '--chunk <BYTES>',
      `UDP file datagram size, at most ${UDP_MAX_PAYLOAD_BYTES} (default ${UDP_CHUNK_BYTES})`,
      parsePositiveInt,
    )
    .option(
      '--rate <MBps>',
      `UDP send rate per transfer in MB/s (default ${UDP_RATE_BYTES_PER_SEC_DEFAULT / MB}; 0 = as fast as possible, to show loss)`,
      parseRateMBps,
    )
    .option(
      '--max-connections <N>',
      `TCP: concurrent connections, then refused (default ${TCP_MAX_CONNECTIONS_DEFAULT})`,
      parsePositiveInt,
    )
    .option(
      '--max-per-host <N>',
      `TCP: concurrent connections from one address (default ${TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT})`,
      parsePositiveInt,
    )
    .option(
      '--udp-max-per-source <N>',
      `UDP: concurrent transfers to one address (default ${UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT})`,
      parsePositiveInt,
    )
    .option(
      '--udp-max-transfers <N>',
      `UDP: concurrent transfers in all (default ${UDP_MAX_TRANSFERS_DEFAULT})`,
      parsePositiveInt,
    )
    .option(
      '--udp-source-rate <MBps>',
      `UDP: MB/s all replies to one address share (default ${UDP_SOURCE_RATE_BYTES_PER_SEC_DEFAULT / MB}; 0 = no budget)`,
      parseRateMBps,
    )
    .option(
      '--udp-total-rate <MBps>',
      `UDP: MB/s the server sends in all (default ${UDP_TOTAL_RATE_BYTES_PER_SEC_DEFAULT / MB}; 0 = no budget)`,
      parseRateMBps,
    )
    .option('--no-seq', 'stream segments without sequence numbers (classic behaviour)')
    .option('--summary-csv <FILE>', 'on stop, write the lab report: one numeric row per exchange served')
    .addHelpText(
      'after',
      `
Examples:
  netlab server tcp                         pick from hosts.txt (Enter = first entry)
  netlab server udp --host 127.0.0.1 --port 0 --json
  netlab server tcp --pick 2 --file-limit 1000000 --csv server.csv
  netlab server udp --port 8120 --summary-csv served.csv   lab report written on Ctrl-C`,
    )
    .action(async (proto: Proto, opts: ServerOptions) => {
      if (opts.chunk !== undefined && opts.chunk > UDP_MAX_PAYLOAD_BYTES) {
        cmd.error(`error: --chunk is at most ${UDP_MAX_PAYLOAD_BYTES} bytes (the largest IPv4 UDP payload).`);
      }
      await withLab(opts.csv, (lab) => serve(lab, proto, opts), opts.summaryCsv);
    });
}

async function serve(lab: Lab, proto: Proto, opts: ServerOptions): Promise<void> {
  const json = opts.json === true;
  const human = json ? process.stderr : process.stdout;
  const say = (line: string): void => void human.write(`${line}\n`);
  // Ask on a terminal only, then let go of stdin: readline would otherwise swallow Ctrl-C.
  const reader = process.stdin.isTTY === true ? new LineReader(process.stdin, human) : null;
  let target;
  try {
    target = await resolveTarget(opts, { role: 'server', reader, say, warn });
  } finally {
    reader?.close();
  }
  // Until the server listens, its errors are the start failure, which is reported once, below.
  let serving = false;
  const unsubscribe = lab.onEvents((batch) => printEvents(batch, json, serving));
  const stopped = waitForStopSignal();
  const info = unwrap(
    await lab.startServer({
      proto,
      host: target.host,
      port: target.port,
      // Undefined settings take the classic defaults from the contract's schema.
      fileLimit: opts.fileLimit,
      streamLimit: opts.streamLimit,
      chunkBytes: opts.chunk,
      udpRateBytesPerSec: opts.rate,
      sequenceNumbers: opts.seq,
      streamMaxDurationMs: opts.streamMaxDuration,
      maxConnections: opts.maxConnections,
      maxConnectionsPerHost: opts.maxPerHost,
      udpMaxTransfersPerSource: opts.udpMaxPerSource,
      udpMaxTransfers: opts.udpMaxTransfers,
      udpSourceRateBytesPerSec: opts.udpSourceRate,
      udpTotalRateBytesPerSec: opts.udpTotalRate,
    }),
  );
  serving = true;
  if (!json) {
    say(`listening ${proto} ${info.local ?? `${target.host}:${info.port ?? target.port}`}`);
    say(describeSettings(info));
  }
  // Said in both modes (on stderr with --json): a server others can reach, and its bounds.
  const exposure = describeExposure(info.proto, info.config as ServerConfig, info.local);
  if (exposure !== null) say(exposure);
  // If this process is killed, the journal is where the session (and the --csv) can be recovered.
  say(describeJournal(lab.journalPath, opts.csv));
  const signal = await stopped;
  process.stderr.write(`netlab: ${signal}: stopping the server\n`);
  unwrap(await lab.stopServer({ endpointId: info.id }));
  lab.flushEvents();
  unsubscribe();
}

function printEvents(batch: readonly LabEvent[], json: boolean, serving: boolean): void {
  let text = '';
  for (const e of batch) {
    if (e.role !== 'server') continue;
    if (json) {
      if (JSON_KINDS.has(e.kind)) text += JSON.stringify(e) + '\n';
    } else if (e.kind === 'summary' && e.summary) {
      text += formatServedLine(e, e.summary) + '\n';
    } else if (e.kind === 'error' && e.exchange === null && serving) {
      process.stderr.write(`netlab: ${e.detail}\n`);
    }
  }
  // One write per batch, not per line: a busy UDP server prints many lines a second.
  if (text !== '') process.stdout.write(text);
}

function describeJournal(journalPath: string, csv: string | undefined): string {
  const id = basename(journalPath).replace(/\.ndjson$/, '');
  const recover = `netlab sessions export ${id} --csv ${csv ?? 'FILE'}`;
  return `session journal ${journalPath}; if this server is killed, recover with: ${recover}`;
}

function describeSettings(info: EndpointInfo): string {
  const c = info.config as ServerConfig;
  const rate = c.udpRateBytesPerSec === 0 ? 'unpaced' : `paced at ${c.udpRateBytesPerSec / 1e6} MB/s`;
  const chunk = info.proto === 'udp' ? `, file datagrams ${formatCount(c.chunkBytes)} B ${rate}` : '';
  return (
    `file limit ${formatCount(c.fileLimit)} chars, stream limit ${formatCount(c.streamLimit)} segments${chunk}, ` +
    `sequence numbers ${c.sequenceNumbers ? 'on' : 'off'}. Ctrl-C stops.`
  );
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
