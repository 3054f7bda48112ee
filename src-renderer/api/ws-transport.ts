// Browser face: LabApi over the bridge WebSocket (src-shared/bridge.ts), with a polite reconnect.
import type { EventBatchListener, LabApi, LabCommandName, LabResult } from '../../src-shared/api.js';
import { LAB_COMMAND_NAMES } from '../../src-shared/api.js';
import type { BridgeCall, BridgeServerMessage } from '../../src-shared/bridge.js';
import { EXPORT_CSV_PATH, EXPORT_NAME_PARAM, TOKEN_PARAM, WS_PATH, defaultCsvName } from '../../src-shared/bridge.js';
import { REPORT_CSV_PATH, defaultReportName, reportScopeQuery } from '../../src-shared/lab-report.js';
import type { ConnectionState, ExportOutcome, Transport } from './transport.js';

/** Back-off between reconnect attempts: doubles from the first to the last value. */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_MAX_MS = 10_000;
/** A call made while disconnected waits this long for the connection before it fails. */
export const CALL_CONNECT_WAIT_MS = 10_000;

/** The slice of WebSocket the client uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface BrowserEnv {
  location: { protocol: string; host: string; search: string };
  openSocket(url: string): SocketLike;
  /** Starts a file download of `url` saved as `fileName`. */
  download(url: string, fileName: string): void;
}

const OPEN = 1;

function lost(message: string): LabResult<never> {
  return { ok: false, error: { code: 'IO_ERROR', message } };
}

export function readToken(search: string): string | null {
  const token = new URLSearchParams(search).get(TOKEN_PARAM);
  return token && token.length > 0 ? token : null;
}

interface QueuedCall {
  id: number;
  text: string;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport(env: BrowserEnv): Transport {
  const token = readToken(env.location.search);
  const scheme = env.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = token ? `${scheme}://${env.location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}` : '';

  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const replies = new Map<number, (result: LabResult<unknown>) => void>();
  const queue: QueuedCall[] = [];
  const eventListeners = new Set<EventBatchListener>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = token
    ? { status: 'connecting', message: null, retryAt: null }
    : {
        status: 'failed',
        message: 'This page needs its access token: open the full address that `netlab web` printed (…?token=…).',
        retryAt: null,
      };

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const l of stateListeners) l(state);
  };

  const failPending = (message: string): void => {
    for (const resolve of replies.values()) resolve(lost(message));
    replies.clear();
  };

  const onMessage = (data: unknown): void => {
    let msg: BridgeServerMessage;
    try {
      msg = JSON.parse(String(data)) as BridgeServerMessage;
    } catch {
      return; // not ours to interpret; the bridge only sends JSON
    }
    if (msg.type === 'reply') {
      const resolve = replies.get(msg.id);
      replies.delete(msg.id);
      resolve?.(msg.result);
    } else if (msg.type === 'events' && Array.isArray(msg.batch)) {
      for (const l of eventListeners) l(msg.batch);
    } else if (msg.type === 'fatal') {
      // The server refused us (bad token, wrong origin): retrying would only repeat it.
      setState({ status: 'failed', message: msg.error.message, retryAt: null });
      socket?.close();
    }
  };

  const flushQueue = (): void => {
    while (queue.length > 0 && socket?.readyState === OPEN) {
      const call = queue.shift()!;
      clearTimeout(call.timer);
      socket.send(call.text);
    }
  };

  const scheduleReconnect = (): void => {
    const delayMs = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** attempt);
    attempt += 1;
    setState({
      status: 'disconnected',
      message: 'Lost the connection to the lab engine.',
      retryAt: Date.now() + delayMs,
    });
    retryTimer = setTimeout(connect, delayMs);
  };

  function connect(): void {
    if (!token) return;
    retryTimer = null;
    if (state.status !== 'disconnected') setState({ status: 'connecting', message: null, retryAt: null });
    const ws = env.openSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState({ status: 'connected', message: null, retryAt: null });
      flushQueue();
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onerror = () => {}; // onclose follows and carries the decision
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending('The connection to the lab closed before it answered.');
      if (state.status !== 'failed') scheduleReconnect();
    };
  }

  const call = (method: LabCommandName, args: unknown): Promise<LabResult<unknown>> =>
    new Promise((resolve) => {
      if (state.status === 'failed') {
        resolve(lost(state.message ?? 'Not connected to the lab engine.'));
        return;
      }
      const id = nextId++;
      const text = JSON.stringify({ type: 'call', id, method, args } satisfies BridgeCall);
      replies.set(id, resolve);
      if (socket?.readyState === OPEN) {
        socket.send(text);
        return;
      }
      const timer = setTimeout(() => {
        const at = queue.findIndex((q) => q.id === id);
        if (at >= 0) queue.splice(at, 1);
        replies.delete(id);
        resolve(lost('Not connected to the lab engine: the call was not sent.'));
      }, CALL_CONNECT_WAIT_MS);
      queue.push({ id, text, timer });
    });

  const api = Object.fromEntries(
    LAB_COMMAND_NAMES.map((name) => [name, (args: unknown) => call(name, args)]),
  ) as unknown as LabApi;
  api.onEvents = (listener) => {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  };

  connect();

  return {
    kind: 'browser',
    api,
    connection: () => state,
    onConnection(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    reconnectNow() {
      if (!token || socket) return;
      if (retryTimer) clearTimeout(retryTimer);
      attempt = 0;
      setState({ status: 'connecting', message: null, retryAt: null });
      connect();
    },
    async exportCsv(): Promise<ExportOutcome> {
      if (!token) return lost(state.message ?? 'No access token.');
      const name = defaultCsvName(new Date());
      // The server names the file as announced here, so the note and the file agree across a second.
      env.download(
        `${EXPORT_CSV_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}&${EXPORT_NAME_PARAM}=${encodeURIComponent(name)}`,
        name,
      );
      return { ok: true, value: { message: `Download started: ${name}, in your browser’s downloads` } };
    },
    async exportReport(scope): Promise<ExportOutcome> {
      if (!token) return lost(state.message ?? 'No access token.');
      const name = defaultReportName(new Date());
      const query = `${TOKEN_PARAM}=${encodeURIComponent(token)}&${reportScopeQuery(scope)}&${EXPORT_NAME_PARAM}=${encodeURIComponent(name)}`;
      env.download(`${REPORT_CSV_PATH}?${query}`, name);
      return { ok: true, value: { message: `Download started: ${name}` } };
    },
  };
}
