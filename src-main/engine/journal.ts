// The session journal: every event as one NDJSON line, appended per batch as it happens, so a
// CSV export streams from disk (memory independent of session length) and a crash loses at most
// one batch interval (well under the one second DESIGN.md allows). Journals live in a private
// per-user folder (sessions/session-dir.ts), are created 0600 with an exclusive open, and are
// kept after the lab closes: a clean close appends one end marker line (JOURNAL_END_MARKER), so
// the next start can tell a finished session from one cut off by a crash (`netlab sessions`).
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LabEvent } from '../../src-shared/events.js';
import { PER_PACKET_EVENT_KINDS } from '../../src-shared/sessions.js';
import { LabError, toLabError } from './errors.js';
import { batchEventJson } from './event-json.js';
import type { LabEventInput } from './event-sink.js';
import {
  defaultSessionDir,
  ensurePrivateDir,
  journalMaxBytesSetting,
  SESSION_DIR_NAME,
} from './sessions/session-dir.js';
import { PacketSummaries } from './sessions/packet-summaries.js';

/** Kept for older imports: the folder name journals live in. */
export const JOURNAL_DIR_NAME = SESSION_DIR_NAME;
export const JOURNAL_WRITE_BUFFER_BYTES = 1024 * 1024;
export const JOURNAL_FILE_PREFIX = 'netlab-session-';
export const JOURNAL_FILE_SUFFIX = '.ndjson';
/** The `journal` field of the last line of a journal that was closed cleanly. */
export const JOURNAL_END_MARKER = 'end';
const JOURNAL_FILE_MODE = 0o600;
const NEWLINE = 0x0a;
const PER_PACKET: ReadonlySet<string> = new Set(PER_PACKET_EVENT_KINDS);

/** The last line of a cleanly closed journal; not an event (no `seq`), so exports skip it. */
export interface JournalEndLine {
  journal: typeof JOURNAL_END_MARKER;
  time: string;
  events: number;
  exchanges: number;
  endpoints: string[];
  capped: boolean;
}

/** `netlab-session-20261125-161530-4242-ab12.ndjson`: local start time, pid, a random tag. */
export function journalFileName(date = new Date(), pid = process.pid): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  const unique = Math.random().toString(36).slice(2, 6).padEnd(4, '0');
  return `${JOURNAL_FILE_PREFIX}${stamp}-${pid}-${unique}${JOURNAL_FILE_SUFFIX}`;
}

/** A fresh journal path in the default private folder (created and checked). */
export function defaultJournalPath(date = new Date()): string {
  return join(ensurePrivateDir(defaultSessionDir()), journalFileName(date));
}

/** `srv-1 server tcp 127.0.0.1:8120`: how listings name an endpoint. */
export function describeEndpoint(
  e: Pick<LabEvent, 'endpoint' | 'role' | 'proto' | 'local' | 'remote'>,
): string {
  const where = e.role === 'client' ? e.remote || e.local : e.local || e.remote;
  return `${e.endpoint} ${e.role} ${e.proto}${where ? ` ${where}` : ''}`;
}

export interface JournalOptions {
  /** This exact file (created exclusively; its folder is created if missing, not checked). */
  path?: string;
  /** A folder for a fresh journal, checked private; default: defaultSessionDir(). */
  dir?: string;
  /** Past this size, per-packet events are summarised per exchange (bytes). */
  maxBytes?: number;
  /** Where the journal reports what it did (the cap notice, per-exchange packet summaries). */
  notify?: (input: LabEventInput) => void;
}

/**
 * Writes are synchronous on purpose: a batch (at most a few thousand lines) goes straight to the
 * OS, in order, with nothing queued in memory behind a slow disk, and the file is complete the
 * moment append() returns — which is what lets an export start right after a flush.
 */
export class Journal {
  private fd: number | null;
  /**
   * Lines are copied into this reused buffer and written in large writes. Joining a batch into one
   * string made a ~0.5 MB string per batch, which V8 keeps in its large-object space until a full
   * GC: at packet rate that GC was 30 % of the event pipeline's time (bench).
   */
  private readonly out = Buffer.allocUnsafe(JOURNAL_WRITE_BUFFER_BYTES);
  private bytes = 0;
  private events = 0;
  private failure: LabError | null = null;
  private readonly exchanges = new Set<string>();
  private readonly endpoints = new Map<string, string>();
  private lastEndpoint = '';
  private lastExchange = '';
  private readonly packets: PacketSummaries;

  private constructor(
    readonly path: string,
    fd: number,
    readonly maxBytes: number,
    private readonly notify: (input: LabEventInput) => void,
    /** Named by the journal itself in the session folder (not a path the caller chose). */
    private readonly ownName: boolean,
  ) {
    this.fd = fd;
    this.packets = new PacketSummaries(maxBytes);
  }

  /** Creates the journal (never reuses a file); a string is an exact path, as `{ path }`. */
  static open(opts: string | JournalOptions = {}): Journal {
    const o: JournalOptions = typeof opts === 'string' ? { path: opts } : opts;
    let target = o.path ?? '';
    try {
      if (o.path !== undefined) mkdirSync(dirname(o.path), { recursive: true });
      else target = join(ensurePrivateDir(o.dir ?? defaultSessionDir()), journalFileName());
      // wx = O_CREAT | O_EXCL: a file (or symlink) someone planted at this name is never opened.
      const fd = openSync(target, 'wx', JOURNAL_FILE_MODE);
      return new Journal(
        target,
        fd,
        o.maxBytes ?? journalMaxBytesSetting(),
        o.notify ?? (() => {}),
        o.path === undefined,
      );
    } catch (err) {
      if (err instanceof LabError) throw err;
      // Not toLabError: its EACCES text is about ports, and this is a file.
      const e = err as NodeJS.ErrnoException;
      const code = e.code === 'EACCES' || e.code === 'EPERM' ? 'PERMISSION_DENIED' : 'IO_ERROR';
      const why =
        e.code === 'EEXIST' ? 'a file of that name exists already (journals are never reused)' : e.message;
      throw new LabError(code, `Cannot create the session journal ${target}: ${why}`);
    }
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  get eventCount(): number {
    return this.events;
  }

  /** True once the size cap was reached and packet events began to be summarised. */
  get capped(): boolean {
    return this.packets.active;
  }

  /** The first write error, if any; the journal stops writing after it. */
  get error(): LabError | null {
    return this.failure;
  }

  append(batch: readonly LabEvent[]): void {
    if (this.fd === null || this.failure !== null || batch.length === 0) return;
    const fd = this.fd;
    let used = 0;
    let written = 0;
    try {
      // Shared with the bridge's event message for the same batch: each event is stringified once.
      const lines = batchEventJson(batch);
      for (let i = 0; i < batch.length; i++) {
        const event = batch[i]!;
        if (PER_PACKET.has(event.kind)) {
          if (!this.packets.active && this.bytes + used >= this.maxBytes) this.packets.reachCap();
          if (this.packets.active) {
            this.packets.add(event);
            continue;
          }
        }
        if (event.kind === 'summary') this.packets.closeExchange(event);
        this.note(event);
        const line = lines[i]!;
        // UTF-8 takes at most 3 bytes per UTF-16 unit; +1 for the newline.
        const worst = line.length * 3 + 1;
        if (used + worst > this.out.length) {
          this.writeAll(fd, this.out, used);
          used = 0;
        }
        written += 1;
        if (worst > this.out.length) {
          this.writeAll(fd, Buffer.from(`${line}\n`, 'utf8'));
          continue;
        }
        used += this.out.write(line, used, 'utf8');
        this.out[used++] = NEWLINE;
      }
      this.writeAll(fd, this.out, used);
      this.events += written;
    } catch (err) {
      this.failure = new LabError('IO_ERROR', `Session journal ${this.path}: ${toLabError(err).message}`);
      return;
    }
    // Reported after the batch is on disk: the notices are events too, and come back in a later batch.
    const triggering = batch[batch.length - 1]!;
    for (const notice of this.packets.takeNotices(triggering)) this.notify(notice);
  }

  /** The packet summaries of exchanges still open at the cap (the lab calls this before closing). */
  flushPacketSummaries(): void {
    for (const notice of this.packets.takeOpen()) this.notify(notice);
  }

  private note(e: LabEvent): void {
    // The lab's own marker of a new session is no endpoint of it.
    if (e.kind === 'session') return;
    if (e.endpoint !== this.lastEndpoint) {
      this.lastEndpoint = e.endpoint;
      const known = this.endpoints.get(e.endpoint);
      if (known === undefined || (!known.includes(':') && (e.local || e.remote)))
        this.endpoints.set(e.endpoint, describeEndpoint(e));
    }
    if (e.exchange !== null && e.exchange !== this.lastExchange) {
      this.lastExchange = e.exchange;
      this.exchanges.add(e.exchange);
    }
  }

  private writeAll(fd: number, buf: Buffer, length = buf.length): void {
    let off = 0;
    // writeSync may write less than asked (e.g. a signal); loop until all of it is out.
    while (off < length) off += writeSync(fd, buf, off, length - off);
    this.bytes += length;
  }

  /** Appends the end marker and closes the file, which stays for `netlab sessions`. Safe to call twice. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    if (this.ownName && this.events === 0 && this.failure === null) {
      // A lab that saw nothing (a --help, a refused start) would only clutter `netlab sessions`.
      closeSync(fd);
      rmSync(this.path, { force: true });
      return;
    }
    try {
      if (this.failure === null) {
        const end: JournalEndLine = {
          journal: JOURNAL_END_MARKER,
          time: new Date().toISOString(),
          events: this.events,
          exchanges: this.exchanges.size,
          endpoints: [...this.endpoints.values()],
          capped: this.capped,
        };
        this.writeAll(fd, Buffer.from(`${JSON.stringify(end)}\n`, 'utf8'));
      }
    } catch {
      // A journal that cannot take its last line reads as "not ended cleanly": still exportable.
    } finally {
      closeSync(fd);
    }
  }
}
