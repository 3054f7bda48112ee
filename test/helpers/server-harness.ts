// Server tests' toolkit: an event log to wait on, servers started on port 0, and raw net / dgram
// clients (never the engine's own clients), everything closed in afterEach via closeAll().
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { ServerConfigSchema } from '../../src-shared/api.js';
import type { EndpointInfo, ServerConfigInput } from '../../src-shared/api.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import type { ServerEndpoint } from '../../src-main/engine/endpoint.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import { TcpServer } from '../../src-main/engine/server/tcp-server.js';
import { UdpServer } from '../../src-main/engine/server/udp-server.js';

export const HOSTS = ['127.0.0.1', '::1'] as const;
export const PROTOS_UNDER_TEST: Proto[] = ['tcp', 'udp'];
const DEFAULT_WAIT_MS = 10_000;
/** The receive buffer NetLab's UDP client asks for (the kernel caps it at rmem_max, then doubles it). */
export const UDP_TEST_RECV_BUFFER_BYTES = 8 * 1024 * 1024;

type Waiter = { match: (e: LabEvent) => boolean; resolve: (e: LabEvent) => void };

/** Collects events in order and lets a test wait for one, with a bounded timeout. */
export class EventLog {
  readonly events: LabEvent[] = [];
  readonly sink = new EventRecorder((e) => this.push(e));
  private waiters: Waiter[] = [];

  private push(e: LabEvent): void {
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(e)) return true;
      w.resolve(e);
      return false;
    });
  }

  waitFor(match: (e: LabEvent) => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<LabEvent> {
    const found = this.events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const recent = this.events.slice(-8).map((e) => `${e.kind}:${e.detail}`);
        reject(new Error(`no ${what} within ${timeoutMs} ms; last events: ${recent.join(' | ')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The n-th (from 0) exchange summary to arrive. */
  async summary(n = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<ExchangeSummary> {
    let seen = 0;
    const e = await this.waitFor((ev) => ev.kind === 'summary' && seen++ === n, `summary #${n}`, timeoutMs);
    return e.summary!;
  }

  async summaryOf(exchange: string, timeoutMs = DEFAULT_WAIT_MS): Promise<ExchangeSummary> {
    const e = await this.waitFor(
      (ev) => ev.kind === 'summary' && ev.exchange === exchange,
      `summary of ${exchange}`,
      timeoutMs,
    );
    return e.summary!;
  }

  ofKind(kind: LabEvent['kind'], exchange?: string): LabEvent[] {
    return this.events.filter((e) => e.kind === kind && (exchange === undefined || e.exchange === exchange));
  }
}

export interface RunningServer {
  server: ServerEndpoint;
  info: EndpointInfo;
  port: number;
  host: string;
  log: EventLog;
}

/** Owns everything a test opens; closeAll() in afterEach releases it even when the test failed. */
export class ServerHarness {
  private readonly servers: ServerEndpoint[] = [];
  private readonly sockets: (Socket | UdpSocket)[] = [];

  makeServer(
    proto: Proto,
    host: string,
    overrides: Partial<ServerConfigInput> = {},
    log = new EventLog(),
  ): ServerEndpoint {
    const config = ServerConfigSchema.parse({ proto, host, port: 0, ...overrides });
    const id = `srv-${this.servers.length + 1}`;
    const server =
      proto === 'tcp'
        ? new TcpServer({ id, config, sink: log.sink })
        : new UdpServer({ id, config, sink: log.sink });
    this.servers.push(server);
    return server;
  }

  async start(
    proto: Proto,
    host = '127.0.0.1',
    overrides: Partial<ServerConfigInput> = {},
  ): Promise<RunningServer> {
    const log = new EventLog();
    const server = this.makeServer(proto, host, overrides, log);
    const info = await server.start();
    return { server, info, port: info.port!, host: host === '' ? '127.0.0.1' : host, log };
  }

  track<S extends Socket | UdpSocket>(socket: S): S {
    this.sockets.push(socket);
    return socket;
  }

  async closeAll(): Promise<void> {
    for (const s of this.sockets.splice(0)) {
      if ('destroy' in s) s.destroy();
      else
        try {
          s.close();
        } catch {
          // already closed
        }
    }
    await Promise.all(this.servers.splice(0).map((s) => s.close()));
  }

  /**
   * One TCP exchange with a raw socket: writes `parts` (a `gapMs` pause between them: the test's
   * write pattern, not synchronisation), half-closes unless told not to, and resolves with every
   * byte once the server closes the connection.
   */
  tcpRequest(
    host: string,
    port: number,
    parts: (string | Uint8Array)[],
    options: TcpRequestOptions = {},
  ): Promise<Buffer> {
    const { gapMs = 0, halfClose = true, timeoutMs = DEFAULT_WAIT_MS } = options;
    const socket = this.track(connect({ host, port }));
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new Error(`TCP reply not complete within ${timeoutMs} ms (${Buffer.concat(chunks).length} bytes)`),
        );
      }, timeoutMs);
      socket.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.on('data', (d) => chunks.push(d));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks));
      });
      socket.on('connect', () => {
        const writeFrom = (i: number): void => {
          if (socket.destroyed) return;
          if (i < parts.length) socket.write(parts[i]!);
          if (i + 1 < parts.length) setTimeout(() => writeFrom(i + 1), gapMs);
          else if (halfClose) socket.end();
        };
        writeFrom(0);
      });
    });
  }

  /** A UDP socket with a large receive buffer, bound on the family of `host`. */
  async udpSocket(host: string): Promise<UdpSocket> {
    const socket = this.track(createSocket(host.includes(':') ? 'udp6' : 'udp4'));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.bind(0, host, () => resolve()));
    socket.setRecvBufferSize(UDP_TEST_RECV_BUFFER_BYTES);
    return socket;
  }

  /**
   * Sends one datagram and collects the reply datagrams: until `payloadBytes` bytes that are not
   * `file_prepared` arrived (or one datagram when unset); `idleMs` without a datagram ends early (loss).
   */
  async udpRequest(
    host: string,
    port: number,
    request: string | Uint8Array,
    options: UdpRequestOptions = {},
  ): Promise<Buffer[]> {
    const socket = options.socket ?? (await this.udpSocket(host));
    const { payloadBytes, idleMs = 2000 } = options;
    const datagrams: Buffer[] = [];
    let payload = 0;
    return new Promise((resolve) => {
      let idle = setTimeout(finish, idleMs);
      function finish(): void {
        clearTimeout(idle);
        socket.off('message', onMessage);
        resolve(datagrams);
      }
      function onMessage(msg: Buffer): void {
        datagrams.push(msg);
        if (!(datagrams.length === 1 && msg.toString('latin1') === 'file_prepared')) payload += msg.length;
        if (payloadBytes === undefined || payload >= payloadBytes) return finish();
        clearTimeout(idle);
        idle = setTimeout(finish, idleMs);
      }
      socket.on('message', onMessage);
      socket.send(request, port, host);
    });
  }
}

export interface TcpRequestOptions {
  gapMs?: number;
  halfClose?: boolean;
  timeoutMs?: number;
}

export interface UdpRequestOptions {
  payloadBytes?: number;
  idleMs?: number;
  socket?: UdpSocket;
}

/** Splits a TCP reply into the `file_prepared` marker and the payload after it. */
export function splitPrepared(data: Buffer): { prepared: boolean; payload: Buffer } {
  const prepared = data.subarray(0, 13).toString('latin1') === 'file_prepared';
  return { prepared, payload: prepared ? data.subarray(13) : data };
}

export function isAllA(data: Uint8Array): boolean {
  return data.every((b) => b === 0x41);
}

/** Deterministic bytes (xorshift) for "random" requests, so a failure can be replayed. */
export function pseudoRandomBytes(length: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
