// Small raw `net` / `dgram` servers that speak the classic protocol shape on purpose-built terms,
// so client tests can shape exactly what arrives: coalesced marker + payload, dropped or reordered
// datagrams, error lines, silence. They are not NetLab servers.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach } from 'vitest';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import type { LabEvent } from '../../src-shared/events.js';
import { fillStreamSegment } from '../../src-shared/protocol/stream-segment.js';

export const HOSTS = ['127.0.0.1', '::1'] as const;
const REQUEST_LIMIT_BYTES = 1024;

export interface RawServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Calls `onRequest` with the first line (or first 1024 bytes) a client sends. */
export function startRawTcpServer(
  host: string,
  onRequest: (socket: net.Socket, request: string) => void,
): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the client may cancel mid-transfer
    let buffered = '';
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0 && buffered.length < REQUEST_LIMIT_BYTES) return;
      answered = true;
      onRequest(socket, (newline < 0 ? buffered : buffered.slice(0, newline)).trim());
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        host,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export type UdpReply = (data: Buffer | string) => Promise<void>;

/** Calls `onRequest` for every datagram, with a function that answers its sender. */
export function startRawUdpServer(
  host: string,
  onRequest: (request: string, reply: UdpReply) => void,
): Promise<RawServer> {
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('error', () => undefined); // ICMP from a client that closed
  socket.on('message', (msg, rinfo) => {
    const reply: UdpReply = (data) =>
      new Promise((resolve) => socket.send(data, rinfo.port, rinfo.address, () => resolve()));
    onRequest(msg.toString('utf8').trim(), reply);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => {
      resolve({
        host,
        port: socket.address().port,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}

/** One stream segment as a NetLab server with sequence numbers on sends it. */
export function segment(sequence: number | null, size: number): Buffer {
  return Buffer.from(fillStreamSegment(new Uint8Array(size), sequence));
}

/** A port nobody listens on (bound, then released), for "connection refused". */
export function unusedPort(host: string, proto: 'tcp' | 'udp'): Promise<number> {
  if (proto === 'udp') {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    return new Promise((resolve) =>
      socket.bind(0, host, () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      }),
    );
  }
  const server = net.createServer();
  return new Promise((resolve) =>
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

export interface Closable {
  close(): Promise<void>;
}

/** Registers an afterEach that closes everything handed to the returned `track` during a test. */
export function closeAfterEach(): <T extends Closable>(thing: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });
  return (thing) => {
    open.push(thing);
    return thing;
  };
}

/** An EventRecorder that keeps every event and can wait for one. */
export class EventLog {
  readonly events: LabEvent[] = [];
  readonly sink: EventRecorder;
  private readonly waiters: { match: (e: LabEvent) => boolean; resolve: (e: LabEvent) => void }[] = [];

  constructor(private readonly keep = true) {
    this.sink = new EventRecorder((event) => this.onEvent(event));
  }

  kinds(exchange?: string): string[] {
    return this.events.filter((e) => !exchange || e.exchange === exchange).map((e) => e.kind);
  }

  of(kind: LabEvent['kind']): LabEvent[] {
    return this.events.filter((e) => e.kind === kind);
  }

  /** Resolves with the first event (from now on) that matches; rejects after `timeoutMs`. */
  waitFor(match: (e: LabEvent) => boolean, timeoutMs = 5000): Promise<LabEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching event within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  private onEvent(event: LabEvent): void {
    if (this.keep) this.events.push(event);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.match(event)) {
        this.waiters.splice(i, 1);
        waiter.resolve(event);
      }
    }
  }
}
