// Browser mode: one HTTP + WebSocket server on 127.0.0.1 that serves the built renderer and the
// LabApi. A random per-run token guards the API and the CSV download; the Origin check stops
// other web pages from driving the lab through the user's browser.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LabErrorInfo } from '../../src-shared/api.js';
import {
  CSV_NAME_RE,
  EXPORT_CSV_PATH,
  EXPORT_NAME_PARAM,
  TOKEN_PARAM,
  WS_PATH,
  defaultCsvName,
} from '../../src-shared/bridge.js';
import type { BridgeFatal } from '../../src-shared/bridge.js';
import {
  REPORT_CSV_PATH,
  REPORT_NAME_RE,
  defaultReportName,
  reportScopeFromQuery,
} from '../../src-shared/lab-report.js';
import { BridgeCore } from '../bridge/bridge-core.js';
import { buildContentSecurityPolicy, rendererSecurityHeaders } from '../bridge/content-security-policy.js';
import { toLabError } from '../engine/errors.js';
import { BridgeConnection } from './bridge-connection.js';
import { sendText, serveStatic } from './static-files.js';
import type { WebLab } from './web-lab.js';

/** Loopback only: browser mode is for the person at this machine. */
export const WEB_HOST = '127.0.0.1';
const TOKEN_BYTES = 24;
/** Calls are small JSON (an echo text is at most 1 KiB); anything bigger is not ours. */
const WS_MAX_PAYLOAD_BYTES = 256 * 1024;
/** RFC 6455 close code for a connection refused on policy grounds. */
export const WS_CLOSE_POLICY_VIOLATION = 1008;
const BAD_TOKEN: LabErrorInfo = {
  code: 'PERMISSION_DENIED',
  message: 'Wrong or missing access token: open the full address that `netlab web` printed (…/?token=…).',
};

export interface WebServerOptions {
  lab: WebLab;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  /** 0 = any free port. */
  port?: number;
  log?: (line: string) => void;
}

export interface WebServer {
  readonly port: number;
  /** `http://127.0.0.1:P` — the only Origin the WebSocket accepts. */
  readonly origin: string;
  readonly token: string;
  /** `http://127.0.0.1:P/?token=T#/` */
  readonly url: string;
  close(): Promise<void>;
}

/** The renderer policy both faces send, plus exactly this server's bridge WebSocket. */
export function contentSecurityPolicy(port: number): string {
  return buildContentSecurityPolicy({ websocket: `ws://${WEB_HOST}:${port}` });
}

export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const connections = new Set<BridgeConnection>();
  // One core for every tab: each tab is an owner, as each Electron window is.
  const core = new BridgeCore(opts.lab, log);
  let port = 0;
  const origin = (): string => `http://${WEB_HOST}:${port}`;

  const http = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      log(`browser mode: ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res, port);
    // A page on another site that rebinds its DNS name to 127.0.0.1 arrives with its own Host.
    if (req.headers.host !== `${WEB_HOST}:${port}`)
      return sendText(res, 421, 'Wrong host: open the URL NetLab printed');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed');
    }
    const url = new URL(req.url ?? '/', origin());
    if (url.pathname === EXPORT_CSV_PATH) return exportCsv(url, req, res);
    if (url.pathname === REPORT_CSV_PATH) return exportReport(url, req, res);
    if (url.pathname === WS_PATH) return sendText(res, 426, 'This address speaks WebSocket');
    return serveStatic(opts.rendererDir, url.pathname, req, res);
  }

  function exportCsv(url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM)))
      return sendText(res, 401, 'Missing or wrong token');
    // A page may only pick the download's name, and only one of the form defaultCsvName makes.
    const asked = url.searchParams.get(EXPORT_NAME_PARAM);
    const name = asked !== null && CSV_NAME_RE.test(asked) ? asked : defaultCsvName(new Date());
    // Taken before the headers go out, so a journal failure still becomes a plain 500.
    sendCsv(req, res, opts.lab.csvStream(), name, 'CSV export');
  }

  /** The lab report: the token, then the scope (the shared schema), then the download. */
  function exportReport(url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM)))
      return sendText(res, 401, 'Missing or wrong token');
    const scope = reportScopeFromQuery(url.searchParams);
    if (!scope.ok) return sendText(res, 400, `Bad lab report request: ${scope.message}`);
    const asked = url.searchParams.get(EXPORT_NAME_PARAM);
    const name = asked !== null && REPORT_NAME_RE.test(asked) ? asked : defaultReportName(new Date());
    sendCsv(req, res, opts.lab.reportStream(scope.scope), name, 'lab report');
  }

  function sendCsv(req: IncomingMessage, res: ServerResponse, csv: Readable, name: string, what: string): void {
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      csv.destroy();
      return void res.end();
    }
    pipeline(csv, res, (err) => {
      if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE')
        log(`browser mode: ${what} failed: ${err.message}`);
    });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', origin());
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    // Another site's page (or a script without an Origin) gets nothing but a refusal.
    if (req.headers.origin !== origin() || req.headers.host !== `${WEB_HOST}:${port}`) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) {
      // Our own page with a stale or missing token: say why, so it shows a message instead of
      // retrying forever; no call is ever read from this socket.
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => ws.terminate());
        ws.send(JSON.stringify({ type: 'fatal', error: BAD_TOKEN } satisfies BridgeFatal));
        ws.close(WS_CLOSE_POLICY_VIOLATION, 'missing or wrong token');
      });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new BridgeConnection(ws, core, log);
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });

  const unsubscribe = opts.lab.onEvents((batch) => {
    for (const connection of connections) connection.pushEvents(batch);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, WEB_HOST, () => {
      http.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    unsubscribe();
    throw toLabError(err, `${WEB_HOST}:${opts.port ?? 0}`);
  });
  http.on('error', (err) => log(`browser mode: ${err.message}`));
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : 0;

  let closing: Promise<void> | null = null;
  return {
    port,
    origin: origin(),
    token,
    url: `${origin()}/?${TOKEN_PARAM}=${token}#/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of wss.clients) ws.close(1001, 'NetLab is stopping');
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
        // Sockets that ignore the close frame are cut after a moment, so close() always ends.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 500).unref();
      });
      return closing;
    },
  };
}

function setSecurityHeaders(res: ServerResponse, port: number): void {
  for (const [name, value] of Object.entries(
    rendererSecurityHeaders({ websocket: `ws://${WEB_HOST}:${port}` }),
  ))
    res.setHeader(name, value);
  // Older browsers ignore frame-ancestors; a plain http origin also needs CORP.
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
