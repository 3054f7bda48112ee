// The session journal: every event as one NDJSON line, appended per batch as it happens, so a
// CSV export streams from disk (memory independent of session length) and a crash loses at most
// one batch interval (well under the one second DESIGN.md allows).
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LabEvent } from '../../src-shared/events.js';
import { LabError, toLabError } from './errors.js';
import { batchEventJson } from './event-json.js';

export const JOURNAL_DIR_NAME = 'netlab-sessions';
export const JOURNAL_WRITE_BUFFER_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** `<tmp>/netlab-sessions/netlab-session-20261125-161530-4242-ab12.ndjson` */
export function defaultJournalPath(date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  const unique = `${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  return join(tmpdir(), JOURNAL_DIR_NAME, `netlab-session-${stamp}-${unique}.ndjson`);
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

  private constructor(
    readonly path: string,
    fd: number,
    private readonly removeOnClose: boolean,
  ) {
    this.fd = fd;
  }

  /** Opens (truncates) the journal; without a path, a fresh file under os.tmpdir() removed on close. */
  static open(path?: string): Journal {
    const target = path ?? defaultJournalPath();
    try {
      mkdirSync(dirname(target), { recursive: true });
      const fd = openSync(target, 'w');
      return new Journal(target, fd, path === undefined);
    } catch (err) {
      throw toLabError(err, target);
    }
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  get eventCount(): number {
    return this.events;
  }

  /** The first write error, if any; the journal stops writing after it. */
  get error(): LabError | null {
    return this.failure;
  }

  append(batch: readonly LabEvent[]): void {
    if (this.fd === null || this.failure !== null || batch.length === 0) return;
    const fd = this.fd;
    let used = 0;
    try {
      // Shared with the bridge's event message for the same batch: each event is stringified once.
      for (const line of batchEventJson(batch)) {
        // UTF-8 takes at most 3 bytes per UTF-16 unit; +1 for the newline.
        const worst = line.length * 3 + 1;
        if (used + worst > this.out.length) {
          this.writeAll(fd, this.out, used);
          used = 0;
        }
        if (worst > this.out.length) {
          this.writeAll(fd, Buffer.from(`${line}\n`, 'utf8'));
          continue;
        }
        used += this.out.write(line, used, 'utf8');
        this.out[used++] = NEWLINE;
      }
      this.writeAll(fd, this.out, used);
      this.events += batch.length;
    } catch (err) {
      this.failure = new LabError('IO_ERROR', `Session journal ${this.path}: ${toLabError(err).message}`);
    }
  }

  private writeAll(fd: number, buf: Buffer, length = buf.length): void {
    let off = 0;
    // writeSync may write less than asked (e.g. a signal); loop until all of it is out.
    while (off < length) off += writeSync(fd, buf, off, length - off);
    this.bytes += length;
  }

  /** Safe to call twice. Removes the file only when the journal chose its own temporary path. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    if (this.removeOnClose) rmSync(this.path, { force: true });
  }
}
