// Turns a request's bytes into what the server will send, once for TCP and UDP alike.
import type { ServerConfig } from '../../../src-shared/api.js';
import type { CommandKind } from '../../../src-shared/events.js';
import { classifyRequest } from '../../../src-shared/protocol/classify.js';
import { REQUEST_MAX_BYTES } from '../../../src-shared/protocol/limits.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { decodeUtf8Lenient, encodeUtf8 } from '../../../src-shared/protocol/text.js';

/** How much of a request the log shows; requests are at most 1024 bytes, but a log line should not be. */
const REQUEST_DETAIL_MAX_CHARS = 200;

export type ReplyPlan =
  | { kind: 'none' }
  | { kind: 'text'; bytes: Uint8Array }
  | { kind: 'file'; chars: number }
  | { kind: 'stream'; intervalMs: number; count: number; size: number; sequenceNumbers: boolean };

export interface PlannedRequest {
  command: CommandKind | 'bad' | null;
  /** The stripped request text ('' for empty or undecodable requests). */
  text: string;
  /** Payload bytes the reply will carry (file N, count × size, reply text length); 0 for no reply. */
  expected: number;
  /** The request as the log shows it, with the stream-limit note when the count was capped. */
  detail: string;
  /** The echo or error reply text; for a bad request also the error event's detail. */
  reply: string | null;
  /** Stream segments that will be sent (0 otherwise). */
  segments: number;
  plan: ReplyPlan;
  /** Set when a server bound refused it (docs/protocol.md §8): the summary's error is BUSY. */
  refused?: boolean;
}

/**
 * A request a server bound turned away: `line` is the whole refusal (the error event and summary),
 * `wire` what is sent (for UDP cut to the request's length, so a refusal never amplifies).
 */
export function refusedPlan(detail: string, text: string, line: string, wire: Uint8Array): PlannedRequest {
  return {
    command: 'bad',
    text,
    expected: wire.length,
    detail,
    reply: line,
    segments: 0,
    plan: { kind: 'text', bytes: wire },
    refused: true,
  };
}

export function planRequest(raw: Uint8Array, proto: Proto, config: ServerConfig): PlannedRequest {
  const c = classifyRequest(raw, {
    proto,
    fileLimit: config.fileLimit,
    streamLimit: config.streamLimit,
    streamMaxDurationMs: config.streamMaxDurationMs,
  });
  const base = { reply: null, segments: 0 };
  switch (c.kind) {
    case 'empty':
      return {
        ...base,
        command: null,
        text: '',
        expected: 0,
        detail: 'empty request: no reply',
        plan: { kind: 'none' },
      };
    case 'echo': {
      const bytes = encodeUtf8(c.reply);
      return {
        command: 'echo',
        text: c.text,
        expected: bytes.length,
        detail: shorten(c.text),
        reply: c.reply,
        segments: 0,
        plan: { kind: 'text', bytes },
      };
    }
    case 'file':
      return {
        ...base,
        command: 'file',
        text: c.text,
        expected: c.chars,
        detail: c.text,
        plan: { kind: 'file', chars: c.chars },
      };
    case 'stream': {
      const note = c.capped ? `: count capped at ${c.count} (stream limit)` : '';
      const { intervalMs, count, size } = c;
      return {
        command: 'stream',
        text: c.text,
        expected: count * size,
        detail: `${c.text}${note}`,
        reply: null,
        segments: count,
        plan: { kind: 'stream', intervalMs, count, size, sequenceNumbers: config.sequenceNumbers },
      };
    }
    case 'bad': {
      const bytes = encodeUtf8(c.reply);
      const detail = c.text !== '' ? shorten(c.text) : describeRaw(raw, c.reason);
      return {
        command: 'bad',
        text: c.text,
        expected: bytes.length,
        detail,
        reply: c.reply,
        segments: 0,
        plan: { kind: 'text', bytes },
      };
    }
  }
}

/** A request that could not be decoded or was too long, shown readably (U+FFFD for bad bytes). */
function describeRaw(raw: Uint8Array, reason: string): string {
  // Decoding one byte more than is shown lets shorten() see the text was cut and mark it.
  const shown = shorten(decodeUtf8Lenient(raw.subarray(0, REQUEST_DETAIL_MAX_CHARS + 1)));
  if (reason === 'oversized') return `over ${REQUEST_MAX_BYTES} bytes: ${shown}`;
  return `not UTF-8 (${raw.length} bytes): ${shown}`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/[\r\n\t]/g, ' ');
  return oneLine.length > REQUEST_DETAIL_MAX_CHARS
    ? `${oneLine.slice(0, REQUEST_DETAIL_MAX_CHARS)}…`
    : oneLine;
}
