import type { Proto } from './limits.js';
import { FILE_REQUEST_RE } from './limits.js';
import {
  FILE_LIMIT_CHARS,
  REQUEST_MAX_BYTES,
  STREAM_LIMIT_SEGMENTS,
  UDP_MAX_PAYLOAD_BYTES,
} from './limits.js';
import {
  badStreamReply,
  echoReply,
  fileNotPositiveReply,
  fileOverLimitReply,
  invalidUtf8Reply,
  oversizedRequestReply,
} from './replies.js';
import { STREAM_INTERVAL_MAX_MS, STREAM_SEGMENT_MAX_BYTES } from './limits.js';
import { STREAM_MAX_DURATION_MS_DEFAULT } from './server-limits.js';
import { streamTooLargeReply, streamTooLongReply } from './server-replies.js';
import { decodeUtf8Strict, stripRequest } from './text.js';

export interface ClassifyOptions {
  proto: Proto;
  fileLimit?: number;
  streamLimit?: number;
  /** Longest stream (count × interval, after the stream limit) the server sends. */
  streamMaxDurationMs?: number;
}

export type BadReason =
  | 'file-over-limit'
  | 'file-not-positive'
  | 'bad-stream'
  | 'stream-too-long'
  | 'stream-too-large'
  | 'invalid-utf8'
  | 'oversized';

export type Classified =
  | { kind: 'empty' }
  | { kind: 'echo'; text: string; reply: string }
  | { kind: 'file'; text: string; chars: number }
  | {
      kind: 'stream';
      text: string;
      intervalMs: number;
      /** Segments that will be sent: the request's count capped at the stream limit. */
      count: number;
      requestedCount: number;
      capped: boolean;
      size: number;
    }
  | { kind: 'bad'; text: string; reason: BadReason; reply: string };

const STREAM_RE = /^stream-([^-]*)-([^-]*)-([^-]*)$/;
const DECIMAL_RE = /^\d+(\.\d*)?$|^\.\d+$/;
const INT_RE = /^\+?\d+$/;

/** Classifies one request exactly as docs/protocol.md §2 orders it. */
export function classifyRequest(bytes: Uint8Array, options: ClassifyOptions): Classified {
  if (bytes.length > REQUEST_MAX_BYTES) {
    return { kind: 'bad', text: '', reason: 'oversized', reply: oversizedRequestReply(REQUEST_MAX_BYTES) };
  }
  const decoded = decodeUtf8Strict(bytes);
  if (decoded === null) {
    return { kind: 'bad', text: '', reason: 'invalid-utf8', reply: invalidUtf8Reply() };
  }
  return classifyText(stripRequest(decoded), options);
}

export function classifyText(text: string, options: ClassifyOptions): Classified {
  const fileLimit = options.fileLimit ?? FILE_LIMIT_CHARS;
  const streamLimit = options.streamLimit ?? STREAM_LIMIT_SEGMENTS;
  if (text === '') return { kind: 'empty' };
  if (text.startsWith('stream')) return classifyStream(text, options, fileLimit, streamLimit);
  if (FILE_REQUEST_RE.test(text)) {
    const n = Number(text);
    if (n > fileLimit) {
      return { kind: 'bad', text, reason: 'file-over-limit', reply: fileOverLimitReply(text, fileLimit) };
    }
    if (n <= 0) {
      return { kind: 'bad', text, reason: 'file-not-positive', reply: fileNotPositiveReply(text) };
    }
    return { kind: 'file', text, chars: n };
  }
  return { kind: 'echo', text, reply: echoReply(text) };
}

function classifyStream(text: string, options: ClassifyOptions, fileLimit: number, streamLimit: number): Classified {
  const m = STREAM_RE.exec(text);
  const [rawInterval, rawCount, rawSize] = m ? [m[1]!, m[2]!, m[3]!] : ['?', '?', '?'];
  const bad: Classified = {
    kind: 'bad',
    text,
    reason: 'bad-stream',
    reply: badStreamReply(rawCount, rawInterval, rawSize),
  };
  if (!m || !DECIMAL_RE.test(rawInterval) || !INT_RE.test(rawCount) || !INT_RE.test(rawSize)) {
    return bad;
  }
  const intervalMs = Number(rawInterval);
  const requestedCount = Number(rawCount);
  const size = Number(rawSize);
  if (!Number.isFinite(intervalMs) || requestedCount < 1 || size < 1) return bad;
  if (!Number.isSafeInteger(requestedCount) || !Number.isSafeInteger(size)) return bad;
  // NetLab bounds (docs/protocol.md §8): a sleep over an hour, or a segment no client asks for.
  if (intervalMs > STREAM_INTERVAL_MAX_MS || size > STREAM_SEGMENT_MAX_BYTES) return bad;
  if (options.proto === 'udp' && size > UDP_MAX_PAYLOAD_BYTES) return bad;
  const count = Math.min(requestedCount, streamLimit);
  const maxDurationMs = options.streamMaxDurationMs ?? STREAM_MAX_DURATION_MS_DEFAULT;
  if (count * intervalMs > maxDurationMs) {
    const reply = streamTooLongReply(count, rawInterval, maxDurationMs);
    return { kind: 'bad', text, reason: 'stream-too-long', reply };
  }
  // A stream carries no more bytes than the largest file; the product is also a safe integer then.
  if (!Number.isSafeInteger(count * size) || count * size > fileLimit) {
    return { kind: 'bad', text, reason: 'stream-too-large', reply: streamTooLargeReply(count, size, fileLimit) };
  }
  return { kind: 'stream', text, intervalMs, count, requestedCount, capped: count < requestedCount, size };
}

/** The request text a client puts on the wire for a stream (classic sends Python floats). */
export function formatStreamRequest(intervalMs: number, count: number, size: number): string {
  const interval = Number.isInteger(intervalMs) ? `${intervalMs}.0` : String(intervalMs);
  return `stream-${interval}-${count}-${size}`;
}
