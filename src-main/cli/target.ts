// Which host:port a command uses: --host/--port, else an entry of hosts.txt picked like the classic
// tool does (a numbered list, Enter = the first entry) on a terminal, the first entry otherwise.
import type { HostEntry } from '../../src-shared/hosts.js';
import { formatHostPort, formatHostsProblem, parseHostPort } from '../../src-shared/hosts.js';
import type { Role } from '../../src-shared/events.js';
import { LabError } from '../engine/errors.js';
import { loadHostsFile } from '../engine/hosts-file.js';
import type { LineReader } from './line-reader.js';
import type { TargetOptions } from './options.js';

export interface Target {
  host: string;
  port: number;
}

export interface TargetContext {
  role: Role;
  /** Set when stdin is a terminal: the user is asked to pick. */
  reader: LineReader | null;
  /** Where the list and the question go (stderr when stdout carries JSON). */
  say: (line: string) => void;
  /** Problems in the hosts file (always stderr). */
  warn: (line: string) => void;
}

/** Asked again after a bad answer, at most this many times, then the command gives up. */
const PICK_ATTEMPTS_MAX = 5;

export async function resolveTarget(opts: TargetOptions, ctx: TargetContext): Promise<Target> {
  if (opts.host !== undefined && opts.port !== undefined && opts.pick === undefined) {
    return checked({ host: opts.host, port: opts.port }, ctx.role);
  }
  const entries = await usableEntries(opts.hosts, ctx);
  let entry: HostEntry;
  if (opts.pick !== undefined) {
    const picked = entries[opts.pick - 1];
    if (!picked) {
      throw new LabError(
        'BAD_ARGUMENT',
        `--pick ${opts.pick}: the hosts file has ${entries.length} entries a ${ctx.role} can use.`,
      );
    }
    entry = picked;
  } else if (ctx.reader && opts.host === undefined && opts.port === undefined) {
    entry = await askForEntry(entries, ctx.reader, ctx);
  } else {
    entry = entries[0]!;
  }
  return checked({ host: opts.host ?? entry.host, port: opts.port ?? entry.port }, ctx.role);
}

async function usableEntries(hostsPath: string | undefined, ctx: TargetContext): Promise<HostEntry[]> {
  const info = await loadHostsFile(hostsPath);
  for (const p of info.problems) ctx.warn(`${formatHostsProblem(p)} (skipped)`);
  // An empty host means "all interfaces": fine to listen on, nothing to connect to (docs/protocol.md §6).
  const entries = ctx.role === 'client' ? info.entries.filter((e) => e.host !== '') : info.entries;
  if (entries.length === 0) {
    throw new LabError(
      'BAD_ARGUMENT',
      `No usable host:port for a ${ctx.role} in ${info.path}; give --host and --port.`,
    );
  }
  return entries;
}

async function askForEntry(entries: HostEntry[], reader: LineReader, ctx: TargetContext): Promise<HostEntry> {
  entries.forEach((e, i) => ctx.say(`  ${i + 1}) ${displayEntry(e)}`));
  for (let attempt = 0; attempt < PICK_ATTEMPTS_MAX; attempt++) {
    const answer = await reader.ask(
      `Host and port (number or host:port, Enter = ${displayEntry(entries[0]!)}): `,
    );
    const text = answer?.trim() ?? '';
    if (text === '') return entries[0]!;
    if (/^\d+$/.test(text) && entries[Number(text) - 1]) return entries[Number(text) - 1]!;
    const typed = parseHostPort(text);
    if (typed.ok) return { host: typed.host, port: typed.port, line: 0 };
    ctx.say(`Not an entry number or host:port: ${typed.message}`);
  }
  throw new LabError('BAD_ARGUMENT', 'No host and port chosen.');
}

function displayEntry(e: HostEntry): string {
  return e.host === '' ? `:${e.port} (all interfaces)` : formatHostPort(e.host, e.port);
}

function checked(raw: Target, role: Role): Target {
  // `--host [::1]` is how hosts.txt writes it; the socket wants the bare address.
  const target = { host: raw.host.replace(/^\[(.*)\]$/, '$1'), port: raw.port };
  if (role === 'client' && target.host === '')
    throw new LabError('BAD_ARGUMENT', 'A client needs a host to connect to.');
  if (role === 'client' && target.port === 0)
    throw new LabError('BAD_ARGUMENT', 'A client needs a port from 1 to 65535.');
  return target;
}
