// The summary in words: the headline every face shows, its facts, how it ended.
import { describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../src-shared/events.js';
import {
  describeSummary,
  endingSentences,
  endLabel,
  summaryFacts,
  summaryHeadline,
  summarySegments,
} from '../../src-shared/format/summary.js';
import { TCP_FILE, UDP_STREAM } from '../helpers/summaries.js';

describe('summaryHeadline', () => {
  it('client: request, protocol, bytes of expected, duration, rate in bytes and bits', () => {
    expect(summaryHeadline(TCP_FILE)).toBe(
      'file 1000000 over TCP: 1,000,000 of 1,000,000 bytes in 4.1 ms (244.8 MB/s, 1.96 Gbit/s)',
    );
    expect(summaryHeadline(UDP_STREAM)).toBe(
      'stream 10 ms × 200 × 1024 B over UDP: 201,728 of 204,800 bytes in 2.01 s (100.4 kB/s, 802.9 kbit/s)',
    );
  });
  it('no rate from a too-short interval, none at all without payload', () => {
    expect(summaryHeadline({ ...TCP_FILE, durationMs: 0.2, throughputBps: 0 })).toBe(
      'file 1000000 over TCP: 1,000,000 of 1,000,000 bytes in 0.2 ms (rate not measurable (too short an interval))',
    );
    expect(summaryHeadline({ ...TCP_FILE, command: 'echo', request: '', expected: null, bytes: 0, throughputBps: 0, durationMs: 0 })).toBe(
      'echo "" over TCP: 0 bytes in 0 ms',
    );
  });
  it('server: bytes sent, or taken by the kernel', () => {
    const server: ExchangeSummary = { ...TCP_FILE, role: 'server', reads: 4 };
    expect(summaryHeadline(server)).toBe(
      'file 1000000 over TCP: sent 1,000,000 of 1,000,000 bytes in 4.1 ms (244.8 MB/s, 1.96 Gbit/s)',
    );
    expect(summaryHeadline({ ...server, queuedNotConfirmed: true })).toMatch(
      /^file 1000000 over TCP: 1,000,000 of 1,000,000 bytes taken by the kernel \(queued, not confirmed by the peer\) in 4\.1 ms/,
    );
    expect(summaryFacts(server)).toEqual(['4 socket writes', 'file_prepared after 0.8 ms']);
  });
});

describe('facts, segments, ending', () => {
  it('client facts say what TCP reads are', () => {
    expect(summaryFacts(TCP_FILE)).toEqual([
      '0 bytes lost',
      '31 socket reads (TCP reads are not segments: the kernel merges and splits them)',
      'file_prepared after 0.8 ms',
    ]);
    expect(summaryFacts(UDP_STREAM)).toEqual(['3,072 bytes lost', '197 datagrams']);
  });
  it('segments with the first missing numbers; nothing for no stream', () => {
    expect(summarySegments(UDP_STREAM)).toBe(
      'segments 197/200, missing 3: 12, 57, 1,058, out of order 0, duplicated 0',
    );
    expect(summarySegments(TCP_FILE)).toBe('');
  });
  it('the one-line detail joins them all', () => {
    expect(describeSummary(UDP_STREAM)).toBe(
      'stream 10 ms × 200 × 1024 B over UDP: 201,728 of 204,800 bytes in 2.01 s (100.4 kB/s, 802.9 kbit/s); ' +
        '3,072 bytes lost, 197 datagrams; segments 197/200, missing 3: 12, 57, 1,058, out of order 0, duplicated 0; ' +
        'ended: idle timeout (no datagram for a while, and UDP has no end marker)',
    );
  });
  it('the ending as sentences, with a cap and an error', () => {
    expect(endingSentences({ ...TCP_FILE, streamCap: { sent: 3, requested: 20 } })).toBe(
      'The server closed the connection (FIN, TCP’s end of transmission). Not loss: the server capped the stream at 3 of 20 segments.',
    );
    expect(endingSentences({ ...TCP_FILE, end: 'error', error: { code: 'CONNECTION_RESET', message: 'Connection reset by the peer.' } })).toBe(
      'An error ended it: Connection reset by the peer.',
    );
  });
  it('badge words', () => {
    expect(endLabel('short')).toBe('cut short');
    expect(endLabel('idle-timeout')).toBe('idle timeout');
    expect(endLabel('done')).toBe('done');
  });
});
