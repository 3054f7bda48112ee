// Every bad request of docs/protocol.md §5, plus garbage: one clear reply, an error event, and the
// server keeps serving.
import { afterEach, describe, expect, it } from 'vitest';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { PROTOS_UNDER_TEST, ServerHarness, pseudoRandomBytes } from '../helpers/server-harness.js';
import type { RunningServer } from '../helpers/server-harness.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

const NOT_UTF8 = 'Request is not valid UTF-8 text.';
const TOO_LONG = 'Request is longer than 1024 bytes.';

/** "Random" bytes that are never valid UTF-8 (0xff never is) and hold no newline. */
const garbage = Buffer.concat([
  Buffer.from([0xff]),
  pseudoRandomBytes(300).map((b) => (b === 0x0a ? 0x0b : b)),
]);

const CASES: [name: string, request: string | Buffer, reply: string, protos?: Proto[]][] = [
  [
    'file over the limit',
    '123456790',
    'Request for file of 123456790 chars. Server limit is: 123456789 chars.',
  ],
  ['file 0', '0', 'Request for file of 0 chars. File size must be at least 1 char.'],
  ['file negative', '-5', 'Request for file of -5 chars. File size must be at least 1 char.'],
  [
    'stream that does not parse',
    'stream-abc',
    'Request for transfer of ? segments at interval: ?, of size: ? has errors.',
  ],
  [
    'stream with a negative interval',
    'stream--1-5-5',
    'Request for transfer of ? segments at interval: ?, of size: ? has errors.',
  ],
  [
    'stream count 0',
    'stream-10-0-5',
    'Request for transfer of 0 segments at interval: 10, of size: 5 has errors.',
  ],
  [
    'stream size 0',
    'stream-10-5-0',
    'Request for transfer of 5 segments at interval: 10, of size: 0 has errors.',
  ],
  [
    'UDP stream over 65,507 bytes',
    'stream-1-2-65508',
    'Request for transfer of 2 segments at interval: 1, of size: 65508 has errors.',
    ['udp'],
  ],
  ['invalid UTF-8', Buffer.from([0x68, 0xc3, 0x28, 0x0a]), NOT_UTF8],
  ['random bytes', garbage, NOT_UTF8],
  ['a 2,000-byte request', 'x'.repeat(2000), TOO_LONG],
];

async function ask(s: RunningServer, proto: Proto, request: string | Buffer): Promise<string> {
  if (proto === 'udp') return (await harness.udpRequest(s.host, s.port, request))[0]?.toString() ?? '';
  const wire = typeof request === 'string' ? `${request}\n` : request;
  return (await harness.tcpRequest(s.host, s.port, [wire])).toString();
}

describe.each(PROTOS_UNDER_TEST)('%s server: bad requests', (proto) => {
  const cases = CASES.filter(([, , , protos]) => !protos || protos.includes(proto));

  it.each(cases)('%s → its reply, an error event, and service goes on', async (_name, request, reply) => {
    const s = await harness.start(proto);
    expect(await ask(s, proto, request)).toBe(reply);
    const summary = await s.log.summary();
    expect(summary).toMatchObject({
      command: 'bad',
      end: 'done',
      reply,
      error: { code: 'BAD_REQUEST', message: reply },
    });
    expect(s.log.ofKind('error')[0]).toMatchObject({
      command: 'bad',
      detail: reply,
      exchange: summary.exchange,
    });
    expect(await ask(s, proto, 'still there?')).toBe('STILL THERE?');
  });

  it('a smaller file limit is named in the reply', async () => {
    const s = await harness.start(proto, '127.0.0.1', { fileLimit: 1000 });
    expect(await ask(s, proto, '1001')).toBe('Request for file of 1001 chars. Server limit is: 1000 chars.');
  });

  it('a burst of garbage from many peers never stops the server', async () => {
    const s = await harness.start(proto);
    const requests = Array.from({ length: 20 }, (_, i) => pseudoRandomBytes(50 + i * 97, i + 1));
    await Promise.all(requests.map((r) => ask(s, proto, r).catch(() => '')));
    expect(await ask(s, proto, 'ok')).toBe('OK');
    expect(s.server.info().state).toBe('listening');
  });
});

describe('TCP server: hostile connections', () => {
  it('a peer that resets before sending a request is logged, not fatal', async () => {
    const s = await harness.start('tcp');
    const { connect } = await import('node:net');
    const socket = harness.track(connect({ host: '127.0.0.1', port: s.port }));
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.resetAndDestroy();
    const summary = await s.log.summary();
    expect(summary.end).toBe('error');
    expect(await ask(s, 'tcp', 'next')).toBe('NEXT');
  });

  it('an over-long request split across writes is still refused', async () => {
    const s = await harness.start('tcp');
    const reply = await harness.tcpRequest('127.0.0.1', s.port, ['y'.repeat(700), 'y'.repeat(700), '\n'], {
      gapMs: 10,
    });
    expect(reply.toString()).toBe(TOO_LONG);
    expect(s.log.ofKind('request')[0]!.bytes).toBe(1400);
  });
});
