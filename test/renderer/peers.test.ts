// The server's peers are hosts (a NetLab client uses a new source port per exchange), and "took"
// is the time from the request to the last byte sent.
import { describe, expect, it } from 'vitest';
import type { ExchangeView } from '../../src-renderer/store/exchanges.js';
import { answerMs, hostOf, peersOf } from '../../src-renderer/store/peers.js';
import type { ExchangeSummary } from '../../src-shared/events.js';

function exchange(partial: Partial<ExchangeView>): ExchangeView {
  return {
    id: 'x1', endpoint: 's1', role: 'server', proto: 'udp', command: 'echo', request: 'hello', local: '127.0.0.1:8120',
    remote: '127.0.0.1:40000', startT: 0, requestT: null, lastT: 0, bytes: 0, packets: 0, firstPayloadT: null,
    lastPayloadT: null, prepared: false, summary: null, ...partial,
  };
}

const done = { end: 'done', durationMs: 0 } as ExchangeSummary;

describe('peers', () => {
  it('reads the host out of IPv4 and IPv6 addresses', () => {
    expect(hostOf('127.0.0.1:51234')).toBe('127.0.0.1');
    expect(hostOf('[::1]:51234')).toBe('::1');
    expect(hostOf('not an address')).toBe('not an address');
  });

  it('groups exchanges by host, counting ports, bytes and running ones; newest first', () => {
    const peers = peersOf([
      exchange({ id: 'x1', remote: '127.0.0.1:40000', bytes: 5, lastT: 10, summary: done }),
      exchange({ id: 'x2', remote: '[::1]:40001', bytes: 7, lastT: 20, summary: done }),
      exchange({ id: 'x3', remote: '127.0.0.1:40002', bytes: 100, lastT: 30 }),
      exchange({ id: 'x4', remote: '127.0.0.1:40002', bytes: 1, lastT: 15, summary: done }),
    ]);
    expect(peers).toEqual([
      { host: '127.0.0.1', ports: 2, exchanges: 3, running: 1, bytes: 106, lastT: 30 },
      { host: '::1', ports: 1, exchanges: 1, running: 0, bytes: 7, lastT: 20 },
    ]);
  });

  it('took: request to last byte sent once done, request to now while running', () => {
    expect(answerMs(exchange({ startT: 5, requestT: 10, lastPayloadT: 10.04, lastT: 12, summary: done }))).toBeCloseTo(0.04, 9);
    expect(answerMs(exchange({ startT: 5, requestT: 10, lastPayloadT: 11, lastT: 15 }))).toBe(5);
    // A bad request sends no payload: up to its summary.
    expect(answerMs(exchange({ startT: 5, requestT: null, lastPayloadT: null, lastT: 6, summary: done }))).toBe(1);
  });
});
