// The sentences a student reads about endings, from the one formatter every face uses.
import { describe, expect, it } from 'vitest';
import { checkCommand, parseLabArgs } from '../../src-shared/api.js';
import {
  cappedStreamSentence,
  describeEnding,
  describeRate,
  queuedSentence,
  rateBytesPerSec,
  replyTimeoutSentence,
  shortEndSentence,
} from '../../src-shared/endings.js';
import type { ExchangeSummary } from '../../src-shared/events.js';

const base: ExchangeSummary = {
  exchange: 'x1',
  endpoint: 'c1',
  role: 'client',
  proto: 'tcp',
  command: 'file',
  request: '1000',
  expected: 1000,
  bytes: 700,
  lost: 300,
  durationMs: 2,
  throughputBps: 350_000,
  reads: 1,
  datagrams: 0,
  segmentsExpected: 0,
  segmentsReceived: 0,
  missing: 0,
  missingSample: [],
  outOfOrder: 0,
  duplicated: 0,
  prepareMs: 0.5,
  end: 'short',
  reply: null,
  error: { code: 'CUT_SHORT', message: 'the server closed after 700 of 1,000 bytes' },
  local: 'a:1',
  remote: 'b:2',
};

describe('ending sentences', () => {
  it('cut short, over TCP and UDP, with segments when counted', () => {
    expect(shortEndSentence({ proto: 'tcp', bytes: 9_800_000, expected: 123_456_789 })).toBe(
      'the server closed after 9,800,000 of 123,456,789 bytes',
    );
    expect(
      shortEndSentence({
        proto: 'udp',
        bytes: 500,
        expected: 1000,
        idleTimeoutMs: 2000,
        segments: { received: 5, expected: 10 },
      }),
    ).toBe(
      'no datagram for 2 s after 500 of 1,000 bytes (5 of 10 segments): the server stopped sending or the rest was lost',
    );
  });

  it('reply timeout, capped stream, queued bytes', () => {
    expect(replyTimeoutSentence('127.0.0.1:8120', 30_000, 0, 5)).toBe(
      'no reply from 127.0.0.1:8120 for 30 s: the server accepted the connection but sent nothing',
    );
    expect(replyTimeoutSentence('[::1]:8120', 30_000, 30, 200)).toBe(
      'no byte from [::1]:8120 for 30 s after 30 of 200 bytes: the server stopped sending',
    );
    expect(cappedStreamSentence(10_001, 20_000)).toBe(
      'the server capped the stream at 10,001 of 20,000 segments',
    );
    expect(queuedSentence(3_500_000, null)).toBe(
      '3,500,000 bytes taken by the kernel (queued, not confirmed by the peer)',
    );
  });

  it('no rate from a zero-length (or sub-millisecond) interval', () => {
    expect(rateBytesPerSec(3_500_000, 0)).toBe(0);
    expect(rateBytesPerSec(3_500_000, 0.1)).toBe(0);
    expect(rateBytesPerSec(1000, 1000)).toBe(1000);
    expect(describeRate({ bytes: 5, durationMs: 0, throughputBps: 0 })).toBe(
      'rate not measurable (too short an interval)',
    );
  });

  it('describeEnding joins the end, its sentence and a cap', () => {
    expect(describeEnding(base)).toBe(
      'cut short (fewer bytes than expected arrived): the server closed after 700 of 1,000 bytes',
    );
    expect(describeEnding({ ...base, end: 'fin', error: null, streamCap: { sent: 3, requested: 20 } })).toBe(
      'the server closed the connection (FIN, TCP’s end of transmission); not loss: the server capped the stream at 3 of 20 segments',
    );
  });
});

describe('one check of a command, with the field it belongs to', () => {
  it('names the field of a problem, and the UDP segment limit', () => {
    expect(checkCommand({ type: 'stream', intervalMs: 1, count: 1, size: 70_000 }, 'udp')).toEqual({
      ok: false,
      problems: [
        {
          path: 'size',
          message:
            'a UDP segment is at most 65,507 bytes: one datagram carries no more (65,535 − 8 UDP header − 20 IP header)',
        },
      ],
    });
    expect(checkCommand({ type: 'stream', intervalMs: 1, count: 1, size: 70_000 }, 'tcp').ok).toBe(true);
    // Any integer may be sent as a file request: the server says why it refuses.
    expect(checkCommand({ type: 'file', chars: 999_999_999_999 }, 'tcp').ok).toBe(true);
    expect(checkCommand({ type: 'file', chars: 0 }, 'udp').ok).toBe(true);
  });

  it('parseLabArgs carries the issue path on the error', () => {
    const r = parseLabArgs('send', {
      endpointId: 'c1',
      command: { type: 'stream', intervalMs: -1, count: 1, size: 1 },
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'BAD_ARGUMENT',
        message: 'send: command.intervalMs: the interval is at least 0 ms',
        path: 'command.intervalMs',
      },
    });
  });
});
