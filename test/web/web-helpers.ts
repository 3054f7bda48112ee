// Real browser mode for tests: a real Lab, a tiny renderer folder, raw HTTP and a ws client.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { LabResult } from '../../src-shared/api.js';
import type { BridgeServerMessage } from '../../src-shared/bridge.js';
import type { LabEvent } from '../../src-shared/events.js';
import { Lab } from '../../src-main/engine/lab.js';
import { startWebServer } from '../../src-main/web/web-server.js';
import type { WebServer } from '../../src-main/web/web-server.js';

export const WAIT_MS = 5000;
export const SECRET_TEXT = 'top secret, outside the renderer folder';

export interface TestBrowserMode {
  lab: Lab;
  server: WebServer;
  dir: string;
  close(): Promise<void>;
}

/** dir/renderer holds the "built renderer"; dir/secret.txt must never be served. */
export async function startTestBrowserMode(): Promise<TestBrowserMode> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netlab-web-test-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>NetLab</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1);');
  writeFileSync(path.join(rendererDir, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET_TEXT);
  symlinkSync(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  const lab = await Lab.create({ journalPath: path.join(dir, 'journal.ndjson') });
  const server = await startWebServer({ lab, rendererDir, port: 0, log: () => {} });
  return {
    lab,
    server,
    dir,
    async close() {
      await server.close();
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends `rawPath` exactly as written (no URL normalisation), as an attacker could. */
export function rawGet(
  port: number,
  rawPath: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: rawPath, method: opts.method ?? 'GET', headers: opts.headers, timeout: WAIT_MS },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (body += s));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${rawPath} in ${WAIT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** A bridge client that records every message and waits for the one a test expects. */
export class TestClient {
  readonly messages: BridgeServerMessage[] = [];
  private nextId = 1;
  private waiters = new Set<() => void>();
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as BridgeServerMessage);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static connect(server: WebServer, opts: { token?: string | null; origin?: string | null } = {}): Promise<TestClient> {
    const token = opts.token === undefined ? server.token : opts.token;
    const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    const origin = opts.origin === undefined ? server.origin : opts.origin;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, origin === null ? {} : { origin });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first recorded message that matches, waiting at most WAIT_MS. */
  waitFor<T extends BridgeServerMessage>(match: (m: BridgeServerMessage) => m is T, what: string): Promise<T>;
  waitFor(match: (m: BridgeServerMessage) => boolean, what: string): Promise<BridgeServerMessage>;
  waitFor(match: (m: BridgeServerMessage) => boolean, what: string): Promise<BridgeServerMessage> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.messages.find(match);
        if (found) finish(() => resolve(found));
        else if (this.closeCode !== null) finish(() => reject(new Error(`closed (${this.closeCode}) before ${what}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${WAIT_MS} ms`))), WAIT_MS);
      const finish = (then: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        then();
      };
      this.waiters.add(check);
      check();
    });
  }

  waitForClose(): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.closeCode !== null) return resolve(this.closeCode);
      const timer = setTimeout(() => reject(new Error(`not closed within ${WAIT_MS} ms`)), WAIT_MS);
      this.ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  sendRaw(text: string | Buffer): void {
    this.ws.send(text);
  }

  /** One LabApi call; resolves with its reply's result. */
  async call(method: string, args: unknown): Promise<LabResult<unknown>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ type: 'call', id, method, args }));
    const reply = await this.waitFor((m) => m.type === 'reply' && m.id === id, `reply to ${method} #${id}`);
    return (reply as Extract<BridgeServerMessage, { type: 'reply' }>).result;
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close();
    return this.waitForClose();
  }
}

/** The first event from the lab that matches, waiting at most WAIT_MS. */
export function nextLabEvent(lab: Lab, match: (e: LabEvent) => boolean): Promise<LabEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching lab event within ${WAIT_MS} ms`));
    }, WAIT_MS);
    const unsubscribe = lab.onEvents((batch) => {
      const found = batch.find(match);
      if (!found) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(found);
    });
  });
}
