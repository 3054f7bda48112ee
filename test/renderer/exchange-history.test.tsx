// @vitest-environment happy-dom
// The exchange history (both views) and Compare: results in words, a bounded list, following the
// newest until the student picks one, one id for both ends, and differences highlighted.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { CompareTable } from '../../src-renderer/components/compare-view.js';
import { compareRows } from '../../src-renderer/display/compare-rows.js';
import { resultOf } from '../../src-renderer/display/exchange-result.js';
import { MAX_EXCHANGES } from '../../src-renderer/store/exchanges.js';
import { ServerStoreProvider } from '../../src-renderer/store/store-context.js';
import { ServerView } from '../../src-renderer/views/server-view.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';

afterEach(cleanup);

function summary(over: Partial<ExchangeSummary>): ExchangeSummary {
  return {
    exchange: 'x1', endpoint: 's1', role: 'server', proto: 'tcp', command: 'echo', request: 'hello',
    expected: 5, bytes: 5, lost: 0, durationMs: 2, throughputBps: 2500, reads: 1, datagrams: 0,
    segmentsExpected: 0, segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0,
    prepareMs: null, end: 'done', reply: null, error: null, local: '127.0.0.1:8120', remote: '127.0.0.1:40000',
    ...over,
  };
}

async function startedServer() {
  const t = createFakeTransport();
  render(
    <ServerStoreProvider transport={t}>
      <ServerView />
    </ServerStoreProvider>,
  );
  t.api.startServer.mockImplementation(() => ok(endpointInfo('s1', 'server', 'tcp', { local: '127.0.0.1:8120' })));
  await screen.findByDisplayValue('127.0.0.1');
  fireEvent.click(screen.getByRole('button', { name: 'Start server' }));
  await screen.findByText('Listening on');
  return t;
}

/** One server exchange, from its request to its summary. */
function serverExchange(id: string, port: number, over: Partial<ExchangeSummary> = {}, t0 = port) {
  const at = { endpoint: 's1', role: 'server' as const, proto: 'tcp' as const, exchange: id, local: '127.0.0.1:8120', remote: `127.0.0.1:${port}` };
  const s = summary({ exchange: id, remote: at.remote, ...over });
  return [
    ev({ ...at, kind: 'request', detail: s.request, t: t0 }),
    ev({ ...at, kind: 'tx', bytes: s.bytes, t: t0 + 0.5 }),
    ev({ ...at, kind: 'summary', bytes: s.bytes, t: t0 + 1, summary: s }),
  ];
}

const rowsOf = () => within(screen.getByRole('table', { name: 'Exchanges' })).getAllByRole('row').slice(1);

describe('exchange history', () => {
  it('tells done, short, refused, error and cancelled apart in words, with the sentence, never the code', async () => {
    const t = await startedServer();
    act(() =>
      t.emit([
        ...serverExchange('x1', 40001),
        ...serverExchange('x2', 40002, { command: 'bad', request: 'file 999999999999', error: { code: 'BAD_REQUEST', message: 'The file is larger than the limit.' } }),
        ...serverExchange('x3', 40003, { end: 'error', error: { code: 'CONNECTION_RESET', message: 'The peer reset the connection.' } }),
        ...serverExchange('x4', 40004, { end: 'short', error: { code: 'CUT_SHORT', message: 'the server closed after 3 of 5 bytes' } }),
        ...serverExchange('x5', 40005, { end: 'cancelled' }),
      ]),
    );
    await screen.findByTitle('Exchange x5');
    const badges = rowsOf().map((r) => r.querySelector('.badge')!.textContent);
    // Newest first.
    expect(badges).toEqual(['cancelled', 'short', 'error', 'refused', 'done']);
    const table = screen.getByRole('table', { name: 'Exchanges' });
    expect(table.textContent).toContain('The peer reset the connection.');
    expect(table.textContent).not.toContain('CONNECTION_RESET');
    expect(table.textContent).not.toContain('BAD_REQUEST');
    // A protocol column.
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Proto');
    expect(resultOf(summary({ end: 'reply-timeout', error: { code: 'TIMEOUT', message: 'no reply' } })).word).toBe('timed out');
  });

  it('keeps the last 500 exchanges and says how many older ones were dropped', async () => {
    const t = await startedServer();
    const batch = Array.from({ length: MAX_EXCHANGES + 12 }, (_, i) => serverExchange(`x${i + 1}`, 20000 + i)).flat();
    act(() => t.emit(batch));
    await screen.findByText(/oldest 12 dropped/);
    expect(rowsOf()).toHaveLength(MAX_EXCHANGES);
    expect(rowsOf()[0]!.textContent).toContain(`x${MAX_EXCHANGES + 12}`);
  });

  it('follows the newest until one is picked, then keeps it; Follow newest goes back', async () => {
    const t = await startedServer();
    act(() => t.emit([...serverExchange('x1', 40001), ...serverExchange('x2', 40002)]));
    await screen.findByTitle('Exchange x2');
    const follow = screen.getByLabelText('Follow newest') as HTMLInputElement;
    expect(follow.checked).toBe(true);
    expect(rowsOf()[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(within(rowsOf()[1]!).getByText('x1'));
    expect(follow.checked).toBe(false);
    const detail = screen.getByRole('region', { name: 'Exchange x1' });
    expect(within(detail).getByRole('table', { name: 'Events of x1' }).textContent).toContain('request');
    act(() => t.emit(serverExchange('x3', 40003, {}, 50000)));
    await screen.findByTitle('Exchange x3');
    // Still x1: a new exchange does not take the selection away.
    expect(screen.getByRole('region', { name: 'Exchange x1' })).toBeTruthy();
    expect(rowsOf()[2]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(follow);
    expect(screen.queryByRole('region', { name: 'Exchange x1' })).toBeNull();
    expect(rowsOf()[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it("shows the client's id on the server's exchange when both ends are in the lab, the server's own in the tooltip", async () => {
    const t = await startedServer();
    const client = { endpoint: 'c1', role: 'client' as const, proto: 'tcp' as const, exchange: 'x7', local: '127.0.0.1:40123', remote: '127.0.0.1:8120' };
    act(() => t.emit([ev({ ...client, kind: 'connect', t: 1 }), ...serverExchange('x8', 40123, {}, 2)]));
    const cell = await screen.findByTitle(/this server calls it x8/);
    expect(cell.textContent).toContain('x7');
    // Another client port: no pair, its own id.
    act(() => t.emit(serverExchange('x9', 40999, {}, 10)));
    await screen.findByTitle('Exchange x9');
  });

  it('compares: highlights the facts that differ, not those that agree', () => {
    const tcp = summary({ exchange: 'x1', proto: 'tcp', command: 'file', request: 'file 5000', expected: 5000, bytes: 5000, reads: 3 });
    const udp = summary({ exchange: 'x2', proto: 'udp', command: 'file', request: 'file 5000', expected: 5000, bytes: 3880, lost: 1120, reads: 0, datagrams: 4, end: 'short', error: { code: 'CUT_SHORT', message: 'no datagram for 2 s after 3,880 of 5,000 bytes' } });
    const rows = compareRows([tcp, udp]);
    const differs = Object.fromEntries(rows.map((r) => [r.key, r.differs]));
    expect(differs).toMatchObject({ proto: true, command: false, result: true, bytes: true, lost: true, packets: true, wire: true, conditions: false });
    render(<CompareTable columns={[{ id: 'x1', label: 'x1 · TCP', summary: tcp }, { id: 'x2', label: 'x2 · UDP', summary: udp }]} />);
    const table = screen.getByRole('table', { name: 'Comparison' });
    const row = (label: string) => within(table).getByRole('rowheader', { name: new RegExp(`^${label}`) }).closest('tr')!;
    expect(row('Lost').getAttribute('data-differs')).toBe('true');
    expect(row('Lost').textContent).toContain('1,120 bytes');
    expect(row('Command').getAttribute('data-differs')).toBe('false');
    expect(row('Reads / datagrams').textContent).toContain('4 datagrams');
    expect(table.textContent).toContain('no datagram for 2 s');
  });
});
