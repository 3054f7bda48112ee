// @vitest-environment happy-dom
// The server view and the side-by-side route: names, engine errors next to their field, live lists.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app.js';
import { ServerStoreProvider } from '../../src-renderer/store/store-context.js';
import { ServerView } from '../../src-renderer/views/server-view.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';
import { ServerConfigSchema } from '../../src-shared/api.js';
import { describeExposure } from '../../src-shared/server-exposure.js';

// The views remember their forms in localStorage: each test starts from the defaults.
afterEach(() => {
  cleanup();
  localStorage.clear();
});

function setup() {
  const t = createFakeTransport();
  render(
    <ServerStoreProvider transport={t}>
      <ServerView />
    </ServerStoreProvider>,
  );
  return t;
}

/** A server view whose (fake) UDP server s1 is listening. */
async function startedUdpServer() {
  const t = setup();
  t.api.startServer.mockImplementation(() => ok(endpointInfo('s1', 'server', 'udp', { local: '127.0.0.1:8120' })));
  await screen.findByDisplayValue('127.0.0.1');
  fireEvent.click(screen.getByRole('button', { name: 'Start server' }));
  await screen.findByText('Listening on');
  return t;
}

describe('server view', () => {
  it('shows "port in use" from the engine next to the Port field', async () => {
    const t = setup();
    t.api.startServer.mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'ADDR_IN_USE', message: 'Port already in use: another program is listening on 127.0.0.1:8120.' } }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start server' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Port already in use');
    expect(screen.getByLabelText('Port').getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText('Host').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a bad host next to the Host field', async () => {
    const t = setup();
    t.api.startServer.mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'HOST_NOT_FOUND', message: 'Unknown host: nosuch:8120 could not be resolved or reached.' } }),
    );
    fireEvent.change(screen.getByLabelText('Host'), { target: { value: 'nosuch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start server' }));
    const alert = await screen.findByRole('alert');
    expect(screen.getByLabelText('Host').getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('starts with the settings, shows the bound address, peers and exchanges, and stops', async () => {
    const t = setup();
    t.api.startServer.mockImplementation(() => ok(endpointInfo('s1', 'server', 'udp', { local: '127.0.0.1:8120' })));
    await screen.findByDisplayValue('127.0.0.1');
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'udp' } });
    fireEvent.change(screen.getByLabelText('UDP chunk (bytes)'), { target: { value: '1400' } });
    fireEvent.change(screen.getByLabelText('UDP rate (MB/s)'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Transfers per source'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start server' }));
    await screen.findByText('Listening on');
    expect(t.api.startServer).toHaveBeenCalledWith({
      proto: 'udp', host: '127.0.0.1', port: 8120, fileLimit: 123456789, streamLimit: 10001, chunkBytes: 1400, udpRateBytesPerSec: 0, sequenceNumbers: true,
      streamMaxDurationMs: 3_600_000, maxConnections: 1000, maxConnectionsPerHost: 64, udpMaxTransfersPerSource: 2,
      udpMaxTransfers: 256, udpSourceRateBytesPerSec: 40_000_000, udpTotalRateBytesPerSec: 100_000_000,
    });
    // On loopback: no exposure line.
    expect(screen.queryByRole('note')).toBeNull();
    const peer = { endpoint: 's1', role: 'server' as const, exchange: 'x1', remote: '127.0.0.1:40000' };
    act(() => {
      t.emit([
        ev({ ...peer, kind: 'request', detail: '1000', bytes: 5 }),
        ev({ ...peer, kind: 'tx', bytes: 1000 }),
      ]);
    });
    const peers = await screen.findByRole('table', { name: 'Peers' });
    expect(within(peers).getByText('127.0.0.1')).toBeTruthy();
    const exchanges = within(screen.getByRole('table', { name: 'Exchanges' }));
    expect(exchanges.getByText('1000')).toBeTruthy();
    expect(exchanges.getByText('127.0.0.1:40000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop server' }));
    await screen.findByText('stopped');
    expect(t.api.stopServer).toHaveBeenCalledWith({ endpointId: 's1' });
  });

  it('says in one line that a server on all interfaces is reachable, with its limits', async () => {
    const t = setup();
    const config = ServerConfigSchema.parse({ proto: 'tcp', host: '', port: 8120 });
    t.api.startServer.mockImplementation(() => ok(endpointInfo('s1', 'server', 'tcp', { local: '[::]:8120', config })));
    await screen.findByDisplayValue('127.0.0.1');
    fireEvent.click(screen.getByRole('button', { name: 'Start server' }));
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe(describeExposure('tcp', config, '[::]:8120'));
    expect(note.textContent).toMatch(/^Reachable from the network \(all interfaces\): at most 1,000 connections, 64 per host;/);
  });

  it('groups a UDP client\'s per-exchange ports under one host, and times an echo below 1 ms', async () => {
    const t = await startedUdpServer();
    const at = (exchange: string, port: number) => ({ endpoint: 's1', role: 'server' as const, exchange, remote: `127.0.0.1:${port}` });
    const echo = (exchange: string, port: number, t0: number) => {
      const summary = { exchange, end: 'done', bytes: 5, durationMs: 0, datagrams: 1, reads: 0, request: 'hello', proto: 'udp' };
      return [
        ev({ ...at(exchange, port), kind: 'request', detail: 'hello', bytes: 5, t: t0 }),
        ev({ ...at(exchange, port), kind: 'tx', bytes: 5, t: t0 + 0.04 }),
        ev({ ...at(exchange, port), kind: 'end', detail: 'reply complete', t: t0 + 0.05 }),
        ev({ ...at(exchange, port), kind: 'summary', bytes: 5, detail: 'done: sent 5 of 5 bytes', t: t0 + 0.06, summary: summary as never }),
      ];
    };
    act(() => t.emit([...echo('x1', 40000, 100), ...echo('x2', 40001, 200), ...echo('x3', 40002, 300)]));
    const peers = within(await screen.findByRole('table', { name: 'Peers' }));
    expect(peers.getAllByRole('row')).toHaveLength(2);
    const row = peers.getAllByRole('row')[1]!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['127.0.0.1', '3', '3', '15', 'idle']);
    expect(screen.getByText(/new source port for every exchange/)).toBeTruthy();
    const exchanges = within(screen.getByRole('table', { name: 'Exchanges' }));
    // Request to last byte sent, not the summary's first-to-last write (0 for one write).
    expect(exchanges.getAllByText('0.04 ms')).toHaveLength(3);
    expect(exchanges.getAllByRole('columnheader').filter((h) => h.className.includes('num')).map((h) => h.textContent)).toEqual([
      'Bytes sent',
      'Took',
    ]);
  });

  it('the event log has its own exchange column, and detail shows the detail text', async () => {
    const t = await startedUdpServer();
    const at = { endpoint: 's1', role: 'server' as const, exchange: 'x22', remote: '127.0.0.1:40000' };
    act(() => t.emit([ev({ ...at, kind: 'tx', bytes: 1120 }), ev({ ...at, kind: 'end', detail: 'reply complete' })]));
    const log = within(screen.getByRole('table', { name: 'Events' }));
    const headers = log.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['time', 'kind', 'bytes', 'segment', 'exchange', 'detail']);
    await expect.poll(() => log.queryAllByRole('row').length).toBe(3);
    const cells = (i: number) => within(log.getAllByRole('row')[i]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(1).slice(1)).toEqual(['tx', '1,120', '', 'x22', '']);
    expect(cells(2).slice(1)).toEqual(['end', '', '', 'x22', 'reply complete']);
  });

  it('Export CSV says where the file went', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved 3 events to /tmp/x.csv');
  });

  it('shows a banner while the bridge is disconnected', async () => {
    const t = setup();
    act(() => t.setConnection({ status: 'disconnected', message: 'Lost the connection to the lab engine.', retryAt: Date.now() + 4000 }));
    expect((await screen.findByText('Disconnected.')).closest('[role=status]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(t.reconnectNow).toHaveBeenCalled();
  });
});

describe('routes', () => {
  beforeEach(() => {
    window.location.hash = '#/';
  });

  it('#/ shows both views as landmarks named Server and Client, each with its own store', async () => {
    const t = createFakeTransport();
    render(<App transport={t} />);
    const server = screen.getByRole('region', { name: 'Server' });
    const client = screen.getByRole('region', { name: 'Client' });
    expect(within(server).getByRole('button', { name: 'Start server' })).toBeTruthy();
    expect(within(client).getByRole('button', { name: 'Send' })).toBeTruthy();
    for (const pane of [server, client]) {
      expect(within(pane).getByLabelText('Protocol')).toBeTruthy();
      expect(within(pane).getByRole('button', { name: 'Export CSV' })).toBeTruthy();
      expect(within(pane).getByRole('table', { name: 'Events' })).toBeTruthy();
    }
    fireEvent.change(within(server).getByLabelText('Protocol'), { target: { value: 'udp' } });
    expect((within(client).getByLabelText('Protocol') as HTMLSelectElement).value).toBe('tcp');
    expect(t.listenerCount()).toBe(2);
  });

  it('#/client shows the client alone', () => {
    window.location.hash = '#/client';
    render(<App transport={createFakeTransport()} />);
    expect(screen.queryByRole('button', { name: 'Start server' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });
});
