// Wire format of the browser-mode bridge (src-main/web ⇄ src-renderer), derived from the LabApi contract.
import type { LabErrorInfo, LabCommandName, LabResult } from './api.js';
import type { LabEvent } from './events.js';

/**
 * Browser mode's default port. A fixed one keeps the page's origin, and so the settings the page
 * remembers in localStorage, from one run to the next; when it is taken a free port is used.
 */
export const WEB_DEFAULT_PORT = 8130;

/** The page is served at `/?token=T#/`, `#/server` or `#/client`. */
export const TOKEN_PARAM = 'token';
/** WebSocket endpoint: `ws://127.0.0.1:P/ws?token=T`. */
export const WS_PATH = '/ws';
/** CSV download of the session journal: `GET /export.csv?token=T`. */
export const EXPORT_CSV_PATH = '/export.csv';

export interface BridgeCall {
  type: 'call';
  id: number;
  method: LabCommandName;
  args: unknown;
}

export interface BridgeReply {
  type: 'reply';
  id: number;
  result: LabResult<unknown>;
}

export interface BridgeEvents {
  type: 'events';
  batch: LabEvent[];
}

export interface BridgeFatal {
  type: 'fatal';
  error: LabErrorInfo;
}

export type BridgeServerMessage = BridgeReply | BridgeEvents | BridgeFatal;

/** Query parameter of EXPORT_CSV_PATH: the name the page announced, so the file is called that. */
export const EXPORT_NAME_PARAM = 'name';
/** The only download names the server takes from a page: what defaultCsvName makes, nothing else. */
export const CSV_NAME_RE = /^netlab-session-\d{8}-\d{6}\.csv$/;

/** `netlab-session-20261125-161530.csv`, the default export name on every face. */
export function defaultCsvName(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const d = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}`;
  const t = `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `netlab-session-${d}-${t}.csv`;
}
