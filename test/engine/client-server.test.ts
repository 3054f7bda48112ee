// Our clients against our servers (src-main/engine/server) on loopback: the figures the issue asks for.
import { describe, expect, it } from 'vitest';
import { ClientConfigSchema, ServerConfigSchema } from '../../src-shared/api.js';
import type { ServerConfigInput } from '../../src-shared/api.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { TcpClient } from '../../src-main/engine/client/tcp-client.js';
import { UdpClient } from '../../src-main/engine/client/udp-client.js';
import { TcpServer } from '../../src-main/engine/server/tcp-server.js';
import { UdpServer } from '../../src-main/engine/server/udp-server.js';
import type { ClientEndpoint } from '../../src-main/engine/endpoint.js';
import { closeAfterEach, EventLog, HOSTS } from '../helpers/raw-servers.js';

const track = closeAfterEach();

/** Starts a server and opens a client to it; big transfers keep no events, only count them. */
async function pair(
  proto: Proto,
  host: string,
  serverConfig: Partial<ServerConfigInput> = {},
  keepEvents = true,
): Promise<{ client: ClientEndpoint; log: EventLog }> {
  const serverLog = new EventLog(false);
  const config = ServerConfigSchema.parse({ proto, host, port: 0, ...serverConfig });
  const opts = { id: 's1', config, sink: serverLog.sink };
  const server = track(proto === 'tcp' ? new TcpServer(opts) : new UdpServer(opts));
  const info = await server.start();
  const log = new EventLog(keepEvents);
  const clientConfig = ClientConfigSchema.parse({ proto, host, port: info.port, idleTimeoutMs: 2000 });
  const clientOpts = { id: 'c1', config: clientConfig, sink: log.sink };
  const client = track(proto === 'tcp' ? new TcpClient(clientOpts) : new UdpClient(clientOpts));
  return { client, log };
}

describe.each(HOSTS)('clients against NetLab servers on %s', (host) => {
  it.each(['tcp', 'udp'] as const)('%s echo', async (proto) => {
    const { client } = await pair(proto, host);
    const summary = await client.run({ type: 'echo', text: 'hello netlab' });
    expect(summary).toMatchObject({ reply: 'HELLO NETLAB', bytes: 12, lost: 0, error: null });
    expect(summary.end).toBe(proto === 'tcp' ? 'fin' : 'done');
  });

  it.each(['tcp', 'udp'] as const)(
    '%s file over the server limit: BAD_REQUEST with its line',
    async (proto) => {
      const { client } = await pair(proto, host, { fileLimit: 1000 });
      const summary = await client.run({ type: 'file', chars: 1001 });
      expect(summary.error?.code).toBe('BAD_REQUEST');
      expect(summary.reply).toBe('Request for file of 1001 chars. Server limit is: 1000 chars.');
    },
  );
});

describe('big transfers on 127.0.0.1', () => {
  it('UDP file of 10,000,000 chars: 0 lost on loopback', async () => {
    const { client, log } = await pair('udp', '127.0.0.1', {}, false);
    const summary = await client.run({ type: 'file', chars: 10_000_000 });
    console.log(
      `UDP 10,000,000: ${summary.bytes} bytes, lost ${summary.lost}, ${summary.datagrams} datagrams, ` +
        `${summary.durationMs.toFixed(1)} ms, prepare ${summary.prepareMs?.toFixed(2)} ms, end ${summary.end}`,
    );
    expect(summary).toMatchObject({
      bytes: 10_000_000,
      lost: 0,
      end: 'done',
      datagrams: Math.ceil(1e7 / 1120),
    });
    expect(log.events).toHaveLength(0);
  });

  it('TCP file of 123,456,789 chars arrives whole', async () => {
    const { client } = await pair('tcp', '127.0.0.1', {}, false);
    const summary = await client.run({ type: 'file', chars: 123_456_789 });
    console.log(
      `TCP 123,456,789: ${summary.bytes} bytes, ${summary.reads} reads, ${summary.durationMs.toFixed(1)} ms, ` +
        `${(summary.throughputBps / 1e6).toFixed(0)} MB/s, end ${summary.end}`,
    );
    expect(summary).toMatchObject({ bytes: 123_456_789, lost: 0, end: 'fin', error: null });
  });

  it.each(['tcp', 'udp'] as const)('%s stream 200 × 10 ms: every sequence number', async (proto) => {
    const { client, log } = await pair(proto, '127.0.0.1');
    const summary = await client.run({ type: 'stream', intervalMs: 10, count: 200, size: 1024 });
    console.log(
      `${proto} stream 200 × 10 ms: ${summary.segmentsReceived}/200, missing ${summary.missing}, ` +
        `${summary.durationMs.toFixed(1)} ms, end ${summary.end}`,
    );
    expect(summary).toMatchObject({
      bytes: 204_800,
      lost: 0,
      segmentsReceived: 200,
      missing: 0,
      duplicated: 0,
    });
    expect(summary.outOfOrder).toBe(0);
    // Paced on absolute deadlines: the first segment after one interval, the last after 200.
    expect(summary.durationMs).toBeGreaterThan(1900);
    const segments = log.of('rx').map((e) => e.segment);
    if (proto === 'udp') expect(segments).toEqual(Array.from({ length: 200 }, (_, k) => 200 - k));
    expect(summary.end).toBe(proto === 'tcp' ? 'fin' : 'done');
  });
});
