// GET /report.csv in browser mode: the token, the scope (the shared schema), hostile names, and
// the numbers of a real exchange on 127.0.0.1.
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, LabResult } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { REPORT_EXCHANGES_MAX, reportScopeQuery } from '../../src-shared/lab-report.js';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { rawGet, startTestBrowserMode } from './web-helpers.js';
import type { TestBrowserMode } from './web-helpers.js';

const REPORT_NAME = /^attachment; filename="netlab-report-\d{8}-\d{6}\.csv"$/;

function value<T>(r: LabResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('browser mode: the lab report download', () => {
  let mode: TestBrowserMode;
  let token: string;
  beforeEach(async () => {
    mode = await startTestBrowserMode();
    token = mode.server.token;
  });
  afterEach(async () => {
    await mode.close();
  });

  async function echo(text: string): Promise<{ client: EndpointInfo; summary: ExchangeSummary }> {
    const server = value<EndpointInfo>(await mode.lab.call('startServer', { proto: 'tcp', host: '127.0.0.1', port: 0 }));
    const client = value<EndpointInfo>(
      await mode.lab.call('openClient', { proto: 'tcp', host: '127.0.0.1', port: server.port }),
    );
    const summary = value<ExchangeSummary>(
      await mode.lab.call('send', { endpointId: client.id, command: { type: 'echo', text } }),
    );
    return { client, summary };
  }

  it('sends the report only with the token', async () => {
    for (const query of ['', '?token=', '?token=wrong', `?token=${token}x`, '?scope=session']) {
      const res = await rawGet(mode.server.port, `/report.csv${query}`);
      expect(res.status, query).toBe(401);
      expect(res.body).not.toContain('exchange,');
    }
  });

  it('streams one numeric row per exchange for the whole session and for one client', async () => {
    const { client, summary } = await echo('=1+1 report');
    const whole = await rawGet(mode.server.port, `/report.csv?token=${token}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(whole.headers['content-disposition']).toMatch(REPORT_NAME);
    expect(whole.body.split('\n')[0]).toBe(SUMMARY_CSV_COLUMNS.join(','));
    const rows = parse(whole.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.role).sort()).toEqual(['client', 'server']);

    const query = reportScopeQuery({ type: 'endpoints', endpoints: [client.id] });
    const mine = parse((await rawGet(mode.server.port, `/report.csv?token=${token}&${query}`)).body, {
      columns: true,
    }) as Record<string, string>[];
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ exchange: summary.exchange, protocol: 'tcp', bytes: '11', lost: '0' });
    expect(Number(mine[0]!.duration_ms)).toBeGreaterThanOrEqual(0);
    // The peer's text is shown, never run as a formula.
    expect(mine[0]!.request).toBe(`'=1+1 report`);

    const picked = reportScopeQuery({ type: 'exchanges', exchanges: [summary.exchange] });
    const res = await rawGet(mode.server.port, `/report.csv?token=${token}&${picked}`);
    expect((parse(res.body, { columns: true }) as unknown[]).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['an unknown scope', 'scope=everything'],
    ['endpoints without an id', 'scope=endpoints'],
    ['a hostile id', `scope=endpoints&id=${encodeURIComponent('../../etc/passwd')}`],
    ['an id with a newline', `scope=exchanges&id=${encodeURIComponent('x1\r\nSet-Cookie: a=b')}`],
    ['too many ids', `scope=exchanges&${Array.from({ length: REPORT_EXCHANGES_MAX + 1 }, (_, i) => `id=x${i}`).join('&')}`],
  ])('answers 400 to %s, with no CSV', async (_what, query) => {
    const res = await rawGet(mode.server.port, `/report.csv?token=${token}&${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toMatch(/^Bad lab report request: scope/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('names the download as the page announced it, but only with a name of the default form', async () => {
    const named = await rawGet(mode.server.port, `/report.csv?token=${token}&name=netlab-report-20261201-233117.csv`);
    expect(named.headers['content-disposition']).toBe('attachment; filename="netlab-report-20261201-233117.csv"');
    for (const hostile of [
      '../../.bashrc',
      'netlab-session-20261201-233117.csv',
      'netlab-report-1-2.csv"; evil=1',
      '%0d%0aSet-Cookie:x',
    ]) {
      const res = await rawGet(mode.server.port, `/report.csv?token=${token}&name=${encodeURIComponent(hostile)}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(REPORT_NAME);
    }
  });

  it('answers HEAD with the headers only', async () => {
    const res = await rawGet(mode.server.port, `/report.csv?token=${token}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });
});
