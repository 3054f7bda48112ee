// Fuzz: ≥ 10,000 seeded requests per protocol (random bytes, invalid UTF-8, near misses, huge
// numbers, valid commands), each reply one of the defined kinds, and the server exact afterwards.
// A pool of concurrent sockets keeps it fast; every wait has a timeout and every loop a count.
import type { Socket as UdpSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../src-shared/api.js';
import type { ServerConfig, ServerConfigInput } from '../../src-shared/api.js';
import type { Classified } from '../../src-shared/protocol/classify.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { checkReply, classify, frameTcp, generateRequest, prng, udpReplyDatagrams } from '../helpers/fuzz-requests.js';
import { ServerHarness, isAllA, splitPrepared } from '../helpers/server-harness.js';

const REQUESTS = 10_000;
const POOL = 48;
const SEED = 0x5eed_2026;
const REPLY_TIMEOUT_MS = 5000;
const SUITE_TIMEOUT_MS = 120_000;
/** Small limits keep every reply small; budgets off and a roomy per-source cap: one source, many sockets. */
const SETTINGS: Partial<ServerConfigInput> = {
  fileLimit: 5000,
  streamLimit: 20,
  streamMaxDurationMs: 50,
  udpMaxTransfersPerSource: POOL * 2,
  udpSourceRateBytesPerSec: 0,
  udpTotalRateBytesPerSec: 0,
};

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

function configFor(proto: Proto, port: number): ServerConfig {
  return ServerConfigSchema.parse({ proto, host: '127.0.0.1', port, ...SETTINGS });
}

/** Runs `count` jobs on `POOL` workers; each job's failure message is collected, not thrown. */
async function pool(count: number, job: (i: number, worker: number) => Promise<string | null>): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: POOL }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) {
        const failure = await job(i, worker);
        if (failure !== null && failures.length < 20) failures.push(`#${i}: ${failure}`);
      }
    }),
  );
  return failures;
}

/** The generator covers every kind and every bad reason, so a pass means something. */
function expectCoverage(kinds: string[]): void {
  const tally = new Map<string, number>();
  for (const k of kinds) tally.set(k, (tally.get(k) ?? 0) + 1);
  for (const k of ['empty', 'echo', 'file', 'stream', 'file-over-limit', 'file-not-positive', 'bad-stream', 'stream-too-long', 'stream-too-large', 'invalid-utf8', 'oversized']) {
    expect(tally.get(k) ?? 0, `requests of kind ${k}`).toBeGreaterThan(10);
  }
}

async function servesExactly(proto: Proto, port: number): Promise<void> {
  if (proto === 'tcp') {
    const { prepared, payload } = splitPrepared(await harness.tcpRequest('127.0.0.1', port, ['5000\n']));
    expect(prepared && payload.length === 5000 && isAllA(payload)).toBe(true);
    expect((await harness.tcpRequest('127.0.0.1', port, ['still here\n'])).toString()).toBe('STILL HERE');
    return;
  }
  const file = await harness.udpRequest('127.0.0.1', port, '5000', { payloadBytes: 5000 });
  expect(file[0]!.toString()).toBe('file_prepared');
  expect(Buffer.concat(file.slice(1)).length).toBe(5000);
  expect((await harness.udpRequest('127.0.0.1', port, 'still here'))[0]!.toString()).toBe('STILL HERE');
}

describe('server fuzz', () => {
  it(
    `TCP: ${REQUESTS} generated requests, every reply a defined kind`,
    async () => {
      const s = await harness.start('tcp', '127.0.0.1', SETTINGS);
      const config = configFor('tcp', s.port);
      const rand = prng(SEED);
      const requests = Array.from({ length: REQUESTS }, () => generateRequest(rand, 'tcp'));
      expectCoverage(requests.map((r) => kindOf(classify(frameTcp(r), 'tcp', config))));
      const started = performance.now();
      const failures = await pool(REQUESTS, async (i) => {
        const bytes = requests[i]!;
        const reply = await harness.tcpRequest('127.0.0.1', s.port, [bytes], { timeoutMs: REPLY_TIMEOUT_MS });
        const c = classify(frameTcp(bytes), 'tcp', config);
        const failure = checkReply(c, [reply], 'tcp', config);
        return failure && `${failure} (request ${JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 60))})`;
      });
      console.log(`TCP fuzz: ${REQUESTS} requests in ${Math.round(performance.now() - started)} ms`);
      expect(failures).toEqual([]);
      await s.log.summary(REQUESTS - 1, 30_000);
      await servesExactly('tcp', s.port);
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    `UDP: ${REQUESTS} generated datagrams, every reply a defined kind`,
    async () => {
      const s = await harness.start('udp', '127.0.0.1', SETTINGS);
      const config = configFor('udp', s.port);
      const rand = prng(SEED + 1);
      const requests = Array.from({ length: REQUESTS }, () => generateRequest(rand, 'udp'));
      expectCoverage(requests.map((r) => kindOf(classify(r, 'udp', config))));
      const sockets = await Promise.all(Array.from({ length: POOL }, () => harness.udpSocket('127.0.0.1')));
      const started = performance.now();
      const failures = await pool(REQUESTS, async (i, worker) => {
        const bytes = requests[i]!;
        const c = classify(bytes, 'udp', config);
        const reply = await udpExchange(sockets[worker]!, s.port, bytes, udpReplyDatagrams(c, config));
        if (typeof reply === 'string') return reply;
        const failure = checkReply(c, reply, 'udp', config);
        return failure && `${failure} (request ${JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 60))})`;
      });
      console.log(`UDP fuzz: ${REQUESTS} datagrams in ${Math.round(performance.now() - started)} ms`);
      expect(failures).toEqual([]);
      await servesExactly('udp', s.port);
    },
    SUITE_TIMEOUT_MS,
  );
});

function kindOf(c: Classified): string {
  return c.kind === 'bad' ? c.reason : c.kind;
}

const SENTINEL = 'fuzz-sentinel';

/**
 * Sends one datagram and collects `datagrams` replies. For a request that expects none, a sentinel
 * echo follows it: the server answers in order, so anything before the sentinel's reply is wrong.
 */
function udpExchange(socket: UdpSocket, port: number, request: Uint8Array, datagrams: number): Promise<Buffer[] | string> {
  const got: Buffer[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(`timed out with ${got.length} of ${datagrams} datagrams`), REPLY_TIMEOUT_MS);
    function finish(result: Buffer[] | string): void {
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(result);
    }
    function onMessage(msg: Buffer): void {
      if (datagrams === 0) {
        return finish(msg.toString() === SENTINEL.toUpperCase() ? [] : `reply to an empty request: ${msg.length} bytes`);
      }
      got.push(msg);
      if (got.length === datagrams) finish(got);
    }
    socket.on('message', onMessage);
    socket.send(request, port, '127.0.0.1');
    if (datagrams === 0) socket.send(SENTINEL, port, '127.0.0.1');
  });
}
