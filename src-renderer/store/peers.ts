// What the server view lists per peer and per exchange, derived from the exchanges it saw.
import { parseHostPort } from '../../src-shared/hosts.js';
import type { ExchangeView } from './exchanges.js';

/**
 * One client machine. Peers are grouped by host, not by host:port: NetLab's clients open a new
 * TCP connection, or a fresh UDP socket, for every exchange, so each exchange comes from a new
 * source port, and a list keyed by port would show one "peer" per request.
 */
export interface Peer {
  host: string;
  /** Distinct source ports this host used. */
  ports: number;
  exchanges: number;
  running: number;
  bytes: number;
  lastT: number;
}

/** `127.0.0.1:51234` → `127.0.0.1`, `[::1]:51234` → `::1`; anything else is kept whole. */
export function hostOf(address: string): string {
  const parsed = parseHostPort(address);
  return parsed.ok ? parsed.host : address;
}

/** Newest activity first. */
export function peersOf(exchanges: readonly ExchangeView[]): Peer[] {
  const byHost = new Map<string, { peer: Peer; remotes: Set<string> }>();
  for (const x of exchanges) {
    const host = hostOf(x.remote);
    let entry = byHost.get(host);
    if (!entry) {
      entry = { peer: { host, ports: 0, exchanges: 0, running: 0, bytes: 0, lastT: 0 }, remotes: new Set() };
      byHost.set(host, entry);
    }
    const p = entry.peer;
    entry.remotes.add(x.remote);
    p.ports = entry.remotes.size;
    p.exchanges += 1;
    p.running += x.summary ? 0 : 1;
    p.bytes += x.bytes;
    p.lastT = Math.max(p.lastT, x.lastT);
  }
  return [...byHost.values()].map((e) => e.peer).sort((a, b) => b.lastT - a.lastT);
}

/**
 * How long the server took to answer: from the request to its last payload byte sent (to now,
 * while it runs). The same span the client's summary calls its duration, seen from the server.
 * The server summary's own `durationMs` counts first to last write only, which is 0 for a reply
 * sent in one write (an echo), so it alone would read "0 ms" for every echo.
 */
export function answerMs(x: ExchangeView): number {
  const from = x.requestT ?? x.startT;
  const to = x.summary ? (x.lastPayloadT ?? x.lastT) : x.lastT;
  return Math.max(0, to - from);
}
