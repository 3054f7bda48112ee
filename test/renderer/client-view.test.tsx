// @vitest-environment happy-dom
// The client view: accessible names, validation before sending, and what a send shows.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientStoreProvider } from '../../src-renderer/store/store-context.js';
import { ClientView } from '../../src-renderer/views/client-view.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';

// The views remember their forms in localStorage: each test starts from the defaults.
afterEach(() => {
  cleanup();
  localStorage.clear();
});

function setup(proto: 'tcp' | 'udp' = 'tcp') {
  const t = createFakeTransport();
  t.api.openClient.mockImplementation(() => ok(endpointInfo('c1', 'client', proto)));
  render(
    <ClientStoreProvider transport={t}>
      <ClientView />
    </ClientStoreProvider>,
  );
  return t;
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('client view', () => {
  it('has the accessible names the tests and screen readers use', async () => {
    setup();
    for (const label of ['Protocol', 'Host', 'Port', 'Message']) expect(screen.getByLabelText(label)).toBeTruthy();
    for (const tab of ['Echo', 'File', 'Stream']) expect(screen.getByRole('tab', { name: tab })).toBeTruthy();
    for (const button of ['Send', 'Cancel', 'Export CSV']) expect(screen.getByRole('button', { name: button })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Summary' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Events' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Stream' }));
    for (const label of ['Interval (ms)', 'Count', 'Size (bytes)']) expect(screen.getByLabelText(label)).toBeTruthy();
    // Prefilled from the first hosts.txt entry.
    await screen.findByDisplayValue('127.0.0.1');
  });

  it('rejects a non-integer Characters, but sends any whole number so the server can refuse it', async () => {
    const t = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'File' }));
    type('Characters', '12.5');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const field = screen.getByLabelText('Characters');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“12.5” is not a whole number');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(t.api.send).not.toHaveBeenCalled();

    // Over a classic server's limit, and 0: the contract lets both through (the server says no).
    t.api.send.mockImplementation(() => new Promise(() => {}));
    type('Characters', '123456790');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(t.api.send).toHaveBeenCalledWith({ endpointId: 'c1', command: { type: 'file', chars: 123_456_790 } });
  });

  it('puts an engine error next to the field its path names, not by reading its words', async () => {
    const t = setup();
    t.api.openClient.mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'BAD_ARGUMENT', message: 'the engine says no', path: 'port' } }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('the engine says no');
    expect(screen.getByLabelText('Port').getAttribute('aria-describedby')).toContain(alert.id);
  });

  it('has a reply timeout field for TCP that re-opens the client with replyTimeoutMs', async () => {
    const t = setup();
    const field = screen.getByLabelText('Reply timeout (s)') as HTMLInputElement;
    expect(field.value).toBe('30');
    type('Reply timeout (s)', '0.5');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(t.api.openClient).toHaveBeenLastCalledWith({ proto: 'tcp', host: '127.0.0.1', port: 8120, idleTimeoutMs: 2000, prepareTimeoutMs: 100_000, replyTimeoutMs: 500, conditions: null });
    type('Reply timeout (s)', 'soon');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter the reply timeout in seconds');
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'udp' } });
    expect(screen.queryByLabelText('Reply timeout (s)')).toBeNull();
  });

  it('shows the summary of a reply cut short beside its error', async () => {
    const t = setup();
    const short: ExchangeSummary = {
      exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'tcp', command: 'file', request: '1000', expected: 1000,
      bytes: 700, lost: 300, durationMs: 1.5, throughputBps: 466_666, reads: 1, datagrams: 0, segmentsExpected: 0,
      segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0, prepareMs: 0.5, end: 'short',
      reply: null, error: { code: 'CUT_SHORT', message: 'the server closed after 700 of 1,000 bytes' },
      local: '127.0.0.1:51234', remote: '127.0.0.1:8120',
    };
    t.api.send.mockImplementation(async () => {
      t.emit([ev({ endpoint: 'c1', kind: 'summary', proto: 'tcp', exchange: 'x1', command: 'file', summary: short })]);
      return { ok: false, error: short.error! } as never;
    });
    fireEvent.click(screen.getByRole('tab', { name: 'File' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const region = screen.getByRole('region', { name: 'Summary' });
    expect(await within(region).findByText('Cut short (fewer bytes than expected arrived): the server closed after 700 of 1,000 bytes.')).toBeTruthy();
  });

  it('limits a UDP segment to 65,507 bytes but not a TCP one', async () => {
    const t = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Stream' }));
    type('Size (bytes)', '65508');
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'udp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A UDP segment is at most 65,507 bytes');
    expect(t.api.send).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'tcp' } });
    t.api.send.mockImplementation(() => new Promise(() => {}));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(t.api.send).toHaveBeenCalledWith({ endpointId: 'c1', command: { type: 'stream', intervalMs: 10, count: 1000, size: 65508 } });
  });

  it('shows the echo reply, the summary and the Wireshark filter after a send', async () => {
    const t = setup();
    const summary: ExchangeSummary = {
      exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'tcp', command: 'echo', request: 'hello', expected: 5,
      bytes: 5, lost: 0, durationMs: 1.5, throughputBps: 3333, reads: 1, datagrams: 0, segmentsExpected: 0,
      segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0, prepareMs: null, end: 'fin',
      reply: 'HELLO', error: null, local: '127.0.0.1:51234', remote: '127.0.0.1:8120',
    };
    t.api.send.mockImplementation(() => ok(summary));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const region = screen.getByRole('region', { name: 'Summary' });
    await within(region).findByText('How it ended');
    expect(screen.getByText('HELLO')).toBeTruthy();
    expect(screen.getByLabelText('Wireshark display filter').textContent).toBe('tcp.port == 8120 && tcp.port == 51234');
    // The reply came before any event batch: the progress shows the summary's final figures.
    expect(screen.getByRole('progressbar', { name: 'Progress' }).getAttribute('aria-valuenow')).toBe('5');
    expect(screen.getByText('5 / 5 bytes')).toBeTruthy();
    expect(screen.getByText('1 socket reads')).toBeTruthy();
    expect(t.api.send).toHaveBeenCalledWith({ endpointId: 'c1', command: { type: 'echo', text: 'hello' } });
  });

  it('shows a connection error from the engine', async () => {
    const t = setup();
    t.api.send.mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'CONNECTION_REFUSED', message: 'Connection refused by 127.0.0.1:8120: is a server running there?' } }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Connection refused');
  });
});
