// @vitest-environment happy-dom
// The event log: filter by kind, exchange and peer, text search, a row opened in full, and times
// relative to the exchange's request with the wall time in the tooltip.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventLog } from '../../src-renderer/components/event-log.js';
import { createServerStore } from '../../src-renderer/store/create-stores.js';
import { EventRing } from '../../src-renderer/store/event-ring.js';
import type { LogRow } from '../../src-renderer/store/event-ring.js';
import { LogFilter, NO_EXCHANGE, NO_FILTER, relativeMs } from '../../src-renderer/store/log-filter.js';
import { ServerStoreProvider } from '../../src-renderer/store/store-context.js';
import type { LabEvent } from '../../src-shared/events.js';
import { createFakeTransport, ev } from './fake-transport.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const A = '127.0.0.1:40000';
const B = '127.0.0.1:40001';

function setup() {
  const t = createFakeTransport();
  const store = createServerStore(t, { settingsStorage: null });
  store.getState().adoptEndpoint('s1');
  render(
    <ServerStoreProvider transport={t} store={store}>
      <EventLog />
    </ServerStoreProvider>,
  );
  const emit = (events: Partial<LabEvent>[]) =>
    act(() => t.emit(events.map((e) => ev({ endpoint: 's1', role: 'server', kind: 'tx', ...e }))));
  return { t, store, emit };
}

const log = () => within(screen.getByRole('table', { name: 'Events' }));
/** Rows of the table body as [time, kind, bytes, segment, exchange, detail]. */
const bodyRows = () =>
  log()
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

/** Two UDP exchanges from two peers, and one endpoint event before them. */
function twoExchanges(emit: ReturnType<typeof setup>['emit']) {
  emit([
    { kind: 'listening', t: 990, detail: 'listening on 127.0.0.1:8120', remote: '' },
    { kind: 'request', t: 1000, exchange: 'x1', remote: A, detail: 'stream 10 3 100' },
    { kind: 'tx', t: 1012.345, exchange: 'x1', remote: A, bytes: 100, segment: 3 },
    { kind: 'request', t: 1100, exchange: 'x2', remote: B, detail: 'hello' },
    { kind: 'tx', t: 1100.25, exchange: 'x2', remote: B, bytes: 5 },
    { kind: 'end', t: 1101, exchange: 'x2', remote: B, detail: 'reply complete after a long wait for the peer to read it all' },
  ]);
}

describe('event log', () => {
  it('counts time from the exchange’s request, endpoint events from the session start, wall time in the tooltip', () => {
    const { emit } = setup();
    twoExchanges(emit);
    const rows = bodyRows();
    expect(rows.map((r) => r[0])).toEqual(['+0.000 ms', '+0.000 ms', '+12.345 ms', '+0.000 ms', '+0.250 ms', '+1.000 ms']);
    const tx = log().getAllByRole('row')[3]!;
    const cell = within(tx).getAllByRole('cell')[0]!.firstElementChild!;
    // The first event (t = 990) came at 00:00:00.000 wall time, so t = 1012.345 is 22.345 ms later.
    expect(cell.getAttribute('title')).toBe('2026-01-01T00:00:00.022Z (since exchange x1’s request)');
    const listening = within(log().getAllByRole('row')[1]!).getAllByRole('cell')[0]!.firstElementChild!;
    expect(listening.getAttribute('title')).toContain('since the session’s first event');
    expect(relativeMs(1000, 1012.5)).toBe('−12.500 ms');
    expect(relativeMs(2234.5, 1000)).toBe('+1,234.500 ms');
  });

  it('narrows to one exchange, one kind or one peer, and says how many of all match', async () => {
    const { emit } = setup();
    twoExchanges(emit);
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: 'x1' } });
    expect(bodyRows().map((r) => [r[1], r[4]])).toEqual([
      ['request', 'x1'],
      ['tx', 'x1'],
    ]);
    expect(screen.getByText(/2 of 6 events/)).toBeTruthy();
    // New events of the exchange arrive and are filtered as they come.
    emit([
      { kind: 'tx', t: 1022, exchange: 'x1', remote: A, bytes: 100, segment: 2 },
      { kind: 'tx', t: 1102, exchange: 'x2', remote: B, bytes: 5 },
    ]);
    // The log re-reads the ring at most UI_REFRESH_MS apart.
    await waitFor(() => expect(bodyRows().map((r) => r[4])).toEqual(['x1', 'x1', 'x1']));
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'request' } });
    expect(bodyRows().map((r) => r[4])).toEqual(['x1', 'x2']);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Peer'), { target: { value: B } });
    expect(bodyRows().map((r) => r[1])).toEqual(['request', 'tx', 'end', 'tx']);
    fireEvent.change(screen.getByLabelText('Peer'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: NO_EXCHANGE } });
    expect(bodyRows().map((r) => r[1])).toEqual(['listening']);
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(bodyRows()).toHaveLength(8);
  });

  it('searches the detail text a moment after typing, case-insensitively', async () => {
    const { emit } = setup();
    twoExchanges(emit);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search events' }), { target: { value: 'REPLY comp' } });
    // Not per keystroke: the search applies after a short pause.
    expect(bodyRows()).toHaveLength(6);
    await waitFor(() => expect(bodyRows().map((r) => r[1])).toEqual(['end']));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search events' }), { target: { value: 'nothing like it' } });
    await waitFor(() => expect(screen.getByText('No event matches the filter.')).toBeTruthy());
  });

  it('opens a row in full: every field and the whole detail, copyable; Escape closes it', async () => {
    const { emit } = setup();
    twoExchanges(emit);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(log().getAllByRole('row')[6]!);
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-label')).toMatch(/^Event \d+$/);
    const text = dialog.textContent!;
    for (const part of ['reply complete after a long wait for the peer to read it all', 'x2', B, 'server', 'UDP', 's1', '+1.000 ms since exchange x2’s request', '1101.000 ms since the lab started', '2026-01-01T00:00:00.111Z']) {
      expect(text).toContain(part);
    }
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeTruthy());
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('detail: reply complete after a long wait'));
    // Focus is on Close; Escape anywhere closes.
    expect(document.activeElement?.textContent).toBe('Close');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // Enter on a focused row opens it too.
    fireEvent.keyDown(log().getAllByRole('row')[1]!, { key: 'Enter' });
    expect(screen.getByRole('dialog').textContent).toContain('listening on 127.0.0.1:8120');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('LogFilter', () => {
  const row = (i: number, exchange: string | null): LogRow => ({
    seq: i, t: i, endpoint: 's1', role: 'server', proto: 'udp', kind: 'tx', exchange, command: null,
    local: '', remote: A, bytes: 1, segment: null, detail: `row ${i}`,
  });

  it('scans only new rows per update and forgets rows that fell off the ring', () => {
    const ring = new EventRing<LogRow>(100);
    const filter = new LogFilter();
    filter.setCriteria({ ...NO_FILTER, exchange: 'x1' });
    for (let i = 0; i < 50; i += 1) ring.push(row(i, i % 2 === 0 ? 'x1' : 'x2'));
    expect(filter.update(ring)).toBe(25);
    for (let i = 50; i < 250; i += 1) ring.push(row(i, i % 2 === 0 ? 'x1' : 'x2'));
    // The ring keeps 150…249: 50 of them are x1.
    expect(filter.update(ring)).toBe(50);
    expect(filter.at(ring, 0)!.seq).toBe(150);
    expect(filter.at(ring, 49)!.seq).toBe(248);
    ring.clear();
    ring.push(row(1000, 'x1'));
    expect(filter.update(ring)).toBe(1);
  });
});
