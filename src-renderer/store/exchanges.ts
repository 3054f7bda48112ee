// What a view shows per exchange (one request and its reply), folded from events.
import type { CommandKind, ExchangeSummary, LabEvent, Role } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

/** Exchanges a view remembers (newest kept); their events stay in the log ring. */
export const MAX_EXCHANGES = 500;

export interface ExchangeView {
  id: string;
  endpoint: string;
  role: Role;
  proto: Proto;
  command: CommandKind | 'bad' | null;
  /** Request text as the server logged it (server) or as sent (client, from the summary). */
  request: string;
  local: string;
  remote: string;
  startT: number;
  /** When the request event came (null before it, or when the view never saw it). */
  requestT: number | null;
  lastT: number;
  /** Payload bytes so far: received by a client, sent by a server. */
  bytes: number;
  /** Payload reads / datagrams (client) or writes / datagrams (server) so far. */
  packets: number;
  firstPayloadT: number | null;
  lastPayloadT: number | null;
  prepared: boolean;
  summary: ExchangeSummary | null;
}

export interface ExchangesState {
  exchanges: Record<string, ExchangeView>;
  /** Oldest first. */
  exchangeIds: string[];
}

/** Payload direction: a client counts what arrives, a server what it sends. */
export function isPayload(e: LabEvent): boolean {
  return e.bytes !== null && (e.role === 'client' ? e.kind === 'rx' : e.kind === 'tx');
}

/**
 * Applies one batch. Pure: returns the same state object when nothing changed, and copies only
 * the exchanges the batch touched, so one large batch costs one copy of one exchange.
 */
export function reduceExchanges(prev: ExchangesState, events: readonly LabEvent[]): ExchangesState {
  let exchanges: Record<string, ExchangeView> | null = null;
  let ids: string[] | null = null;
  const copied = new Set<string>();
  for (const e of events) {
    if (e.exchange === null) continue;
    const map: Record<string, ExchangeView> = (exchanges ??= { ...prev.exchanges });
    let x = map[e.exchange];
    if (!x) {
      x = {
        id: e.exchange,
        endpoint: e.endpoint,
        role: e.role,
        proto: e.proto,
        command: e.command,
        request: '',
        local: e.local,
        remote: e.remote,
        startT: e.t,
        requestT: null,
        lastT: e.t,
        bytes: 0,
        packets: 0,
        firstPayloadT: null,
        lastPayloadT: null,
        prepared: false,
        summary: null,
      };
      map[e.exchange] = x;
      copied.add(e.exchange);
      (ids ??= prev.exchangeIds.slice()).push(e.exchange);
    } else if (!copied.has(e.exchange)) {
      x = { ...x };
      map[e.exchange] = x;
      copied.add(e.exchange);
    }
    x.lastT = e.t;
    if (e.command !== null) x.command = e.command;
    if (e.remote) x.remote = e.remote;
    if (e.local) x.local = e.local;
    if (isPayload(e)) {
      x.bytes += e.bytes!;
      x.packets += 1;
      x.firstPayloadT ??= e.t;
      x.lastPayloadT = e.t;
    }
    if (e.kind === 'request') {
      x.request = e.detail;
      x.requestT ??= e.t;
    }
    if (e.kind === 'prepared') x.prepared = true;
    if (e.kind === 'summary' && e.summary) {
      x.summary = e.summary;
      x.bytes = e.summary.bytes;
      if (!x.request) x.request = e.summary.request;
    }
  }
  if (!exchanges) return prev;
  if (ids && ids.length > MAX_EXCHANGES) {
    for (const old of ids.splice(0, ids.length - MAX_EXCHANGES)) delete exchanges[old];
  }
  return { exchanges, exchangeIds: ids ?? prev.exchangeIds };
}
