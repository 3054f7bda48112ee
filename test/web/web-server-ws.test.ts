// The WebSocket side of browser mode against a real Lab: who may connect, calls and events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src-shared/api.js';
import type { BridgeEvents, BridgeServerMessage } from '../../src-shared/bridge.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import { WS_CLOSE_POLICY_VIOLATION } from '../../src-main/web/web-server.js';
import { TestClient, nextLabEvent, startTestBrowserMode } from './web-helpers.js';
import type { TestBrowserMode } from './web-helpers.js';

const isEvents = (m: BridgeServerMessage): m is BridgeEvents => m.type === 'events';
const eventsOf = (client: TestClient): LabEvent[] => client.messages.filter(isEvents).flatMap((m) => m.batch);

describe('browser mode over WebSocket', () => {
  let mode: TestBrowserMode;
  const clients: TestClient[] = [];
  const connect = async (opts?: Parameters<typeof TestClient.connect>[1]): Promise<TestClient> => {
    const client = await TestClient.connect(mode.server, opts);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    mode = await startTestBrowserMode();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await mode.close();
  });

  it.each([
    ['no token', null],
    ['an empty token', ''],
    ['a wrong token', 'not-the-token'],
  ])('with %s, says why and closes without reading a call', async (_label, token) => {
    const client = await connect({ token });
    client.sendRaw(JSON.stringify({ type: 'call', id: 1, method: 'listEndpoints', args: {} }));
    const fatal = await client.waitFor((m) => m.type === 'fatal', 'fatal message');
    expect(fatal).toMatchObject({ type: 'fatal', error: { code: 'PERMISSION_DENIED' } });
    expect(await client.waitForClose()).toBe(WS_CLOSE_POLICY_VIOLATION);
    expect(client.messages.some((m) => m.type === 'reply')).toBe(false);
  });

  it.each([
    ['another site', 'http://evil.example'],
    ['localhost instead of 127.0.0.1', 'http://localhost:1'],
    ['no Origin at all', null],
  ])('refuses the upgrade from %s (HTTP 403), even with the token', async (_label, origin) => {
    await expect(connect({ origin })).rejects.toThrow('HTTP 403');
  });

  it('refuses a wrong port in the Origin', async () => {
    await expect(connect({ origin: `http://127.0.0.1:${mode.server.port + 1}` })).rejects.toThrow('HTTP 403');
  });

  it('answers malformed messages with a clear error and keeps serving', async () => {
    const client = await connect();
    client.sendRaw('{"type":"call", oops');
    const reply = await client.waitFor((m) => m.type === 'reply' && m.id === 0, 'error reply');
    expect(reply).toMatchObject({ result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(JSON.stringify(reply)).toMatch(/not valid JSON/);
    client.sendRaw(Buffer.from([1, 2, 3]));
    client.sendRaw(JSON.stringify({ type: 'call', id: 9, method: 'format-disk', args: {} }));
    const unknown = await client.waitFor((m) => m.type === 'reply' && m.id === 9, 'reply 9');
    expect(JSON.stringify(unknown)).toMatch(/unknown method/);
    const badArgs = await client.call('startServer', { proto: 'sctp', host: '', port: 0 });
    expect(badArgs).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect((await client.call('listEndpoints', {})).ok).toBe(true);
  });

  it('closes a connection that sends an oversized frame, and the server keeps running', async () => {
    const client = await connect();
    client.sendRaw('x'.repeat(1024 * 1024));
    expect(await client.waitForClose()).toBe(1009);
    const again = await connect();
    expect((await again.call('listEndpoints', {})).ok).toBe(true);
  });

  it('runs an echo over TCP end to end and forwards its events to every tab', async () => {
    const serverTab = await connect();
    const clientTab = await connect();
    const server = await serverTab.call('startServer', { proto: 'tcp', host: '127.0.0.1', port: 0 });
    expect(server.ok).toBe(true);
    const port = (server as { value: EndpointInfo }).value.port;
    const opened = await clientTab.call('openClient', { proto: 'tcp', host: '127.0.0.1', port });
    const clientId = (opened as { value: EndpointInfo }).value.id;
    const sent = await clientTab.call('send', { endpointId: clientId, command: { type: 'echo', text: 'hello lab' } });
    expect(sent.ok).toBe(true);
    const summary = (sent as { value: ExchangeSummary }).value;
    expect(summary.reply).toBe('HELLO LAB');
    expect(summary.bytes).toBe('HELLO LAB'.length);
    for (const tab of [serverTab, clientTab]) {
      await tab.waitFor(
        (m) => isEvents(m) && m.batch.some((e) => e.kind === 'summary' && e.exchange === summary.exchange),
        'the exchange summary event',
      );
      const seqs = eventsOf(tab).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(eventsOf(tab).some((e) => e.kind === 'listening' && e.role === 'server')).toBe(true);
    }
  });

  it('runs concurrent calls: a cancel gets through while a send is running', async () => {
    const tab = await connect();
    const server = await tab.call('startServer', { proto: 'udp', host: '127.0.0.1', port: 0 });
    const port = (server as { value: EndpointInfo }).value.port;
    const opened = await tab.call('openClient', { proto: 'udp', host: '127.0.0.1', port });
    const endpointId = (opened as { value: EndpointInfo }).value.id;
    const stream = { type: 'stream', intervalMs: 50, count: 1000, size: 100 };
    const sending = tab.call('send', { endpointId, command: stream });
    await tab.waitFor((m) => isEvents(m) && m.batch.some((e) => e.kind === 'rx' && e.endpoint === endpointId), 'first rx');
    expect((await tab.call('cancel', { endpointId })).ok).toBe(true);
    const result = await sending;
    const ended = result.ok ? (result.value as ExchangeSummary).end : result.error.code;
    expect(['cancelled', 'CANCELLED']).toContain(ended);
  });

  it('stops the endpoints a tab started when the tab goes away', async () => {
    const tab = await connect();
    const started = await tab.call('startServer', { proto: 'tcp', host: '127.0.0.1', port: 0 });
    const serverId = (started as { value: EndpointInfo }).value.id;
    const closed = nextLabEvent(mode.lab, (e) => e.kind === 'closed' && e.endpoint === serverId);
    await tab.close();
    await closed;
    expect(await mode.lab.call('listEndpoints', {})).toEqual({ ok: true, value: [] });
  });

  it('close() ends every connection and is safe to call twice', async () => {
    const tab = await connect();
    await Promise.all([mode.server.close(), mode.server.close()]);
    expect(await tab.waitForClose()).toBe(1001);
  });
});
