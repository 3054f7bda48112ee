import { describe, expect, it } from 'vitest';
import { classifyRequest, classifyText, formatStreamRequest } from '../../src-shared/protocol/classify.js';
import { FILE_LIMIT_CHARS, STREAM_LIMIT_SEGMENTS } from '../../src-shared/protocol/limits.js';
import { encodeUtf8 } from '../../src-shared/protocol/text.js';

const tcp = { proto: 'tcp' } as const;
const udp = { proto: 'udp' } as const;
const bytes = (s: string): Uint8Array => encodeUtf8(s);

describe('classifyRequest: the order of docs/protocol.md §2', () => {
  it.each(['', '   ', '\n', ' \t\r\n '])('empty after stripping: %j', (text) => {
    expect(classifyRequest(bytes(text), tcp)).toEqual({ kind: 'empty' });
  });

  it('echo upper-cases ASCII letters only and strips white space', () => {
    expect(classifyRequest(bytes('  hello world \n'), tcp)).toMatchObject({
      kind: 'echo',
      text: 'hello world',
      reply: 'HELLO WORLD',
    });
    expect(classifyRequest(bytes('héllo ß 123'), tcp)).toMatchObject({ kind: 'echo', reply: 'HéLLO ß 123' });
  });

  it('"stream" must start the request: upstream is an echo', () => {
    expect(classifyText('upstream', tcp)).toMatchObject({ kind: 'echo', reply: 'UPSTREAM' });
    expect(classifyText('STREAM-1-1-1', tcp)).toMatchObject({ kind: 'echo' });
  });

  it('stream with a Python float interval, as classic clients send it', () => {
    expect(classifyText('stream-10.0-1000-1024', tcp)).toEqual({
      kind: 'stream',
      text: 'stream-10.0-1000-1024',
      intervalMs: 10,
      count: 1000,
      requestedCount: 1000,
      capped: false,
      size: 1024,
    });
  });

  it.each([
    ['stream-0-5-10', 0],
    ['stream-2.5-5-10', 2.5],
    ['stream-.5-5-10', 0.5],
    ['stream-10.-5-10', 10],
    ['stream-+5-5-10', null],
  ])('stream interval %s', (text, interval) => {
    const c = classifyText(text, tcp);
    if (interval === null) expect(c.kind).toBe('bad');
    else expect(c).toMatchObject({ kind: 'stream', intervalMs: interval });
  });

  it('caps the count at the stream limit and says so', () => {
    expect(classifyText('stream-0-20000-1', tcp)).toMatchObject({
      kind: 'stream',
      count: STREAM_LIMIT_SEGMENTS,
      requestedCount: 20000,
      capped: true,
    });
    expect(classifyText('stream-0-8-1', { proto: 'tcp', streamLimit: 5 })).toMatchObject({
      count: 5,
      capped: true,
    });
    expect(classifyText('stream-0-5-1', { proto: 'tcp', streamLimit: 5 })).toMatchObject({
      count: 5,
      capped: false,
    });
  });

  it.each([
    ['1', 1],
    ['+42', 42],
    ['1000000', 1_000_000],
    [String(FILE_LIMIT_CHARS), FILE_LIMIT_CHARS],
  ])('file %s', (text, chars) => {
    expect(classifyText(text, tcp)).toEqual({ kind: 'file', text, chars });
  });

  it('numbers that are not plain integers are echoes', () => {
    expect(classifyText('1.5', tcp)).toMatchObject({ kind: 'echo', reply: '1.5' });
    expect(classifyText('12abc', tcp)).toMatchObject({ kind: 'echo', reply: '12ABC' });
    expect(classifyText('1 2', tcp)).toMatchObject({ kind: 'echo' });
  });
});

describe('classifyRequest: every bad request of docs/protocol.md §5, with its reply text', () => {
  it('file over the limit', () => {
    expect(classifyText('123456790', tcp)).toEqual({
      kind: 'bad',
      text: '123456790',
      reason: 'file-over-limit',
      reply: 'Request for file of 123456790 chars. Server limit is: 123456789 chars.',
    });
    expect(classifyText('1001', { proto: 'udp', fileLimit: 1000 })).toMatchObject({
      reply: 'Request for file of 1001 chars. Server limit is: 1000 chars.',
    });
  });

  it.each(['0', '-5', '+0', '-0'])('file %s ≤ 0', (text) => {
    expect(classifyText(text, tcp)).toEqual({
      kind: 'bad',
      text,
      reason: 'file-not-positive',
      reply: `Request for file of ${text} chars. File size must be at least 1 char.`,
    });
  });

  it.each([
    ['stream', '?', '?', '?'],
    ['stream-abc', '?', '?', '?'],
    ['stream-10-5', '?', '?', '?'],
    ['stream-10-5-5-5', '?', '?', '?'],
    ['stream--1-5-5', '?', '?', '?'],
    ['stream-x-5-5', '5', 'x', '5'],
    ['stream-10-0-5', '0', '10', '5'],
    ['stream-10-5-0', '5', '10', '0'],
    ['stream-10-1.5-5', '1.5', '10', '5'],
    ['stream-10-5-', '5', '10', ''],
    ['stream-1e3-5-5', '5', '1e3', '5'],
  ])('bad stream %s', (text, count, interval, size) => {
    expect(classifyText(text, tcp)).toEqual({
      kind: 'bad',
      text,
      reason: 'bad-stream',
      reply: `Request for transfer of ${count} segments at interval: ${interval}, of size: ${size} has errors.`,
    });
  });

  it('UDP segments over 65,507 bytes are a bad stream; TCP ones are not', () => {
    expect(classifyText('stream-1-2-65507', udp)).toMatchObject({ kind: 'stream', size: 65507 });
    expect(classifyText('stream-1-2-65508', udp)).toMatchObject({
      kind: 'bad',
      reply: 'Request for transfer of 2 segments at interval: 1, of size: 65508 has errors.',
    });
    expect(classifyText('stream-1-2-65508', tcp)).toMatchObject({ kind: 'stream', size: 65508 });
  });

  it('invalid UTF-8, also when only the last byte is bad', () => {
    const expected = {
      kind: 'bad',
      text: '',
      reason: 'invalid-utf8',
      reply: 'Request is not valid UTF-8 text.',
    };
    expect(classifyRequest(Uint8Array.from([0xff, 0xfe, 0x41]), tcp)).toEqual(expected);
    expect(classifyRequest(Uint8Array.from([0x68, 0x69, 0xc3]), udp)).toEqual(expected);
  });

  it('over 1024 bytes is bad; exactly 1024 is a request', () => {
    expect(classifyRequest(bytes('a'.repeat(1025)), tcp)).toEqual({
      kind: 'bad',
      text: '',
      reason: 'oversized',
      reply: 'Request is longer than 1024 bytes.',
    });
    expect(classifyRequest(bytes('a'.repeat(1024)), tcp)).toMatchObject({
      kind: 'echo',
      reply: 'A'.repeat(1024),
    });
    // 1024 bytes of two-byte characters: 512 characters, still within the byte limit.
    expect(classifyRequest(bytes('é'.repeat(512)), tcp)).toMatchObject({ kind: 'echo' });
    expect(classifyRequest(bytes('é'.repeat(513)), tcp)).toMatchObject({ kind: 'bad', reason: 'oversized' });
  });
});

describe('formatStreamRequest', () => {
  it('writes the interval as a Python float, like the classic client', () => {
    expect(formatStreamRequest(10, 1000, 1024)).toBe('stream-10.0-1000-1024');
    expect(formatStreamRequest(0, 1, 1)).toBe('stream-0.0-1-1');
    expect(formatStreamRequest(2.5, 3, 4)).toBe('stream-2.5-3-4');
  });

  it.each([
    [10, 1000, 1024],
    [0, 1, 1],
    [0.25, 7, 65507],
    [1500, 10001, 1],
  ])('round-trips through the classifier: %s ms × %s × %s', (intervalMs, count, size) => {
    // 1500 ms × 10001 is over the default one-hour stream duration limit: raise it here.
    const roomy = { ...udp, streamMaxDurationMs: 86_400_000 };
    expect(classifyText(formatStreamRequest(intervalMs, count, size), roomy)).toMatchObject({
      kind: 'stream',
      intervalMs,
      count,
      size,
    });
  });
});
