// Form checks done before anything is sent, each with a message a student can act on. Fields are
// read here (is it a number?); the rules are the contract's own (checkCommand in src-shared/api.ts,
// the schema every face runs), so a limit lives in one place.
import { checkCommand } from '../../src-shared/api.js';
import type { Command, FieldProblem } from '../../src-shared/api.js';
import { FILE_REQUEST_RE } from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

export { STREAM_LIMIT_MAX_SEGMENTS } from '../../src-shared/protocol/limits.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const n = (v: number): string => v.toLocaleString('en-US');

/** Digits with optional thousands separators (`1,000,000`, `1_000_000`, `1 000 000`). */
function parseWhole(raw: string): number | null {
  const text = raw.trim().replace(/[,_\s\u202f]/g, '');
  if (!FILE_REQUEST_RE.test(text)) return null;
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
  const read = readWhole(raw, rule.label, rule.example);
  if (!read.ok) return read;
  const value = read.value;
  if (value < rule.min) return { ok: false, message: `Must be at least ${n(rule.min)}.` };
  if (value > rule.max) {
    return { ok: false, message: `Must be at most ${n(rule.max)}${rule.maxWhy ? ` ${rule.maxWhy}` : ''}.` };
  }
  return { ok: true, value };
}

/** A whole number as typed; its range is for the schema (or a checkWhole rule) to judge. */
export function readWhole(raw: string, label: string, example: string): Checked<number> {
  if (raw.trim() === '') return { ok: false, message: `Enter ${label}, e.g. ${example}.` };
  const value = parseWhole(raw);
  if (value === null) {
    return { ok: false, message: `“${raw.trim()}” is not a whole number. Enter ${label}, e.g. ${example}.` };
  }
  return { ok: true, value };
}

/** Any whole number may be asked for: the server answers 0 or N over its limit with its own reply. */
export function readChars(raw: string): Checked<number> {
  return readWhole(raw, 'how many characters the file should have', '1000000');
}

export function readCount(raw: string): Checked<number> {
  return readWhole(raw, 'how many segments to ask for', '1000');
}

export function readSize(raw: string): Checked<number> {
  return readWhole(raw, 'the size of each segment in bytes', '1024');
}

export function readInterval(raw: string): Checked<number> {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'Enter the interval between segments in ms, e.g. 10.' };
  if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(text)) {
    return { ok: false, message: `“${text}” is not a number of milliseconds ≥ 0, e.g. 10 or 2.5.` };
  }
  return { ok: true, value: Number(text) };
}

/** The schema's sentence as a form message: "A UDP segment is at most 65,507 bytes: …." */
export function formMessage(problem: FieldProblem): string {
  const text = problem.message;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** Command field (schema path) → the form field it is typed into. */
const COMMAND_FIELD_TO_FORM: Record<string, string> = { text: 'message' };

/**
 * Checks a command read from the form with the contract's rules; problems come back keyed by the
 * form field they belong to (from the issue's path, never from its wording).
 */
export function checkFormCommand(
  command: Command,
  proto: Proto,
): { ok: true; value: Command } | { ok: false; errors: Record<string, string> } {
  const checked = checkCommand(command, proto);
  if (checked.ok) return checked;
  const errors: Record<string, string> = {};
  for (const p of checked.problems) {
    const path = p.path.split('.').at(-1) ?? '';
    const field = COMMAND_FIELD_TO_FORM[path] ?? (path || 'general');
    errors[field] ??= formMessage(p);
  }
  return { ok: false, errors };
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
