// Argument parsers for commander: each turns bad input into one clear line naming the rule.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { checkCommand } from '../../src-shared/api.js';
import type { Command as LabCommand } from '../../src-shared/api.js';
import {
  CLIENT_WAIT_MAX_MS,
  FILE_REQUEST_RE,
  STREAM_INTERVAL_MAX_MS,
  UDP_RATE_MAX_BYTES_PER_SEC,
} from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

const INT_RE = /^\+?\d+$/;
const DECIMAL_RE = /^\+?(\d+(\.\d*)?|\.\d+)$/;
const WAIT_MAX_S = CLIENT_WAIT_MAX_MS / 1000;
const RATE_MAX_MBPS = UDP_RATE_MAX_BYTES_PER_SEC / 1_000_000;

export function parsePort(value: string): number {
  const port = Number(value);
  if (!INT_RE.test(value) || port > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!INT_RE.test(value) || n < 1 || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return n;
}

export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!INT_RE.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a whole number of at least 0.');
  }
  return n;
}

export function parseIntervalMs(value: string): number {
  const ms = Number(value);
  if (!DECIMAL_RE.test(value) || ms > STREAM_INTERVAL_MAX_MS) {
    throw new InvalidArgumentError(
      `the interval is a number of milliseconds from 0 to ${STREAM_INTERVAL_MAX_MS}.`,
    );
  }
  return ms;
}

/** MB/s on the command line (0 = unpaced), bytes/s in the API. */
export function parseRateMBps(value: string): number {
  const mbps = Number(value);
  if (!DECIMAL_RE.test(value) || mbps > RATE_MAX_MBPS) {
    throw new InvalidArgumentError(`the UDP rate is in MB/s, from 0 (unpaced) to ${RATE_MAX_MBPS}.`);
  }
  return Math.round(mbps * 1_000_000);
}

/** Seconds on the command line, milliseconds in the API. */
export function parseSecondsToMs(value: string): number {
  const s = Number(value);
  if (!DECIMAL_RE.test(value) || s <= 0 || s > WAIT_MAX_S) {
    throw new InvalidArgumentError(`expected seconds, more than 0 and at most ${WAIT_MAX_S}.`);
  }
  return Math.max(1, Math.round(s * 1000));
}

/** A file request may be any integer (the server explains why 0 or N over its limit is refused). */
export function parseFileChars(value: string): number {
  const n = Number(value);
  if (!FILE_REQUEST_RE.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('file N needs a whole number N.');
  return n;
}

/** Where each command field is given on the command line, for error messages. */
const FIELD_OPTION: Record<string, string> = {
  text: 'echo',
  chars: 'file',
  intervalMs: '--interval',
  count: '--count',
  size: '--size',
};

/**
 * The contract's own check of a command (CommandSchema via checkCommand, as the forms run it):
 * the command, or one line naming the option at fault.
 */
export function checkCliCommand(
  command: LabCommand,
  proto: Proto,
): { ok: true; value: LabCommand } | { ok: false; message: string } {
  const checked = checkCommand(command, proto);
  if (checked.ok) return checked;
  const problem = checked.problems[0]!;
  const where = FIELD_OPTION[problem.path] ?? problem.path;
  return { ok: false, message: `${where}: ${problem.message}.` };
}

/** Checks one stream segment size for `proto` through the same schema (the PROMPT loop asks it alone). */
export function checkSegmentSize(proto: Proto, size: number): string | null {
  const checked = checkCommand({ type: 'stream', intervalMs: 0, count: 1, size }, proto);
  return checked.ok ? null : `${checked.problems[0]!.message}, got ${size}.`;
}

/** Options both `netlab server` and `netlab client` take to find their host and port. */
export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--host <H>', 'host name or address (IPv6 without brackets); default: from hosts.txt')
    .option('--port <P>', 'port number; default: from hosts.txt', parsePort)
    .option('--pick <N>', 'use entry N of hosts.txt (1 = first)', parsePositiveInt)
    .option('--hosts <FILE>', 'hosts file to read instead of the repository hosts.txt')
    .option('--csv <FILE>', "write the session's events as CSV when done")
    .option('--json', 'machine-readable output on stdout');
}

export interface TargetOptions {
  host?: string;
  port?: number;
  pick?: number;
  hosts?: string;
  csv?: string;
  json?: boolean;
}
