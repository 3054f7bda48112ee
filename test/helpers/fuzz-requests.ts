// The fuzz suite's seeded request generator and its reply oracle. The oracle takes the request's
// kind from the shared classifier (unit-tested on its own) and checks the reply's bytes without it:
// echo by its own upper-casing, files and streams byte for byte, errors against the documented lines.
import type { ServerConfig } from '../../src-shared/api.js';
import { classifyRequest } from '../../src-shared/protocol/classify.js';
import type { Classified } from '../../src-shared/protocol/classify.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { fillStreamSegment, sequenceForIndex } from '../../src-shared/protocol/stream-segment.js';
import { mulberry32 } from '../../src-shared/link/prng.js';

/** The link's seeded generator (mulberry32): a failing seed replays the same requests. */
export const prng = mulberry32;

const NEAR_MISSES = [
  'stream-1-2',
  'stream--1-2-3',
  '+0',
  '-0',
  '1e9',
  ' 12 ',
  '\t7\t',
  'stream-1e400-1-1',
  'stream-NaN-1-1',
  'stream-Infinity-1-1',
  'stream-1-2-3-4',
  'stream-+1-2-3',
  'stream-.5-2-3',
  'stream-5.-2-3',
  'stream-1-+2-3',
  'stream-1-2.0-3',
  'stream-1-0x2-3',
  'Stream-1-2-3',
  'stream',
  'stream-',
  'stream---',
  'upstream-1-2-3',
  '0x10',
  '12.0',
  '1_000',
  '00012',
  '１２',
  '٣',
  '9'.repeat(400),
  '-99999999999999999999',
  '123456789012345678901234567890',
  'stream-0-99999999999999999999-1',
  'stream-0-10001-9007199254740991',
  'stream-3000000000-3-5',
  'stream-3600000-10001-1',
  'stream-0-1-67108865',
  'stream-0-1-65508',
];

const INVALID_UTF8: number[][] = [[0xff], [0xc0, 0x80], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

/** One request's bytes: random bytes, invalid UTF-8, a near miss, a huge number or a valid command. */
export function generateRequest(rand: () => number, proto: Proto): Uint8Array {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const kind = rand();
  if (kind < 0.15) {
    const long = rand() < 0.1;
    const length = long ? int(1000, 1100) : int(0, 80);
    // Long random bytes almost always hold a newline (TCP frames there): half are letters only.
    const letters = long && rand() < 0.5;
    return Uint8Array.from({ length }, () => (letters ? int(0x61, 0x7a) : int(0, 255)));
  }
  if (kind < 0.25) {
    const text = Buffer.from(pick(['hello', '12', 'stream-1-2-3', '']));
    const at = int(0, text.length);
    return Buffer.concat([text.subarray(0, at), Buffer.from(pick(INVALID_UTF8)), text.subarray(at)]);
  }
  if (kind < 0.45) {
    const base = pick(NEAR_MISSES);
    return Buffer.from(rand() < 0.5 ? base : base.replace(/\d+/, String(int(0, 10 ** int(1, 12)))));
  }
  if (kind < 0.6) {
    return Buffer.from(`${pick(['', '+', '-', ' '])}${int(0, 2 ** 53).toString().repeat(int(1, 3))}`);
  }
  if (kind < 0.75) return Buffer.from(`${pick(['', '+', ' '])}${int(-5, 6000)}${pick(['', '\n', ' \n'])}`);
  if (kind < 0.9) {
    const interval = pick(['0', '0.0', '0.5', '1', '2.0']);
    const size = proto === 'udp' && rand() < 0.1 ? int(65_500, 65_510) : int(0, 300);
    return Buffer.from(`stream-${interval}-${int(0, 25)}-${size}`);
  }
  const words = Array.from({ length: int(0, 6) }, () => pick(['hello', 'World', 'ÿé', 'quit', 'stream?', '日本', '\t', '  ']));
  return Buffer.from(words.join(' '));
}

/** What the TCP server takes as the request: up to a newline within limit + 1 bytes, or limit + 1. */
export function frameTcp(bytes: Uint8Array, maxBytes = 1024): Uint8Array {
  const usable = bytes.subarray(0, maxBytes + 1);
  const newline = usable.indexOf(0x0a);
  return newline >= 0 ? usable.subarray(0, newline) : usable;
}

const ERROR_LINES = [
  /^Request for file of \S+ chars\. Server limit is: \d+ chars\.$/,
  /^Request for file of \S+ chars\. File size must be at least 1 char\.$/,
  /^Request for transfer of .* segments at interval: .*, of size: .* has errors\.$/s,
  /^Request for transfer of \d+ segments at interval: \S+ lasts too long\. Server limit is: [\d.]+ s\.$/,
  /^Request for transfer of \d+ segments of size: \d+ is \d+ bytes\. Server limit is: \d+ bytes\.$/,
  /^Request is not valid UTF-8 text\.$/,
  /^Request is longer than 1024 bytes\.$/,
];

function asciiUpper(bytes: Uint8Array): Buffer {
  return Buffer.from(Array.from(bytes, (b) => (b >= 0x61 && b <= 0x7a ? b - 0x20 : b)));
}

export function classify(framed: Uint8Array, proto: Proto, config: ServerConfig): Classified {
  return classifyRequest(framed, {
    proto,
    fileLimit: config.fileLimit,
    streamLimit: config.streamLimit,
    streamMaxDurationMs: config.streamMaxDurationMs,
  });
}

/** The reply as datagrams (UDP) or one buffer (TCP: the whole connection); null when correct. */
export function checkReply(c: Classified, reply: Buffer[], proto: Proto, config: ServerConfig): string | null {
  const all = Buffer.concat(reply);
  switch (c.kind) {
    case 'empty':
      return all.length === 0 ? null : `empty request got ${all.length} bytes`;
    case 'echo': {
      const want = asciiUpper(Buffer.from(c.text));
      return all.equals(want) && reply.length <= 1 ? null : `echo: got ${JSON.stringify(all.toString())}`;
    }
    case 'bad': {
      const text = all.toString();
      if (!ERROR_LINES.some((re) => re.test(text))) return `not a documented error line: ${JSON.stringify(text)}`;
      return text === c.reply ? null : `wrong error line: ${JSON.stringify(text)} for ${c.reason}`;
    }
    case 'file': {
      if (all.subarray(0, 13).toString('latin1') !== 'file_prepared') return 'file: no file_prepared first';
      if (proto === 'udp' && reply[0]!.length !== 13) return 'file: file_prepared not its own datagram';
      const payload = all.subarray(13);
      if (payload.length !== c.chars) return `file: ${payload.length} of ${c.chars} bytes`;
      return payload.every((b) => b === 0x41) ? null : 'file: payload is not all A';
    }
    case 'stream': {
      const segments = Array.from({ length: c.count }, (_, i) =>
        config.sequenceNumbers
          ? Buffer.from(fillStreamSegment(Buffer.alloc(c.size, 0x41), sequenceForIndex(i, c.count)))
          : Buffer.alloc(c.size, 0x41),
      );
      if (proto === 'udp') {
        if (reply.length !== c.count) return `stream: ${reply.length} of ${c.count} datagrams`;
        const bad = reply.findIndex((d, i) => !d.equals(segments[i]!));
        return bad < 0 ? null : `stream: datagram ${bad} differs`;
      }
      return all.equals(Buffer.concat(segments)) ? null : `stream: ${all.length} of ${c.count * c.size} bytes, or wrong bytes`;
    }
  }
}

/** Datagrams a UDP reply has (0 = none expected). */
export function udpReplyDatagrams(c: Classified, config: ServerConfig): number {
  switch (c.kind) {
    case 'empty':
      return 0;
    case 'file':
      return 1 + Math.ceil(c.chars / config.chunkBytes);
    case 'stream':
      return c.count;
    default:
      return 1;
  }
}
