// File payloads (and long stream segments) are streamed from one shared buffer of 'A'. Its content
// never changes, so queued writes may all reference it and memory does not grow with the file size.
import { FILE_FILL_BYTE } from '../../../src-shared/protocol/limits.js';
import type { PayloadWriter } from './payload-writer.js';

/**
 * One TCP write. 1 MiB keeps a 123,456,789-byte file at ~120 writes (and tx events) while the
 * socket's 4 MiB high-water mark still lets a few writes queue, so the kernel never waits on us
 * (bench: fewer wake-ups per file than 256 KiB writes under a 1 MiB mark, same memory).
 */
export const FILE_WRITE_CHUNK_BYTES = 1024 * 1024;

let fill: Buffer | null = null;

/** `bytes` (≤ FILE_WRITE_CHUNK_BYTES) of 'A', a view of the shared buffer: never write into it. */
export function fillChunk(bytes: number): Buffer {
  fill ??= Buffer.alloc(FILE_WRITE_CHUNK_BYTES, FILE_FILL_BYTE);
  if (bytes > fill.length) throw new RangeError(`fill chunk of ${bytes} bytes exceeds ${fill.length}`);
  return fill.subarray(0, bytes);
}

export interface FillOptions {
  /** Bytes per write (TCP) or per datagram (UDP); at most FILE_WRITE_CHUNK_BYTES. */
  chunkBytes: number;
  /** Called after each write with its size, for the tx event. */
  onWrite: (bytes: number) => void;
  /** Written first instead of the first fill chunk (a stream segment's numbered head). */
  head?: Uint8Array;
}

/**
 * Writes `total` bytes: `head` (if any) then 'A' chunks, awaiting drained() whenever write()
 * says so. Resolves true when all bytes were written, false when the transport went away.
 */
export async function sendFill(writer: PayloadWriter, total: number, options: FillOptions): Promise<boolean> {
  const chunkBytes = Math.min(options.chunkBytes, FILE_WRITE_CHUNK_BYTES);
  let remaining = total;
  let head = options.head;
  // Bounded: every pass writes at least one byte, so it runs at most `total` times.
  while (remaining > 0) {
    if (!writer.open) return false;
    const chunk = head ?? fillChunk(Math.min(remaining, chunkBytes));
    head = undefined;
    const more = writer.write(chunk);
    options.onWrite(chunk.length);
    remaining -= chunk.length;
    // Also after the last write: a stream's next segment must not pile onto a full queue.
    if (!more && !(await writer.drained())) return false;
  }
  return writer.open;
}
