// @vitest-environment happy-dom
// The transport picker: window.netlab (Electron preload) when present, else the WebSocket bridge.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickTransport } from '../../src-renderer/api/pick-transport.js';
import type { NetlabPreloadApi } from '../../src-renderer/api/transport.js';
import type { BrowserEnv, SocketLike } from '../../src-renderer/api/ws-transport.js';
import { CALL_CONNECT_WAIT_MS, RECONNECT_FIRST_MS } from '../../src-renderer/api/ws-transport.js';
import { createFakeTransport } from './fake-transport.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function browserEnv(search = '?token=s3cret') {
  const sockets: FakeSocket[] = [];
  const downloads: [string, string][] = [];
  const env: BrowserEnv = {
    location: { protocol: 'http:', host: '127.0.0.1:4567', search },
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    download: (url, name) => downloads.push([url, name]),
  };
  return { env, sockets, downloads };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('pickTransport', () => {
  it('uses window.netlab when the preload provided it', async () => {
    const netlab = createFakeTransport().api as unknown as NetlabPreloadApi;
    netlab.exportSessionCsv = vi.fn(() => Promise.resolve({ ok: true as const, value: { path: '/home/s/a.csv', rows: 1234 } }));
    const browser = vi.fn();
    const t = pickTransport({ netlab, browser });
    expect(t.kind).toBe('electron');
    expect(t.api).toBe(netlab);
    expect(browser).not.toHaveBeenCalled();
    expect(t.connection().status).toBe('connected');
    await expect(t.exportCsv()).resolves.toEqual({ ok: true, value: { message: 'Saved 1,234 events to /home/s/a.csv' } });
  });

  it('reports a cancelled save dialog as nothing to say', async () => {
    const netlab = createFakeTransport().api as unknown as NetlabPreloadApi;
    netlab.exportSessionCsv = () => Promise.resolve({ ok: true as const, value: null });
    await expect(pickTransport({ netlab, browser: vi.fn() }).exportCsv()).resolves.toEqual({ ok: true, value: null });
  });

  it('falls back to the WebSocket bridge with the page token', async () => {
    const { env, sockets, downloads } = browserEnv();
    const t = pickTransport({ browser: () => env });
    expect(t.kind).toBe('browser');
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:4567/ws?token=s3cret');

    const reply = t.api.listEndpoints({});
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'call', id: 1, method: 'listEndpoints', args: {} }]);
    sockets[0]!.receive({ type: 'reply', id: 1, result: { ok: true, value: [] } });
    await expect(reply).resolves.toEqual({ ok: true, value: [] });

    const batches: unknown[] = [];
    t.api.onEvents((b) => batches.push(b));
    sockets[0]!.receive({ type: 'events', batch: [{ seq: 1 }] });
    expect(batches).toEqual([[{ seq: 1 }]]);

    const outcome = await t.exportCsv();
    expect(downloads[0]![0]).toMatch(/^\/export\.csv\?token=s3cret&name=netlab-session-\d{8}-\d{6}\.csv$/);
    expect(downloads[0]![0]).toContain(`name=${downloads[0]![1]}`);
    expect(downloads[0]![1]).toMatch(/^netlab-session-\d{8}-\d{6}\.csv$/);
    expect(outcome.ok && outcome.value?.message).toContain('Download started');

    const report = await t.exportReport({ type: 'endpoints', endpoints: ['cli-1', 'cli-2'] });
    expect(downloads[1]![0]).toMatch(
      /^\/report\.csv\?token=s3cret&scope=endpoints&id=cli-1&id=cli-2&name=netlab-report-\d{8}-\d{6}\.csv$/,
    );
    expect(downloads[1]![1]).toMatch(/^netlab-report-\d{8}-\d{6}\.csv$/);
    expect(report.ok && report.value?.message).toContain(downloads[1]![1]);
  });

  it('exports the lab report through the native dialog, with the scope, in Electron', async () => {
    const netlab = createFakeTransport().api as unknown as NetlabPreloadApi;
    netlab.exportLabReport = vi.fn(() => Promise.resolve({ ok: true as const, value: { path: '/home/s/r.csv', rows: 4 } }));
    const t = pickTransport({ netlab, browser: vi.fn() });
    await expect(t.exportReport({ type: 'session' })).resolves.toEqual({ ok: true, value: { message: 'Saved 4 exchanges to /home/s/r.csv' } });
    expect(netlab.exportLabReport).toHaveBeenCalledWith({ type: 'session' });
  });
});

describe('WebSocket bridge', () => {
  it('fails calls in flight when the socket drops, then reconnects after a back-off', async () => {
    vi.useFakeTimers();
    const { env, sockets } = browserEnv();
    const t = pickTransport({ browser: () => env });
    const states: string[] = [];
    t.onConnection((s) => states.push(s.status));
    sockets[0]!.open();
    const pending = t.api.startServer({ proto: 'tcp', host: '127.0.0.1', port: 8120 });
    sockets[0]!.close();
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(t.connection().status).toBe('disconnected');
    expect(t.connection().retryAt).not.toBeNull();
    vi.advanceTimersByTime(RECONNECT_FIRST_MS);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(states).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('queues a call until the socket opens, and gives up after a bounded wait', async () => {
    vi.useFakeTimers();
    const { env, sockets } = browserEnv();
    const t = pickTransport({ browser: () => env });
    const late = t.api.listHosts({});
    vi.advanceTimersByTime(CALL_CONNECT_WAIT_MS);
    const r = await late;
    expect(r.ok).toBe(false);
    expect(sockets[0]!.sent).toEqual([]);
  });

  it('stops retrying after a fatal message (bad token)', () => {
    vi.useFakeTimers();
    const { env, sockets } = browserEnv();
    const t = pickTransport({ browser: () => env });
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'fatal', error: { code: 'PERMISSION_DENIED', message: 'Wrong or missing token.' } });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(t.connection()).toMatchObject({ status: 'failed', message: 'Wrong or missing token.' });
  });

  it('says what to do when the page has no token', async () => {
    const { env, sockets } = browserEnv('');
    const t = pickTransport({ browser: () => env });
    expect(sockets).toHaveLength(0);
    expect(t.connection().status).toBe('failed');
    expect(t.connection().message).toContain('netlab web');
    const r = await t.api.listHosts({});
    expect(r.ok).toBe(false);
  });
});
