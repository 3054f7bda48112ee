// @vitest-environment happy-dom
// The client view's waits (idle / prepare / reply timeouts), Escape to cancel, and the export
// note that says where the file went and then goes away.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_NOTE_MS } from '../../src-renderer/components/export-csv-button.js';
import { timeoutsFromForm } from '../../src-renderer/store/client-timeouts.js';
import { createClientStore } from '../../src-renderer/store/create-stores.js';
import { ClientStoreProvider } from '../../src-renderer/store/store-context.js';
import { ClientView } from '../../src-renderer/views/client-view.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { createFakeTransport, endpointInfo, ok } from './fake-transport.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

function setup(proto: 'tcp' | 'udp' = 'tcp') {
  const t = createFakeTransport();
  t.api.openClient.mockImplementation((args) => ok(endpointInfo('c1', 'client', args.proto)));
  const store = createClientStore(t, { settingsStorage: null, conditionsStorage: null });
  if (proto === 'udp') store.getState().setClientField('proto', 'udp');
  render(
    <ClientStoreProvider transport={t} store={store}>
      <ClientView />
    </ClientStoreProvider>,
  );
  return { t, store };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

const CANCELLED: ExchangeSummary = {
  exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'tcp', command: 'echo', request: 'hello', expected: 5,
  bytes: 0, lost: 0, durationMs: 1.5, throughputBps: 0, reads: 0, datagrams: 0, segmentsExpected: 0,
  segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0, prepareMs: null, end: 'cancelled',
  reply: null, error: null, local: '127.0.0.1:51234', remote: '127.0.0.1:8120',
};

/** A send that runs until cancel() is called. */
function longSend(t: ReturnType<typeof setup>['t']) {
  let finish: () => void = () => {};
  t.api.send.mockImplementation(() => new Promise((resolve) => (finish = () => resolve({ ok: true, value: CANCELLED }))));
  t.api.cancel.mockImplementation(() => {
    finish();
    return ok(null);
  });
}

describe('client timeouts', () => {
  it('shows the UDP idle and prepare timeouts, and re-opens the client with them', async () => {
    const { t } = setup('udp');
    expect(screen.queryByLabelText('Reply timeout (s)')).toBeNull();
    expect((screen.getByLabelText('Idle timeout (s)') as HTMLInputElement).value).toBe('2');
    expect((screen.getByLabelText('Prepare timeout (s)') as HTMLInputElement).value).toBe('100');
    type('Idle timeout (s)', '5');
    type('Prepare timeout (s)', '0.25');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(t.api.openClient).toHaveBeenLastCalledWith(
      expect.objectContaining({ proto: 'udp', idleTimeoutMs: 5000, prepareTimeoutMs: 250 }),
    );
  });

  it('puts ClientConfigSchema’s verdict under the field its issue path names', async () => {
    const { t } = setup('udp');
    await act(async () => {});
    const opened = t.api.openClient.mock.calls.length;
    type('Idle timeout (s)', '4000');
    type('Prepare timeout (s)', 'later');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    const idle = screen.getByLabelText('Idle timeout (s)');
    const prepare = screen.getByLabelText('Prepare timeout (s)');
    expect(idle.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(idle.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toBe('Must be at most 3,600 s.');
    expect(document.getElementById(prepare.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toContain(
      'Enter the prepare timeout in seconds',
    );
    expect(t.api.openClient.mock.calls.length).toBe(opened);
    expect(t.api.send).not.toHaveBeenCalled();
  });

  it('ignores the other protocol’s fields', () => {
    const form = { proto: 'tcp' as const, replyTimeoutS: '1.5', idleTimeoutS: 'x', prepareTimeoutS: '99999' };
    expect(timeoutsFromForm(form)).toEqual({ ok: true, value: { idleTimeoutMs: 2000, prepareTimeoutMs: 100_000, replyTimeoutMs: 1500 } });
    expect(timeoutsFromForm({ ...form, proto: 'udp' })).toEqual({
      ok: false,
      errors: { idleTimeoutS: expect.stringContaining('idle timeout') as string, prepareTimeoutS: 'Must be at most 3,600 s.' },
    });
  });
});

describe('Escape', () => {
  it('cancels the running exchange, unless the key is the search box’s', async () => {
    const { t, store } = setup();
    longSend(t);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(t.api.cancel).not.toHaveBeenCalled(); // nothing running
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await vi.waitFor(() => expect(store.getState().sending).toBe(true));
    // A search box clears itself on Escape: that is not a request to cancel.
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search events' }), { key: 'Escape' });
    expect(t.api.cancel).not.toHaveBeenCalled();
    // In any ordinary field (or nowhere in particular) it cancels.
    fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Escape' });
    await vi.waitFor(() => expect(store.getState().sending).toBe(false));
    expect(t.api.cancel).toHaveBeenCalledWith({ endpointId: 'c1' });
    expect(store.getState().lastSummary?.end).toBe('cancelled');
  });
});

describe('export note', () => {
  it('says where the file went and goes away after a few seconds', async () => {
    vi.useFakeTimers();
    const { t } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await act(async () => {});
    expect(screen.getByRole('status').textContent).toBe('Saved 3 events to /tmp/x.csv');
    act(() => vi.advanceTimersByTime(EXPORT_NOTE_MS - 100));
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByRole('status')).toBeNull();
    // A second export shows its own note again.
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await act(async () => {});
    expect(screen.getByRole('status').textContent).toContain('Saved');
    expect(t.exportCsv).toHaveBeenCalledTimes(2);
  });

  it('goes away at the next action; an error stays until then', async () => {
    const { t } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Message'));
    expect(screen.queryByRole('status')).toBeNull();

    vi.useFakeTimers();
    vi.mocked(t.exportCsv).mockImplementation(() => Promise.resolve({ ok: false, error: { code: 'IO_ERROR', message: 'disk full' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await act(async () => {});
    act(() => vi.advanceTimersByTime(EXPORT_NOTE_MS * 3));
    expect(screen.getByRole('alert').textContent).toBe('disk full');
    fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
