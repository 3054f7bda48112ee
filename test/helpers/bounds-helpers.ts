// Helpers for the server-bound tests: counted waits on the event log, idle TCP sockets from chosen
// 127.0.0.x addresses (Linux routes all of 127/8 to lo), and a UDP reply collector.
import { execFileSync } from 'node:child_process';
import type { Socket as UdpSocket } from 'node:dgram';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { LabEvent } from '../../src-shared/events.js';
import type { EventLog, ServerHarness } from './server-harness.js';

export const LOOPBACK_ALIASES_WORK = process.platform === 'linux';

/** The soft limit on open files (`ulimit -n`); a test needing more skips instead of failing on EMFILE. */
export function fdLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || 0;
  } catch {
    return 0;
  }
}

/** 127.0.0.(2 + i % n): n distinct source addresses. */
export function loopbackAlias(i: number, n: number): string {
  return `127.0.0.${2 + (i % n)}`;
}

/** Resolves once `n` events match (those already logged count). */
export function waitForCount(log: EventLog, match: (e: LabEvent) => boolean, n: number, what: string, timeoutMs = 30_000): Promise<LabEvent> {
  let seen = 0;
  return log.waitFor((e) => match(e) && ++seen >= n, `${n} × ${what}`, timeoutMs);
}

export interface IdleSocket {
  socket: Socket;
  /** Resolves when connected, or with the error that prevented it. */
  connected: Promise<Error | null>;
  /** Resolves with every byte received once the server closes the connection. */
  closed: Promise<string>;
}

/** Connects and sends nothing: an idle connection, as an attacker holding slots would. */
export function idleConnection(harness: ServerHarness, port: number, localAddress?: string): IdleSocket {
  const socket = harness.track(connect({ host: '127.0.0.1', port, localAddress }));
  const connected = new Promise<Error | null>((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('error', (err) => resolve(err));
  });
  socket.on('error', () => undefined);
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks).toString())));
  return { socket, connected, closed };
}

/** Resolves when `count` of the promises settled, or rejects after `timeoutMs`. */
export function whenSettled<T>(promises: Promise<T>[], count: number, timeoutMs: number, what: string): Promise<void> {
  let settled = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${settled} of ${count} ${what} within ${timeoutMs} ms`)), timeoutMs);
    const one = (): void => {
      if (++settled !== count) return;
      clearTimeout(timer);
      resolve();
    };
    for (const p of promises) void p.then(one, one);
  });
}

export interface UdpReply {
  datagrams: Buffer[];
  /** Payload bytes after file_prepared. */
  payload: number;
}

/**
 * Sends one request and collects datagrams until `payloadBytes` of file payload arrived, or until a
 * first datagram that is not `file_prepared` (a refusal or error line), or the timeout.
 */
export function udpFileOrRefusal(socket: UdpSocket, port: number, request: string, payloadBytes: number, timeoutMs = 10_000): Promise<UdpReply> {
  const reply: UdpReply = { datagrams: [], payload: 0 };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      reject(new Error(`UDP reply incomplete after ${timeoutMs} ms: ${reply.payload} of ${payloadBytes} bytes`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(reply);
    };
    function onMessage(msg: Buffer): void {
      reply.datagrams.push(msg);
      if (reply.datagrams.length === 1) return msg.toString('latin1') === 'file_prepared' ? undefined : done();
      reply.payload += msg.length;
      if (reply.payload >= payloadBytes) done();
    }
    socket.on('message', onMessage);
    socket.send(request, port, '127.0.0.1');
  });
}
