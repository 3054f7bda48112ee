// Argument parsers for commander: each turns bad input into one clear line naming the rule.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { UDP_MAX_PAYLOAD_BYTES } from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

const INT_RE = /^\+?\d+$/;
const DECIMAL_RE = /^\+?(\d+(\.\d*)?|\.\d+)$/;
const ONE_HOUR_S = 3600;
/** TCP stream segments larger than this are refused by the API contract (CommandSchema). */
export const TCP_STREAM_MAX_SIZE_BYTES = 64 * 1024 * 1024;

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

export function parseIntervalMs(value: string): number {
  const ms = Number(value);
  if (!DECIMAL_RE.test(value) || ms > ONE_HOUR_S * 1000) {
    throw new InvalidArgumentError('the interval is a number of milliseconds from 0 to 3600000.');
  }
  return ms;
}

/** MB/s on the command line (0 = unpaced), bytes/s in the API. */
export function parseRateMBps(value: string): number {
  const mbps = Number(value);
  if (!DECIMAL_RE.test(value) || mbps > 100_000) {
    throw new InvalidArgumentError('the UDP rate is in MB/s, from 0 (unpaced) to 100000.');
  }
  return Math.round(mbps * 1_000_000);
}

/** Seconds on the command line, milliseconds in the API. */
export function parseSecondsToMs(value: string): number {
  const s = Number(value);
  if (!DECIMAL_RE.test(value) || s <= 0 || s > ONE_HOUR_S) {
    throw new InvalidArgumentError(`expected seconds, more than 0 and at most ${ONE_HOUR_S}.`);
  }
  return Math.max(1, Math.round(s * 1000));
}

/** A file request may be any integer (the server explains why 0 or N over its limit is refused). */
export function parseFileChars(value: string): number {
  const n = Number(value);
  if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('file N needs a whole number N.');
  return n;
}

/** Segment size limits depend on the protocol, so this runs once the protocol is known. */
export function checkSegmentSize(proto: Proto, size: number): string | null {
  if (proto === 'udp' && size > UDP_MAX_PAYLOAD_BYTES) {
    return `a UDP segment is at most ${UDP_MAX_PAYLOAD_BYTES} bytes (the largest IPv4 UDP payload), got ${size}.`;
  }
  if (size > TCP_STREAM_MAX_SIZE_BYTES)
    return `a stream segment is at most ${TCP_STREAM_MAX_SIZE_BYTES} bytes.`;
  return null;
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
