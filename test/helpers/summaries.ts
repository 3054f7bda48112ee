// Summaries as the engine builds them, for the tests of how they are worded.
import type { ExchangeSummary } from '../../src-shared/events.js';

export const TCP_FILE: ExchangeSummary = {
  exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'tcp', command: 'file', request: '1000000',
  expected: 1_000_000, bytes: 1_000_000, lost: 0, durationMs: 4.085, throughputBps: 244_798_041, reads: 31,
  datagrams: 0, segmentsExpected: 0, segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0,
  duplicated: 0, prepareMs: 0.8, end: 'fin', reply: null, error: null, local: '127.0.0.1:51234', remote: '127.0.0.1:8120',
};

export const UDP_STREAM: ExchangeSummary = {
  ...TCP_FILE, proto: 'udp', command: 'stream', request: 'stream-10-200-1024', expected: 204_800, bytes: 201_728,
  lost: 3072, durationMs: 2010, throughputBps: 100_362, reads: 0, datagrams: 197, segmentsExpected: 200,
  segmentsReceived: 197, missing: 3, missingSample: [12, 57, 1058], end: 'idle-timeout', prepareMs: null,
};
