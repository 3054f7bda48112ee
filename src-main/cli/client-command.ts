// `netlab client tcp|udp [options] [echo TEXT | file N | stream --interval MS --count N --size B]`
// Without a command: the classic interactive PROMPT loop (also reading a pipe, so it can be scripted).
import { Argument } from 'commander';
import type { Command as Program } from 'commander';
import type { Command } from '../../src-shared/api.js';
import {
  STREAM_DEFAULT_COUNT,
  STREAM_DEFAULT_INTERVAL_MS,
  STREAM_DEFAULT_SIZE_BYTES,
  TCP_CONNECT_TIMEOUT_MS,
  TCP_REPLY_TIMEOUT_MS,
  UDP_IDLE_TIMEOUT_MS,
  UDP_PREPARE_TIMEOUT_MS,
  UDP_RECV_BUFFER_BYTES_DEFAULT,
} from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { formatHostPort } from '../../src-shared/hosts.js';
import { runClientLoop } from './client-loop.js';
import { cancelOnSigint, runExchange } from './exchange-runner.js';
import type { ExchangeOutput } from './exchange-runner.js';
import { LineReader } from './line-reader.js';
import {
  addTargetOptions,
  checkCliCommand,
  parseNonNegativeInt,
  parseFileChars,
  parseIntervalMs,
  parsePositiveInt,
  parseSecondsToMs,
} from './options.js';
import type { TargetOptions } from './options.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, unwrap, warn, withLab } from './session.js';
import { resolveTarget } from './target.js';
import { ETHERNET_MTU_BYTES, LOOPBACK_MTU_BYTES } from '../../src-shared/wire/wire-size.js';

export interface ClientOptions extends TargetOptions {
  idleTimeout?: number;
  prepareTimeout?: number;
  connectTimeout?: number;
  replyTimeout?: number;
  recvBuffer?: number;
  mtu?: number;
  interval?: number;
  count?: number;
  size?: number;
  summaryCsv?: string;
}

export function registerClientCommand(program: Program): void {
  const cmd = program
    .command('client')
    .description('send echo, file and stream requests to a NetLab (or classic) server')
    .addArgument(new Argument('<proto>', 'tcp or udp').choices(['tcp', 'udp']))
    .addArgument(
      new Argument('[action]', 'one-shot command; without it: the PROMPT loop').choices([
        'echo',
        'file',
        'stream',
      ]),
    )
    .argument('[values...]', 'echo TEXT | file N');
  addExchangeOptions(addTargetOptions(cmd))
    .option('--summary-csv <FILE>', 'at the end, write the lab report: one numeric row per exchange')
    .addHelpText(
      'after',
      `
Examples:
  netlab client tcp                                   interactive: hello, 1000000, s, quit
  netlab client tcp --host 127.0.0.1 --port 8120 echo hello
  netlab client udp --pick 1 file 10000000 --json
  netlab client udp stream --interval 5 --count 2000 --size 1400 --csv run.csv
  netlab client tcp --port 8120 --summary-csv report.csv       lab report of the PROMPT loop

Exit status: 0 when the reply arrived whole; 1 when it failed or was cut short (the server
closed, or went quiet, before the expected bytes: one line on stderr says how many arrived);
130 after Ctrl-C (with --json the partial summary is still printed).`,
    )
    .action(async (proto: Proto, action: string | undefined, values: string[], opts: ClientOptions) => {
      const command = oneShotCommand(cmd, proto, action, values, opts);
      await runClient(proto, command, opts);
    });
}


/** The client's timeouts and the stream command's options (`netlab client`, `netlab compare`). */
export function addExchangeOptions(cmd: Program): Program {
  return cmd
    .option(
      '--idle-timeout <S>',
      `UDP: end of transmission after S seconds without a datagram (default ${seconds(UDP_IDLE_TIMEOUT_MS)})`,
      parseSecondsToMs,
    )
    .option(
      '--prepare-timeout <S>',
      `wait at most S seconds for file_prepared (default ${seconds(UDP_PREPARE_TIMEOUT_MS)})`,
      parseSecondsToMs,
    )
    .option(
      '--connect-timeout <S>',
      `TCP: give up connecting after S seconds without an answer (default ${seconds(TCP_CONNECT_TIMEOUT_MS)})`,
      parseSecondsToMs,
    )
    .option(
      '--reply-timeout <S>',
      `TCP: give up after S seconds without a reply byte (default ${seconds(TCP_REPLY_TIMEOUT_MS)}; a stream adds its interval)`,
      parseSecondsToMs,
    )
    .option(
      '--recv-buffer <BYTES>',
      `UDP: receive buffer to ask the kernel for; 0 = the OS default, as a classic client (default ${UDP_RECV_BUFFER_BYTES_DEFAULT})`,
      parseNonNegativeInt,
    )
    .option(
      '--mtu <BYTES>',
      `the MTU the on-wire estimate assumes (default ${ETHERNET_MTU_BYTES}; loopback's real MTU is ${LOOPBACK_MTU_BYTES})`,
      parsePositiveInt,
    )
    .option(
      '--interval <MS>',
      `stream: ms between segments (default ${STREAM_DEFAULT_INTERVAL_MS})`,
      parseIntervalMs,
    )
    .option('--count <N>', `stream: number of segments (default ${STREAM_DEFAULT_COUNT})`, parsePositiveInt)
    .option(
      '--size <BYTES>',
      `stream: bytes per segment (default ${STREAM_DEFAULT_SIZE_BYTES})`,
      parsePositiveInt,
    );
}

/** The client settings the options give; unset ones take the contract's defaults. */
export function clientSettings(opts: ClientOptions): {
  idleTimeoutMs?: number;
  prepareTimeoutMs?: number;
  connectTimeoutMs?: number;
  replyTimeoutMs?: number;
  udpReceiveBufferBytes?: number;
  mtuBytes?: number;
} {
  return {
    idleTimeoutMs: opts.idleTimeout,
    prepareTimeoutMs: opts.prepareTimeout,
    connectTimeoutMs: opts.connectTimeout,
    replyTimeoutMs: opts.replyTimeout,
    udpReceiveBufferBytes: opts.recvBuffer,
    mtuBytes: opts.mtu,
  };
}

/** Validates the one-shot form before anything opens; null means the interactive loop. */
export function oneShotCommand(
  cmd: Program,
  proto: Proto,
  action: string | undefined,
  values: string[],
  opts: ClientOptions,
): Command | null {
  const streamOptionGiven =
    opts.interval !== undefined || opts.count !== undefined || opts.size !== undefined;
  if (action !== 'stream' && streamOptionGiven)
    cmd.error('error: --interval, --count and --size go with the stream command.');
  switch (action) {
    case undefined:
      return null;
    case 'echo':
      if (values.length === 0) cmd.error('error: echo needs the text to send, e.g. echo hello');
      return checked(cmd, proto, { type: 'echo', text: values.join(' ') });
    case 'file': {
      if (values.length !== 1) cmd.error('error: file needs one number, e.g. file 1000000');
      try {
        return checked(cmd, proto, { type: 'file', chars: parseFileChars(values[0]!) });
      } catch (err) {
        return cmd.error(`error: file ${values[0]}: ${(err as Error).message}`);
      }
    }
    case 'stream': {
      if (values.length > 0)
        cmd.error(
          `error: stream takes options, not "${values.join(' ')}": --interval MS --count N --size BYTES`,
        );
      return checked(cmd, proto, {
        type: 'stream',
        intervalMs: opts.interval ?? STREAM_DEFAULT_INTERVAL_MS,
        count: opts.count ?? STREAM_DEFAULT_COUNT,
        size: opts.size ?? STREAM_DEFAULT_SIZE_BYTES,
      });
    }
    default:
      return cmd.error(`error: unknown command "${action}"`);
  }
}

/** The command as the contract's schema accepts it, or commander's error naming the option. */
function checked(cmd: Program, proto: Proto, command: Command): Command {
  const r = checkCliCommand(command, proto);
  return r.ok ? r.value : cmd.error(`error: ${r.message}`);
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

async function runClient(proto: Proto, oneShot: Command | null, opts: ClientOptions): Promise<void> {
  const json = opts.json === true;
  const stdinIsTerminal = process.stdin.isTTY === true;
  const human = json ? process.stderr : process.stdout;
  // Only the loop, or a question about the host on a terminal, reads stdin; a script's pipe stays untouched.
  const reader = oneShot === null || stdinIsTerminal ? new LineReader(process.stdin, human) : null;
  const out: ExchangeOutput = {
    json,
    progress: !json && process.stdout.isTTY === true,
    stdout: process.stdout,
    stderr: process.stderr,
  };
  try {
    await withLab(opts.csv, async (lab) => {
      const say = (line: string): void => void human.write(`${line}\n`);
      const target = await resolveTarget(opts, {
        role: 'client',
        reader: stdinIsTerminal ? reader : null,
        say,
        warn,
      });
      const info = unwrap(
        await lab.openClient({
          proto,
          host: target.host,
          port: target.port,
          ...clientSettings(opts),
        }),
      );
      if (oneShot !== null) {
        // From here on Ctrl-C is a signal that cancels the exchange, not a keystroke for readline.
        reader?.close();
        const outcome = await runExchange(lab, info.id, oneShot, out, cancelOnSigint());
        if (outcome.summary?.end === 'cancelled') process.exitCode = EXIT_INTERRUPTED;
        else if (!outcome.ok) process.exitCode = EXIT_FAILURE;
        return;
      }
      say(
        `${proto} client for ${formatHostPort(target.host, target.port)}: quit, stream (s), a number (file) or text (echo).`,
      );
      await runClientLoop({ lab, endpointId: info.id, proto, reader: reader!, out });
    }, opts.summaryCsv);
  } finally {
    reader?.close();
  }
}
