// The lab report (one numeric row per exchange, summary-csv.ts) of a session: which exchanges it
// covers (its scope), how a scope rides in the browser-mode download URL, and the file's name.
// One schema, checked on every face: the CLI, the Electron dialog action and GET /report.csv.
import { z } from 'zod';

/** Browser-mode download of the lab report: `GET /report.csv?token=T&scope=…`. */
export const REPORT_CSV_PATH = '/report.csv';
/** Query parameters of REPORT_CSV_PATH (the token and `name` are as for /export.csv). */
export const REPORT_SCOPE_PARAM = 'scope';
export const REPORT_ID_PARAM = 'id';
/** "This client": a view re-opens its client on every address change, and remembers this many. */
export const REPORT_ENDPOINTS_MAX = 32;
/** "Selected exchanges": at most this many ids in one report. */
export const REPORT_EXCHANGES_MAX = 1000;
/** Endpoint ids (`cli-3`) and exchange ids (`x2.14`) are short, plain words. */
export const REPORT_ID_MAX_CHARS = 64;

const IdSchema = z
  .string()
  .min(1)
  .max(REPORT_ID_MAX_CHARS)
  .regex(/^[A-Za-z0-9._:-]+$/, 'an id is letters, digits and . _ : -');

export const ReportScopeSchema = z.discriminatedUnion('type', [
  /** Every exchange of the session, of every endpoint (servers, clients, links). */
  z.object({ type: z.literal('session') }),
  /** The exchanges of these endpoints (one client, or a view's clients). */
  z.object({
    type: z.literal('endpoints'),
    endpoints: z
      .array(IdSchema)
      .min(1, 'name at least one endpoint')
      .max(REPORT_ENDPOINTS_MAX, `at most ${REPORT_ENDPOINTS_MAX} endpoints`),
  }),
  /** These exchanges (the ones selected in the history), on whichever end reported them. */
  z.object({
    type: z.literal('exchanges'),
    exchanges: z
      .array(IdSchema)
      .min(1, 'select at least one exchange')
      .max(REPORT_EXCHANGES_MAX, `at most ${REPORT_EXCHANGES_MAX} exchanges`),
  }),
]);
export type ReportScope = z.output<typeof ReportScopeSchema>;

export const WHOLE_SESSION: ReportScope = { type: 'session' };

/** Does a summary of `endpoint` for `exchange` belong in the report of `scope`? */
export function inReportScope(scope: ReportScope, endpoint: string, exchange: string): boolean {
  if (scope.type === 'session') return true;
  if (scope.type === 'endpoints') return scope.endpoints.includes(endpoint);
  return scope.exchanges.includes(exchange);
}

/** The query string of a scope: `scope=session`, `scope=endpoints&id=cli-1`, `scope=exchanges&id=x1.2&id=…`. */
export function reportScopeQuery(scope: ReportScope): string {
  const ids = scope.type === 'endpoints' ? scope.endpoints : scope.type === 'exchanges' ? scope.exchanges : [];
  return [
    `${REPORT_SCOPE_PARAM}=${scope.type}`,
    ...ids.map((id) => `${REPORT_ID_PARAM}=${encodeURIComponent(id)}`),
  ].join('&');
}

/** What reading a query needs (URLSearchParams has it; src-shared knows no DOM or Node types). */
export interface QueryParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/** The scope a download URL asks for; no scope parameter = the whole session. */
export function reportScopeFromQuery(
  params: QueryParams,
): { ok: true; scope: ReportScope } | { ok: false; message: string } {
  const type = params.get(REPORT_SCOPE_PARAM) ?? 'session';
  const ids = params.getAll(REPORT_ID_PARAM);
  // Never more ids than the schema takes, so a hostile URL costs no more than a valid one.
  const bounded = ids.slice(0, REPORT_EXCHANGES_MAX + 1);
  const candidate =
    type === 'endpoints' ? { type, endpoints: bounded } : type === 'exchanges' ? { type, exchanges: bounded } : { type };
  const parsed = ReportScopeSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, scope: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `scope: ${where}${issue?.message ?? 'invalid'}` };
}

/** The only lab-report download names the server takes from a page: what defaultReportName makes. */
export const REPORT_NAME_RE = /^netlab-report-\d{8}-\d{6}\.csv$/;

/** `netlab-report-20261125-161530.csv`, the default lab-report name on every face. */
export function defaultReportName(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const d = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}`;
  const t = `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `netlab-report-${d}-${t}.csv`;
}
