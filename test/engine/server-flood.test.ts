// A spoofed-source UDP flood, simulated from 49 loopback addresses (127.0.0.2 … 127.0.0.50; Linux
// routes all of 127/8 to lo): the 8-byte request `10000000` asks for 10 MB, the amplification the
// issue reports. Each source receives at most its budget, all together at most the total budget,
// and a fresh client is still served. Checked at every datagram that arrives, not by sampling.
import type { Socket as UdpSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { udpBusyReply } from '../../src-shared/protocol/server-replies.js';
import { LOOPBACK_ALIASES_WORK, loopbackAlias, udpFileOrRefusal } from '../helpers/bounds-helpers.js';
import { ServerHarness, isAllA } from '../helpers/server-harness.js';

const SOURCES = 49;
const REQUEST = '10000000';
/** What a budget may send ahead of its pace (UDP_BUDGET_BURST_MS) plus scheduling, as time. */
const GRACE_S = 0.1;
/** One datagram past the budget per transfer (it is checked after each send), and then some. */
const DATAGRAM_SLACK_BYTES = 2 * 1133;

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

interface Received {
  bytes: number;
  datagrams: Buffer[];
}

/** Binds one socket per source, sends `requests` copies of REQUEST from each, counts what comes back. */
async function flood(port: number, requests: number, onDatagram: (source: number, r: Received) => void): Promise<{ sockets: UdpSocket[]; received: Received[]; started: number }> {
  const sockets = await Promise.all(Array.from({ length: SOURCES }, (_, i) => harness.udpSocket(loopbackAlias(i, SOURCES))));
  const received = sockets.map(() => ({ bytes: 0, datagrams: [] as Buffer[] }));
  sockets.forEach((socket, i) =>
    socket.on('message', (msg: Buffer) => {
      const r = received[i]!;
      r.bytes += msg.length;
      if (msg.length < 100) r.datagrams.push(msg);
      onDatagram(i, r);
    }),
  );
  const started = performance.now();
  for (const socket of sockets) for (let k = 0; k < requests; k++) socket.send(REQUEST, port, '127.0.0.1');
  return { sockets, received, started };
}

/** Resolves when `done()` holds after a datagram, rejects after `timeoutMs`. */
function until(check: (resolve: () => void) => (source: number, r: Received) => void, timeoutMs: number, what: string) {
  let onDatagram: (source: number, r: Received) => void = () => undefined;
  const reached = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} not reached within ${timeoutMs} ms`)), timeoutMs);
    onDatagram = check(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { reached, onDatagram: (s: number, r: Received) => onDatagram(s, r) };
}

describe.skipIf(!LOOPBACK_ALIASES_WORK)('UDP flood from many source addresses', () => {
  it('each source gets at most its budget; a 5th request per source is refused within its own size', async () => {
    const rate = 200_000;
    const s = await harness.start('udp', '127.0.0.1', { udpSourceRateBytesPerSec: rate });
    const violations: string[] = [];
    let started = 0;
    const target = 100_000;
    let reachedCount = 0;
    const reachedBy = new Set<number>();
    const watch = until((resolve) => (source, r) => {
      const elapsedS = (performance.now() - started) / 1000;
      const allowed = rate * (elapsedS + GRACE_S) + 4 * DATAGRAM_SLACK_BYTES;
      if (r.bytes > allowed && violations.length < 10) violations.push(`source ${source}: ${r.bytes} B after ${elapsedS.toFixed(3)} s`);
      if (r.bytes >= target && !reachedBy.has(source)) {
        reachedBy.add(source);
        if (++reachedCount === SOURCES) resolve();
      }
    }, 20_000, `${target} bytes at every source`);
    const f = await flood(s.port, 5, watch.onDatagram);
    started = f.started;
    await watch.reached;
    const elapsedS = (performance.now() - started) / 1000;
    expect(violations).toEqual([]);
    // Served, not starved: each source reached the target in about target / rate seconds.
    expect(elapsedS).toBeGreaterThanOrEqual(target / rate - GRACE_S);
    const refusal = udpBusyReply(4, true).slice(0, REQUEST.length);
    expect(f.received.every((r) => r.datagrams.filter((d) => d.toString() === refusal).length === 1)).toBe(true);
    // The log says which budget paces the transfers.
    expect(s.log.ofKind('delay').some((e) => e.detail.includes('the per-source budget (0.2 MB/s to 127.0.0.'))).toBe(true);
    console.log(`per-source budget ${rate} B/s: every source had ≥ ${target} B after ${elapsedS.toFixed(2)} s`);
  }, 30_000);

  it('all sources together get at most the total budget, and a fresh client is still served exactly', async () => {
    const total = 2_000_000;
    const s = await harness.start('udp', '127.0.0.1', { udpSourceRateBytesPerSec: 1_000_000, udpTotalRateBytesPerSec: total });
    const violations: string[] = [];
    let started = 0;
    let sum = 0;
    const target = 1_500_000;
    const watch = until((resolve) => (_source, r) => {
      sum += r.bytes - (lastSeen.get(r) ?? 0);
      lastSeen.set(r, r.bytes);
      const elapsedS = (performance.now() - started) / 1000;
      const allowed = total * (elapsedS + GRACE_S) + SOURCES * DATAGRAM_SLACK_BYTES;
      if (sum > allowed && violations.length < 10) violations.push(`${sum} B after ${elapsedS.toFixed(3)} s`);
      if (sum >= target) resolve();
    }, 20_000, `${target} bytes in all`);
    const lastSeen = new Map<Received, number>();
    const f = await flood(s.port, 4, watch.onDatagram);
    started = f.started;

    // A legitimate client, mid-flood: its echo is answered and its file arrives whole.
    const fresh = await harness.udpSocket('127.0.0.1');
    const echo = await harness.udpRequest('127.0.0.1', s.port, 'hello', { socket: fresh });
    expect(echo[0]!.toString()).toBe('HELLO');
    const file = await udpFileOrRefusal(fresh, s.port, '20000', 20_000, 15_000);
    expect(file.datagrams[0]!.toString()).toBe('file_prepared');
    expect(file.payload).toBe(20_000);
    expect(file.datagrams.slice(1).every((d) => isAllA(d))).toBe(true);

    await watch.reached;
    const elapsedS = (performance.now() - started) / 1000;
    expect(violations).toEqual([]);
    expect(elapsedS).toBeGreaterThanOrEqual(target / total - GRACE_S);
    expect(s.log.ofKind('delay').some((e) => e.detail.includes("the server's total budget (2 MB/s)"))).toBe(true);
    console.log(`total budget ${total} B/s: ${sum} B to ${SOURCES} sources after ${elapsedS.toFixed(2)} s`);
  }, 40_000);
});
