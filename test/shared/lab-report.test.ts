import { describe, expect, it } from 'vitest';
import {
  REPORT_ENDPOINTS_MAX,
  REPORT_NAME_RE,
  defaultReportName,
  inReportScope,
  reportScopeFromQuery,
  reportScopeQuery,
} from '../../src-shared/lab-report.js';
import type { ReportScope } from '../../src-shared/lab-report.js';

const fromQuery = (query: string) => reportScopeFromQuery(new URLSearchParams(query));

describe('lab report scope', () => {
  it.each<ReportScope>([
    { type: 'session' },
    { type: 'endpoints', endpoints: ['cli-1', 'cli-7'] },
    { type: 'exchanges', exchanges: ['x1.2', 'x3.14'] },
  ])('round-trips %j through a download query', (scope) => {
    expect(fromQuery(reportScopeQuery(scope))).toEqual({ ok: true, scope });
  });

  it('reads no scope as the whole session', () => {
    expect(fromQuery('token=abc')).toEqual({ ok: true, scope: { type: 'session' } });
  });

  it.each([
    ['scope=all', /scope: /],
    ['scope=endpoints', /endpoints: name at least one endpoint/],
    ['scope=exchanges&id=', /exchanges\.0: /],
    ['scope=exchanges&id=a%20b', /letters, digits/],
    [`scope=endpoints&${Array.from({ length: REPORT_ENDPOINTS_MAX + 1 }, (_, i) => `id=cli-${i}`).join('&')}`, /at most 32 endpoints/],
  ])('refuses %s, naming the field', (query, message) => {
    const r = fromQuery(query);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('matches summaries by endpoint or by exchange id', () => {
    expect(inReportScope({ type: 'session' }, 'srv-1', 'x1.1')).toBe(true);
    expect(inReportScope({ type: 'endpoints', endpoints: ['cli-1'] }, 'cli-1', 'x9.9')).toBe(true);
    expect(inReportScope({ type: 'endpoints', endpoints: ['cli-1'] }, 'cli-10', 'x9.9')).toBe(false);
    expect(inReportScope({ type: 'exchanges', exchanges: ['x1.1'] }, 'srv-1', 'x1.1')).toBe(true);
    expect(inReportScope({ type: 'exchanges', exchanges: ['x1.1'] }, 'srv-1', 'x1.10')).toBe(false);
  });

  it('names the file netlab-report-DATE-TIME.csv, the only form a page may ask for', () => {
    const name = defaultReportName(new Date(2026, 11, 1, 9, 5, 7));
    expect(name).toBe('netlab-report-20261201-090507.csv');
    expect(REPORT_NAME_RE.test(name)).toBe(true);
    expect(REPORT_NAME_RE.test('netlab-session-20261201-090507.csv')).toBe(false);
  });
});
