// TCP request framing (docs/protocol.md §1), pure: bytes in, at most one request out. The connection
// owns the clock and calls finish('quiet') after REQUEST_QUIET_MS of silence.
import { REQUEST_MAX_BYTES } from '../../../src-shared/protocol/limits.js';

const NEWLINE = 0x0a;

/** Why a request counts as complete. 'oversized' means more than the limit arrived without a newline. */
export type RequestEnd = 'newline' | 'limit' | 'half-close' | 'quiet' | 'oversized';

export interface FramedRequest {
  /**
   * The request without its `\n` terminator. An oversized request keeps limit + 1 bytes, so the
   * classifier (which rejects anything over the limit) sees it as too long without us buffering more.
   */
  bytes: Uint8Array;
  /** Bytes that arrived up to the decision, terminator and anything cut off included. */
  received: number;
  end: RequestEnd;
}

export class RequestReader {
  private readonly chunks: Uint8Array[] = [];
  private buffered = 0;
  private received = 0;
  private result: FramedRequest | null = null;

  constructor(private readonly maxBytes: number = REQUEST_MAX_BYTES) {}

  get done(): boolean {
    return this.result !== null;
  }

  /** Bytes held while the request is incomplete; never more than maxBytes + 1. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Feeds one chunk; returns the request once it is complete. Bytes after a complete request are ignored. */
  push(chunk: Uint8Array): FramedRequest | null {
    if (this.result) return null;
    this.received += chunk.length;
    // Only the first maxBytes + 1 bytes can matter: a newline later than that is already too late.
    const room = this.maxBytes + 1 - this.buffered;
    const usable = chunk.length > room ? chunk.subarray(0, room) : chunk;
    const newline = usable.indexOf(NEWLINE);
    if (newline >= 0) {
      this.keep(usable.subarray(0, newline));
      return this.complete('newline');
    }
    this.keep(usable);
    if (this.buffered > this.maxBytes) return this.complete('oversized');
    if (this.buffered === this.maxBytes) return this.complete('limit');
    return null;
  }

  /** Ends the request because the peer half-closed or went quiet; returns the earlier result if complete. */
  finish(end: 'half-close' | 'quiet'): FramedRequest {
    return this.result ?? this.complete(end);
  }

  private keep(part: Uint8Array): void {
    if (part.length === 0) return;
    this.chunks.push(part);
    this.buffered += part.length;
  }

  private complete(end: RequestEnd): FramedRequest {
    const bytes = concat(this.chunks, this.buffered);
    this.chunks.length = 0;
    this.buffered = 0;
    this.result = { bytes, received: this.received, end };
    return this.result;
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
