// The IPC bridge's logic: untrusted senders and bad payloads never reach the Lab; with the real
// Lab on 127.0.0.1, a window's endpoints are tracked and stopped when that window closes.
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, LabResult } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { EndpointTracker } from '../../src-main/electron/main/endpoint-tracker.js';
import { LabBridge, type BridgeLab } from '../../src-main/electron/main/lab-bridge.js';
import { Lab } from '../../src-main/engine/lab.js';

const APP_FRAME = 'netlab://app/index.html#/server';
const SERVER_WINDOW = { ownerId: 1, frameUrl: APP_FRAME };
const CLIENT_WINDOW = { ownerId: 2, frameUrl: 'netlab://app/index.html#/client' };

class RecordingLab implements BridgeLab {
  readonly calls: [string, unknown][] = [];
  async call(name: string, args: unknown): Promise<LabResult<unknown>> {
    this.calls.push([name, args]);
    return { ok: true, value: name === 'startServer' ? { id: 'srv-1', role: 'server' } : null };
  }
}

describe('LabBridge without sockets', () => {
  it.each([null, undefined, 'file:///tmp/evil.html', 'https://example.com/', 'netlab://evil/index.html'])(
    'answers PERMISSION_DENIED to a frame at %s and never calls the Lab',
    async (frameUrl) => {
      const lab = new RecordingLab();
      const result = await new LabBridge(lab, new EndpointTracker()).handleCall(
        { ownerId: 1, frameUrl },
        'listHosts',
        {},
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      expect(lab.calls).toEqual([]);
    },
  );

  it('rejects unknown commands and prototype names', async () => {
    const lab = new RecordingLab();
    const bridge = new LabBridge(lab, new EndpointTracker());
    for (const name of ['rm', 'constructor', '__proto__', 42, null]) {
      const result = await bridge.handleCall(SERVER_WINDOW, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    }
    expect(lab.calls).toEqual([]);
  });

  it('validates every payload against the shared schema, naming the field', async () => {
    const lab = new RecordingLab();
    const bridge = new LabBridge(lab, new EndpointTracker());
    const bad: [string, unknown][] = [
      ['startServer', { proto: 'sctp', host: '', port: 0 }],
      ['startServer', { proto: 'tcp', host: '', port: 70000 }],
      ['openClient', { proto: 'udp', host: '', port: 8120 }],
      ['send', { endpointId: 'cli-1', command: { type: 'file', chars: 1.5 } }],
      ['send', { endpointId: 'cli-1', command: { type: 'stream', intervalMs: 1, count: 0, size: 10 } }],
      ['stopServer', { endpointId: '' }],
      ['stopServer', 'srv-1'],
    ];
    for (const [name, args] of bad) {
      const result = await bridge.handleCall(SERVER_WINDOW, name, args);
      expect(result.ok, `${name} ${JSON.stringify(args)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_ARGUMENT');
    }
    const port = await bridge.handleCall(SERVER_WINDOW, 'startServer', {
      proto: 'tcp',
      host: '',
      port: 70000,
    });
    expect(port.ok ? '' : port.error.message).toMatch(/port/);
    expect(lab.calls).toEqual([]);
  });

  it('passes the parsed arguments, defaults filled in', async () => {
    const lab = new RecordingLab();
    await new LabBridge(lab, new EndpointTracker()).handleCall(SERVER_WINDOW, 'startServer', {
      proto: 'udp',
      host: '127.0.0.1',
      port: 0,
    });
    expect(lab.calls).toHaveLength(1);
    expect(lab.calls[0]?.[1]).toMatchObject({
      proto: 'udp',
      fileLimit: expect.any(Number),
      sequenceNumbers: expect.any(Boolean),
    });
  });

  it('refuses exportCsv with a page-chosen path: the save dialog decides where files go', async () => {
    const lab = new RecordingLab();
    const result = await new LabBridge(lab, new EndpointTracker()).handleCall(SERVER_WINDOW, 'exportCsv', {
      path: '/home/student/.bashrc',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(lab.calls).toEqual([]);
  });
});

describe('LabBridge with the real Lab', () => {
  let lab: Lab | null = null;
  afterEach(async () => {
    await lab?.close();
    lab = null;
  });

  async function ids(): Promise<string[]> {
    const listed = (await lab!.listEndpoints({})) as LabResult<EndpointInfo[]>;
    return listed.ok ? listed.value.map((e) => e.id).sort() : [];
  }

  it("stops exactly the closing window's endpoints, after an echo between two windows", async () => {
    lab = await Lab.create();
    const tracker = new EndpointTracker();
    const bridge = new LabBridge(lab, tracker);

    const server = await bridge.handleCall(SERVER_WINDOW, 'startServer', {
      proto: 'tcp',
      host: '127.0.0.1',
      port: 0,
    });
    if (!server.ok) throw new Error(server.error.message);
    const serverInfo = server.value as EndpointInfo;
    const client = await bridge.handleCall(CLIENT_WINDOW, 'openClient', {
      proto: 'tcp',
      host: '127.0.0.1',
      port: serverInfo.port,
    });
    if (!client.ok) throw new Error(client.error.message);
    const clientInfo = client.value as EndpointInfo;

    const echo = await bridge.handleCall(CLIENT_WINDOW, 'send', {
      endpointId: clientInfo.id,
      command: { type: 'echo', text: 'hello from the client window' },
    });
    if (!echo.ok) throw new Error(echo.error.message);
    expect((echo.value as ExchangeSummary).reply).toBe('HELLO FROM THE CLIENT WINDOW');

    expect(tracker.owned(1)).toEqual([{ id: serverInfo.id, role: 'server' }]);
    expect(tracker.owned(2)).toEqual([{ id: clientInfo.id, role: 'client' }]);

    await bridge.releaseOwner(CLIENT_WINDOW.ownerId);
    expect(await ids()).toEqual([serverInfo.id]);
    await bridge.releaseOwner(SERVER_WINDOW.ownerId);
    expect(await ids()).toEqual([]);
  });

  it('forgets an endpoint another window stopped, so closing its owner is quiet', async () => {
    lab = await Lab.create();
    const tracker = new EndpointTracker();
    const bridge = new LabBridge(lab, tracker);
    const server = await bridge.handleCall(SERVER_WINDOW, 'startServer', {
      proto: 'udp',
      host: '127.0.0.1',
      port: 0,
    });
    if (!server.ok) throw new Error(server.error.message);
    const id = (server.value as EndpointInfo).id;
    const stopped = await bridge.handleCall(CLIENT_WINDOW, 'stopServer', { endpointId: id });
    expect(stopped.ok).toBe(true);
    expect(tracker.owned(SERVER_WINDOW.ownerId)).toEqual([]);
    const problems: string[] = [];
    await bridge.releaseOwner(SERVER_WINDOW.ownerId, (line) => problems.push(line));
    expect(problems).toEqual([]);
  });
});
