import type { Command } from '../../../src-shared/api.js';
import type { CommandKind } from '../../../src-shared/events.js';
import { classifyText, formatStreamRequest } from '../../../src-shared/protocol/classify.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { encodeUtf8, stripRequest } from '../../../src-shared/protocol/text.js';

/** What a client sends and what it should expect back, decided before the first byte goes out. */
export interface RequestPlan {
  /** The request text as the user gave it (without the terminating '\n'). */
  text: string;
  /** Bytes on the wire: NetLab clients end every request with '\n' (docs/protocol.md §1). */
  wire: Buffer;
  /**
   * What the server will take the request for. The server classifies the text, not the form the
   * user typed it into, so "echo 123" is really a file request and "file 0" a bad one.
   */
  kind: CommandKind | 'bad' | null;
  /** Payload bytes the reply should carry, when known. */
  expected: number | null;
  /** A stream's geometry; `intervalMs` is the silence to expect before each segment. */
  stream: { count: number; size: number; intervalMs: number } | null;
}

// The client cannot know the server's limits; it leaves judging them to the server's reply.
const UNKNOWN_LIMIT = Number.MAX_SAFE_INTEGER;

export function requestText(command: Command): string {
  switch (command.type) {
    case 'echo':
      return command.text;
    case 'file':
      return String(command.chars);
    case 'stream':
      return formatStreamRequest(command.intervalMs, command.count, command.size);
  }
}

export function planRequest(command: Command, proto: Proto): RequestPlan {
  const text = requestText(command);
  const wire = Buffer.from(`${text}\n`, 'utf8');
  const classified = classifyText(stripRequest(text), {
    proto,
    fileLimit: UNKNOWN_LIMIT,
    streamLimit: UNKNOWN_LIMIT,
  });
  switch (classified.kind) {
    case 'empty':
      return { text, wire, kind: null, expected: 0, stream: null };
    case 'echo':
      // Upper-casing ASCII letters keeps the byte length, so the reply is as long as the stripped request.
      return { text, wire, kind: 'echo', expected: encodeUtf8(classified.text).length, stream: null };
    case 'file':
      return { text, wire, kind: 'file', expected: classified.chars, stream: null };
    case 'stream':
      return {
        text,
        wire,
        kind: 'stream',
        expected: classified.count * classified.size,
        stream: { count: classified.count, size: classified.size, intervalMs: classified.intervalMs },
      };
    case 'bad':
      return { text, wire, kind: 'bad', expected: null, stream: null };
  }
}
