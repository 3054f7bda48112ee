// @vitest-environment happy-dom
// The Experiments view: the list, the sheet, a run's progress through the page's LabApi, Cancel,
// the results side by side with their differences marked, and the lab report built in the page.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabResult } from '../../src-shared/api.js';
import type { ExchangeSummary, LinkDirectionStats } from '../../src-shared/events.js';
import { EXPERIMENTS, findExperiment } from '../../src-shared/experiments/index.js';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { createExperimentsStore } from '../../src-renderer/store/experiments-slice.js';
import { ExperimentsView } from '../../src-renderer/views/experiments-view.js';
import type { FakeTransport } from './fake-transport.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const base: ExchangeSummary = {
  exchange: 'x1', endpoint: 'c1', role: 'client', proto: 'tcp', command: 'echo', request: 'hello network', expected: 13,
  bytes: 13, lost: 0, durationMs: 1.5, throughputBps: 0, reads: 1, datagrams: 0, segmentsExpected: 0,
  segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0, prepareMs: null, end: 'fin',
  reply: 'HELLO NETWORK', error: null, local: '127.0.0.1:51234', remote: '127.0.0.1:9001',
};

const direction = (packetsIn: number, random: number): LinkDirectionStats => ({
  packetsIn, bytesIn: packetsIn * 1024, packetsOut: packetsIn - random, bytesOut: (packetsIn - random) * 1024,
  dropped: { random, burst: 0, queue: 0, mtu: 0 }, fragmented: 0, duplicated: 0, reordered: 0,
  delayP50Ms: 2, delayP99Ms: 2.1,
});

interface Pending {
  endpointId: string;
  resolve(result: LabResult<ExchangeSummary>): void;
}

/**
 * A lab behind the fake transport: every send waits until the test answers it with `answer()`,
 * which emits the server's (and the link's) summary and resolves with the client's, as the engine does.
 */
function scriptedLab(t: FakeTransport) {
  let n = 0;
  const pending: Pending[] = [];
  const links = new Map<string, string>();
  t.api.startServer.mockImplementation((args) => {
    n += 1;
    return ok(endpointInfo(`s${n}`, 'server', args.proto, { port: 9000 + n }));
  });
  t.api.openClient.mockImplementation((args) => {
    const id = `c${n}`;
    if (args.conditions) links.set(id, `l${n}`);
    return ok(endpointInfo(id, 'client', args.proto, { link: args.conditions ? `l${n}` : null }));
  });
  t.api.send.mockImplementation(
    ({ endpointId }) => new Promise<LabResult<ExchangeSummary>>((resolve) => pending.push({ endpointId, resolve })),
  );
  const answer = async (client: Partial<ExchangeSummary>, link?: { up: number; down: number; sent: number }) => {
    const p = pending.shift()!;
    const k = p.endpointId.slice(1);
    const s: ExchangeSummary = { ...base, exchange: `x${k}`, endpoint: p.endpointId, ...client };
    const server: ExchangeSummary = { ...s, endpoint: `s${k}`, role: 'server', bytes: client.expected ?? s.bytes };
    const batch = [ev({ endpoint: `s${k}`, role: 'server', kind: 'summary', summary: server })];
    const linkId = links.get(p.endpointId);
    if (linkId && link) {
      const stats = { seed: 42, conditions: 'lossy-10', upstream: direction(1, link.up), downstream: direction(link.sent, link.down) };
      batch.push(ev({ endpoint: linkId, role: 'link', kind: 'summary', summary: { ...s, endpoint: linkId, role: 'link', link: stats } }));
    }
    await act(async () => {
      t.emit(batch);
      p.resolve({ ok: true, value: s });
      await Promise.resolve();
    });
    // The runner stops the run's endpoints, then starts the next run.
    await act(async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    });
  };
  return { pending, answer };
}

function setup(hash = '#/experiments') {
  const t = createFakeTransport();
  const store = createExperimentsStore(t);
  const lab = scriptedLab(t);
  const view = render(<ExperimentsView store={store} hash={hash} />);
  return { t, store, lab, view };
}

const status = () => screen.getByRole('status');
const row = (label: string): HTMLTableRowElement => {
  const tr = screen.getByRole('table', { name: 'Results' }).querySelector<HTMLTableRowElement>(`tr[data-row="${label}"]`);
  if (!tr) throw new Error(`no row ${label}`);
  return tr;
};
const settle = () => act(async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
});

describe('Experiments view', () => {
  it('lists every experiment with its one-line summary, and shows the chosen one’s sheet', () => {
    const { t, view } = setup('#/experiments/lossy-stream');
    const list = within(screen.getByRole('navigation', { name: 'Experiment list' }));
    for (const e of EXPERIMENTS) {
      const link = list.getByRole('link', { name: new RegExp(e.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
      expect(link.getAttribute('href')).toBe(`#/experiments/${e.name}`);
      expect(link.textContent).toContain(e.summary);
    }
    const lossy = findExperiment('lossy-stream')!;
    expect(list.getByRole('link', { current: 'page' }).textContent).toContain(lossy.title);
    const sheet = within(screen.getByRole('region', { name: lossy.title }));
    for (const l of lossy.lookAt) expect(sheet.getByText(l)).toBeTruthy();
    const questions = within(sheet.getByRole('list', { name: 'Questions' }));
    expect(questions.getAllByRole('listitem').map((li) => li.textContent)).toEqual(lossy.questions);
    expect(sheet.getByRole('button', { name: 'Run' })).toBeTruthy();
    expect((sheet.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    expect((sheet.getByRole('button', { name: 'Download lab report' }) as HTMLButtonElement).disabled).toBe(true);
    // Without the lab on the other side there is nothing to run on.
    act(() => t.setConnection({ status: 'failed', message: 'Wrong or missing access token.', retryAt: null }));
    expect(screen.getByRole('alert').textContent).toContain('Wrong or missing access token.');
    expect((sheet.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    // An unknown name falls back to the first experiment.
    view.rerender(<ExperimentsView store={createExperimentsStore(createFakeTransport())} hash="#/experiments/nope" />);
    expect(screen.getByRole('region', { name: EXPERIMENTS[0]!.title })).toBeTruthy();
  });

  it('runs each run on a fresh loopback server with progress, then shows the runs side by side, differences marked', async () => {
    const { t, lab } = setup('#/experiments/tcp-vs-udp');
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(status().textContent).toMatch(/run 1\/4: TCP echo …/);
    expect(t.api.startServer).toHaveBeenLastCalledWith(expect.objectContaining({ proto: 'tcp', host: '127.0.0.1', port: 0 }));
    expect(t.api.openClient).toHaveBeenLastCalledWith(expect.objectContaining({ proto: 'tcp', host: '127.0.0.1', port: 9001 }));
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);

    await lab.answer({});
    expect(status().textContent).toMatch(/run 2\/4: UDP echo …/);
    expect(t.api.stopServer).toHaveBeenCalledWith({ endpointId: 's1' });
    expect(t.api.closeClient).toHaveBeenCalledWith({ endpointId: 'c1' });
    // The first run's results show while the next one runs.
    expect(within(screen.getByRole('table', { name: 'Results' })).getByRole('columnheader', { name: 'TCP echo' })).toBeTruthy();

    await lab.answer({ proto: 'udp', reads: 0, datagrams: 1, end: 'done' });
    expect(status().textContent).toMatch(/run 3\/4: TCP file …/);
    await lab.answer({ command: 'file', request: '1000000', expected: 1_000_000, bytes: 1_000_000, reads: 31, durationMs: 250, throughputBps: 4e6, prepareMs: 0.8 });
    await lab.answer({
      proto: 'udp', command: 'file', request: '1000000', expected: 1_000_000, bytes: 1_000_000, reads: 0, datagrams: 123,
      durationMs: 120, throughputBps: 8.3e6, prepareMs: 0.9, end: 'done',
    });
    expect(screen.queryByRole('status')).toBeNull();

    const table = within(screen.getByRole('table', { name: 'Results' }));
    expect(table.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Figure', 'TCP echo', 'UDP echo', 'TCP file', 'UDP file']);
    expect(row('request').textContent).toContain('file 1,000,000 over UDP');
    expect(row('request').classList.contains('differs')).toBe(true);
    expect(within(row('request')).getByRole('rowheader', { name: 'request (the runs differ)' })).toBeTruthy();
    expect(row('reads / datagrams').classList.contains('differs')).toBe(true);
    expect(row('reads / datagrams').textContent).toContain('123 datagrams');
    // Every run lost nothing: the same in every column, not marked.
    expect(row('lost').classList.contains('differs')).toBe(false);
    expect(within(row('lost')).getByRole('rowheader', { name: 'lost' })).toBeTruthy();
    expect(row('on the wire (estimate)').textContent).toMatch(/% payload/);
    // No run had conditions: no link rows.
    expect(table.queryByRole('rowheader', { name: /link dropped/ })).toBeNull();
    expect(screen.getByText('All 4 runs done.')).toBeTruthy();
  });

  it('shows the link’s drops per run and the missing segments as ranges', async () => {
    const { lab } = setup('#/experiments/lossy-stream');
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    const stream = { command: 'stream' as const, request: 'stream-10-1000-1024', expected: 1_024_000, segmentsExpected: 1000 };
    await lab.answer(
      {
        ...stream, proto: 'udp', reads: 0, datagrams: 897, bytes: 897 * 1024, lost: 103 * 1024, segmentsReceived: 897,
        missing: 103, missingSample: [5, 6, 7, 40], end: 'idle-timeout', conditions: 'lossy-10: loss 10 %, seed 42',
      },
      { up: 0, down: 103, sent: 1000 },
    );
    await lab.answer(
      { ...stream, bytes: 1_024_000, segmentsReceived: 1000, reads: 700, conditions: 'lossy-10: loss 10 %, seed 42' },
      { up: 0, down: 98, sent: 1000 },
    );
    const missing = row('missing segments');
    expect(missing.classList.contains('differs')).toBe(true);
    expect(missing.textContent).toContain('103 (first: 5–7 (3), 40)');
    expect(missing.textContent).toContain('none');
    expect(row('link dropped → client').textContent).toContain('103 of 1,000 (random 103)');
    expect(row('link dropped → client').textContent).toContain('98 of 1,000 (random 98)');
    expect([...row('link dropped → server').querySelectorAll('td')].map((td) => td.textContent)).toEqual(['0', '0']);
  });

  it('Cancel cancels the exchange in flight and starts no further run', async () => {
    const { t, lab } = setup('#/experiments/tcp-vs-udp');
    t.api.cancel.mockImplementation(({ endpointId }) => {
      const p = lab.pending.shift()!;
      expect(p.endpointId).toBe(endpointId);
      t.emit([ev({ endpoint: endpointId, kind: 'summary', summary: { ...base, endpoint: endpointId, bytes: 0, end: 'cancelled' } })]);
      p.resolve({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
      return ok(null);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(status().textContent).toMatch(/Cancelling: run 1\/4/);
    // The runner waits briefly for the server's summary, which never comes after a cancel.
    await act(async () => {
      await vi.waitFor(() => expect(screen.queryByRole('status')).toBeNull(), { timeout: 3000 });
    });
    expect(t.api.cancel).toHaveBeenCalledWith({ endpointId: 'c1' });
    expect(t.api.startServer).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Cancelled after 1 of 4 runs.')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Results' })).getByText(/cancelled/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('Download lab report: one numeric row per exchange, built in the page', async () => {
    const { lab } = setup('#/experiments/tcp-slicer');
    const slicer = findExperiment('tcp-slicer')!;
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    for (const _ of slicer.runs) await lab.answer({ request: '=cmd|calc', bytes: 9, expected: 9 }, { up: 0, down: 0, sent: 9 });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:report';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Download lab report' }));
    expect(click).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toMatch(/Download started: netlab-lab-report-tcp-slicer-\d{8}-\d{6}\.csv/);
    const rows = parse(await blobs[0]!.text(), { columns: true, cast: true }) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!)).toEqual([...SUMMARY_CSV_COLUMNS]);
    // Client, server (and link, when the run had conditions) of every run, labelled with the run.
    const expected = slicer.runs.flatMap((r) => (r.conditions ? [r.label, r.label, r.label] : [r.label, r.label]));
    expect(rows.map((r) => r.label)).toEqual(expected);
    expect(rows.map((r) => r.role)).toEqual(slicer.runs.flatMap((r) => (r.conditions ? ['client', 'server', 'link'] : ['client', 'server'])));
    expect(rows[0]!.bytes).toBe(9);
    // A peer's text that looks like a formula is neutralised, as in the CLI's CSV.
    expect(rows[0]!.request).toBe("'=cmd|calc");
  });
});
