// Form checks done before anything is sent, each with a message a student can act on.
import { FILE_LIMIT_CHARS, REQUEST_MAX_BYTES, UDP_MAX_PAYLOAD_BYTES } from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { encodeUtf8 } from '../../src-shared/protocol/text.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Largest TCP stream segment the contract accepts (64 MiB). */
export const TCP_SEGMENT_MAX_BYTES = 64 * 1024 * 1024;
export const STREAM_INTERVAL_MAX_MS = 3_600_000;
export const STREAM_LIMIT_MAX_SEGMENTS = 10_000_000;

const n = (v: number): string => v.toLocaleString('en-US');

/** Digits with optional thousands separators (`1,000,000`, `1_000_000`, `1 000 000`). */
function parseWhole(raw: string): number | null {
  const text = raw.trim().replace(/[,_\s\u202f]/g, '');
  if (!/^[+-]?\d+$/.test(text)) return null;
  return Number(text);
}

interface WholeRule {
  label: string;
  min: number;
  max: number;
  /** Said after the maximum, e.g. "(the server's file limit)". */
  maxWhy?: string;
  example: string;
}

export function checkWhole(raw: string, rule: WholeRule): Checked<number> {
  if (raw.trim() === '') return { ok: false, message: `Enter ${rule.label}, e.g. ${rule.example}.` };
  const value = parseWhole(raw);
  if (value === null) {
    return { ok: false, message: `“${raw.trim()}” is not a whole number. Enter ${rule.label}, e.g. ${rule.example}.` };
  }
  if (value < rule.min) return { ok: false, message: `Must be at least ${n(rule.min)}.` };
  if (value > rule.max) {
    return { ok: false, message: `Must be at most ${n(rule.max)}${rule.maxWhy ? ` ${rule.maxWhy}` : ''}.` };
  }
  return { ok: true, value };
}

export function checkChars(raw: string): Checked<number> {
  return checkWhole(raw, {
    label: 'how many characters the file should have',
    min: 1,
    max: FILE_LIMIT_CHARS,
    maxWhy: '(the file limit of a classic server)',
    example: '1000000',
  });
}

export function checkCount(raw: string): Checked<number> {
  return checkWhole(raw, {
    label: 'how many segments to ask for',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    example: '1000',
  });
}

export function checkSize(raw: string, proto: Proto): Checked<number> {
  const udp = proto === 'udp';
  return checkWhole(raw, {
    label: 'the size of each segment in bytes',
    min: 1,
    max: udp ? UDP_MAX_PAYLOAD_BYTES : TCP_SEGMENT_MAX_BYTES,
    maxWhy: udp
      ? 'for UDP: one datagram carries at most 65,507 bytes (65,535 − 8 UDP header − 20 IP header)'
      : '(64 MiB)',
    example: '1024',
  });
}

export function checkInterval(raw: string): Checked<number> {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'Enter the interval between segments in ms, e.g. 10.' };
  if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(text)) {
    return { ok: false, message: `“${text}” is not a number of milliseconds ≥ 0, e.g. 10 or 2.5.` };
  }
  const value = Number(text);
  if (value > STREAM_INTERVAL_MAX_MS) return { ok: false, message: `Must be at most ${n(STREAM_INTERVAL_MAX_MS)} ms.` };
  return { ok: true, value };
}

export function checkMessage(text: string): Checked<string> {
  const bytes = encodeUtf8(text).length;
  // The client adds a final newline, which counts towards the request limit.
  const max = REQUEST_MAX_BYTES - 1;
  if (bytes > max) {
    return { ok: false, message: `A request is at most ${n(REQUEST_MAX_BYTES)} bytes; this message is ${n(bytes)} bytes.` };
  }
  return { ok: true, value: text };
}

export function checkPort(raw: string, role: 'server' | 'client'): Checked<number> {
  const server = role === 'server';
  return checkWhole(raw, {
    label: server ? 'a port from 0 to 65535 (0 = any free port)' : 'the server’s port, from 1 to 65535',
    min: server ? 0 : 1,
    max: 65535,
    example: '8120',
  });
}

/** Accepts `::1` or `[::1]`; an empty host means all interfaces and suits only a server. */
export function checkHost(raw: string, role: 'server' | 'client'): Checked<string> {
  let host = raw.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === '' && role === 'client') {
    return { ok: false, message: 'Enter the server’s host, e.g. 127.0.0.1, ::1 or localhost.' };
  }
  if (/\s/.test(host)) return { ok: false, message: `“${host}” contains spaces; a host name has none.` };
  return { ok: true, value: host };
}
