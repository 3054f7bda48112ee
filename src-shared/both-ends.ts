// Both ends of an exchange on one timeline: the server's sends and the client's receives, matched
// when both run in one lab (one clock for every thread, so a receive time minus a send time is the
// one-way delay, which a capture on one side cannot show). Fed every event batch; bounded: a few
// exchanges, a few thousand points per side (thinned by key when more arrive), a few thousand link
// marks. Pure: the renderer draws it, the engine tests check it.
import type { ExchangeSummary, LabEvent } from './events.js';
import type { Proto } from './protocol/limits.js';

/** Exchanges remembered per role (oldest forgotten first). */
export const BOTH_ENDS_MAX_EXCHANGES = 24;
/** Points kept per side of an exchange; past it every other key is dropped (and the stride doubles). */
export const BOTH_ENDS_MAX_POINTS = 4096;
/** Link marks (drop, dup, delay) kept per link exchange. */
export const BOTH_ENDS_MAX_MARKS = 2000;

interface Side {
  exchange: string;
  endpoint: string;
  proto: Proto;
  command: LabEvent['command'];
  local: string;
  remote: string;
  startT: number;
  lastT: number;
  /** Payload events seen (all of them, kept or not). */
  count: number;
  bytes: number;
  stride: number;
  /** Kept points: key (sequence number, else order), time, payload bytes so far. */
  keys: number[];
  ts: number[];
  cums: number[];
  segmented: boolean;
  summary: ExchangeSummary | null;
}

export type LinkMarkKind = 'drop' | 'dup' | 'delay';

export interface LinkMark {
  kind: LinkMarkKind;
  t: number;
  segment: number | null;
  bytes: number | null;
  detail: string;
}

interface LinkSide {
  exchange: string;
  endpoint: string;
  proto: Proto;
  /** The client's address (the link's events' remote). */
  client: string;
  /** The link's own address towards the server, once it said it ("… from A:P"). */
  upstream: string | null;
  startT: number;
  marks: LinkMark[];
  /** Marks not kept (past BOTH_ENDS_MAX_MARKS), by kind. */
  markOverflow: number;
}

export interface BothEndsPoint {
  /** Key: the stream's sequence number, or the datagram's / write's order (1-based). */
  key: number;
  sendT: number;
  recvT: number;
  delayMs: number;
}

export interface BothEndsView {
  client: string;
  server: string | null;
  link: string | null;
  /** How sends and receives were paired: by sequence number, by order (files, echo), or not. */
  matchedBy: 'sequence' | 'order' | null;
  startT: number;
  points: BothEndsPoint[];
  delay: { min: number; p50: number; max: number; count: number } | null;
  /** Cumulative payload bytes over time: what the server sent, what the client received. */
  sent: { t: number; bytes: number }[];
  received: { t: number; bytes: number }[];
  marks: LinkMark[];
  /** Server send times of segments that never arrived (known once the client's summary is in). */
  missing: { t: number; segment: number }[];
  /** UDP file through a link: byte spans the link dropped, offsets taken from the server's sends. */
  lostSpans: { from: number; to: number; t: number }[];
  sentBytes: number;
  receivedBytes: number;
  /** What is measured and what is inferred, in words. */
  notes: string[];
}

function newSide(e: LabEvent): Side {
  return {
    exchange: e.exchange!,
    endpoint: e.endpoint,
    proto: e.proto,
    command: e.command,
    local: e.local,
    remote: e.remote,
    startT: e.t,
    lastT: e.t,
    count: 0,
    bytes: 0,
    stride: 1,
    keys: [],
    ts: [],
    cums: [],
    segmented: false,
    summary: null,
  };
}

function addPoint(side: Side, e: LabEvent): void {
  side.count += 1;
  side.bytes += e.bytes!;
  if (e.segment !== null) side.segmented = true;
  const key = e.segment ?? side.count;
  if (key % side.stride !== 0) return;
  if (side.keys.length >= BOTH_ENDS_MAX_POINTS) {
    side.stride *= 2;
    let w = 0;
    for (let r = 0; r < side.keys.length; r++) {
      if (side.keys[r]! % side.stride !== 0) continue;
      side.keys[w] = side.keys[r]!;
      side.ts[w] = side.ts[r]!;
      side.cums[w] = side.cums[r]!;
      w++;
    }
    side.keys.length = side.ts.length = side.cums.length = w;
    if (key % side.stride !== 0) return;
  }
  side.keys.push(key);
  side.ts.push(e.t);
  side.cums.push(side.bytes);
}

/** A bounded map that forgets its oldest entries. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > BOTH_ENDS_MAX_EXCHANGES) map.delete(map.keys().next().value!);
}

/** "… from 127.0.0.1:50500" (TCP link), "… from port 50500" (UDP link's unbound socket). */
/** "… 1120-byte datagram #57: random" — the link's place of a dropped datagram in its flow. */
const DATAGRAM_PLACE = /datagram #(\d+)/;
const FROM_ADDRESS = /from (?:port )?(\S+)$/;

export class BothEnds {
  /** Bumped on every change, so a chart knows when to redraw. */
  version = 0;
  private readonly clients = new Map<string, Side>();
  private readonly servers = new Map<string, Side>();
  private readonly links = new Map<string, LinkSide>();

  feed(batch: readonly LabEvent[]): void {
    let changed = false;
    for (const e of batch) {
      if (e.exchange === null) continue;
      if (e.role === 'link') {
        changed = this.linkEvent(e) || changed;
        continue;
      }
      const map = e.role === 'client' ? this.clients : this.servers;
      let side = map.get(e.exchange);
      if (side === undefined) {
        side = newSide(e);
        remember(map, e.exchange, side);
      }
      if (e.local) side.local = e.local;
      if (e.remote) side.remote = e.remote;
      side.lastT = e.t;
      const payload = e.bytes !== null && (e.role === 'client' ? e.kind === 'rx' : e.kind === 'tx');
      if (payload) addPoint(side, e);
      if (e.kind === 'summary' && e.summary) side.summary = e.summary;
      changed = true;
    }
    if (changed) this.version += 1;
  }

  private linkEvent(e: LabEvent): boolean {
    let link = this.links.get(e.exchange!);
    if (link === undefined) {
      link = {
        exchange: e.exchange!,
        endpoint: e.endpoint,
        proto: e.proto,
        client: e.remote,
        upstream: null,
        startT: e.t,
        marks: [],
        markOverflow: 0,
      };
      remember(this.links, e.exchange!, link);
    }
    if (e.kind === 'connect') {
      const m = FROM_ADDRESS.exec(e.detail);
      if (m) link.upstream = m[1]!;
    } else if (e.kind === 'drop' || e.kind === 'dup' || e.kind === 'delay') {
      if (link.marks.length < BOTH_ENDS_MAX_MARKS)
        link.marks.push({ kind: e.kind, t: e.t, segment: e.segment, bytes: e.bytes, detail: e.detail });
      else link.markOverflow += 1;
    } else return false;
    return true;
  }

  /** Client exchange ids known, oldest first. */
  clientExchanges(): string[] {
    return [...this.clients.keys()];
  }

  /**
   * The server (and link) exchange of a client exchange: the server's remote is the client's
   * local address (direct), or the link's upstream address when the link's remote is the
   * client's local address. A client socket reused for several exchanges matches several: the
   * one that started first at or after the client's request is taken.
   */
  match(clientExchange: string): { server: Side | null; link: LinkSide | null; client: Side | null } {
    const client = this.clients.get(clientExchange) ?? null;
    if (client === null || client.local === '') return { server: null, link: null, client };
    let link: LinkSide | null = null;
    for (const l of this.links.values()) {
      if (l.proto === client.proto && l.client === client.local && l.startT <= client.lastT) {
        if (link === null || l.startT > link.startT) link = l;
      }
    }
    const serverAddress = link ? link.upstream : client.local;
    let server: Side | null = null;
    if (serverAddress !== null) {
      for (const s of this.servers.values()) {
        if (s.proto !== client.proto || !sameAddress(s.remote, serverAddress) || s.startT < client.startT) continue;
        if (server === null || s.startT < server.startT) server = s;
      }
    }
    return { server, link, client };
  }

  view(clientExchange: string): BothEndsView | null {
    const { client, server, link } = this.match(clientExchange);
    if (client === null) return null;
    const notes: string[] = [];
    const marks = link
      ? link.marks.filter((m) => m.t >= client.startT - 1 && (client.summary === null || m.t <= client.lastT))
      : [];
    if (link && link.markOverflow > 0)
      notes.push(`Only the link's first ${BOTH_ENDS_MAX_MARKS.toLocaleString('en-US')} drop / dup / delay marks are drawn.`);
    const view: BothEndsView = {
      client: client.exchange,
      server: server?.exchange ?? null,
      link: link?.exchange ?? null,
      matchedBy: null,
      startT: Math.min(client.startT, server?.startT ?? client.startT),
      points: [],
      delay: null,
      sent: server ? curve(server) : [],
      received: curve(client),
      marks,
      missing: [],
      lostSpans: [],
      sentBytes: server?.bytes ?? 0,
      receivedBytes: client.bytes,
      notes,
    };
    if (server === null) {
      notes.push('The server of this exchange is not in this lab (or not matched): only the client’s side is known.');
      return view;
    }
    const segmented = client.segmented && server.segmented;
    view.matchedBy = segmented ? 'sequence' : 'order';
    const sendAt = new Map<number, number>();
    const sendCum = new Map<number, number>();
    const sendIndex = new Map<number, number>();
    for (let i = 0; i < server.keys.length; i++) {
      sendAt.set(server.keys[i]!, server.ts[i]!);
      sendCum.set(server.keys[i]!, server.cums[i]!);
      sendIndex.set(server.keys[i]!, i);
    }
    // Only the server → client direction's drops shift the order of what arrives.
    const downDrops = marks.filter((m) => m.kind === 'drop' && !m.detail.startsWith('upstream'));
    // A drop that says its place in the flow ("datagram #57") names the server's datagram exactly:
    // a UDP file's first datagram is file_prepared (no tx), so its n-th chunk is the flow's n+1-th.
    const placeShift = client.command === 'file' ? 1 : 0;
    const dropKeys: number[] = [];
    for (const m of downDrops) {
      const place = DATAGRAM_PLACE.exec(m.detail);
      if (place) dropKeys.push(Number(place[1]) - placeShift);
    }
    const exact = !segmented && downDrops.length > 0 && dropKeys.length === downDrops.length;
    dropKeys.sort((a, b) => a - b);
    let dropIdx = 0;
    const received = new Set<number>();
    for (let i = 0; i < client.keys.length; i++) {
      let key = client.keys[i]!;
      const recvT = client.ts[i]!;
      if (!segmented && exact) {
        // The n-th arrival is the n-th datagram the link did not drop: n + the drops at or below it.
        while (dropIdx < dropKeys.length && dropKeys[dropIdx]! <= key + dropIdx) dropIdx++;
        key += dropIdx;
      } else if (!segmented && link) {
        // By order through a link: the n-th arrival is the (n + datagrams dropped before it)-th send.
        while (dropIdx < downDrops.length && downDrops[dropIdx]!.t <= recvT) dropIdx++;
        key += dropIdx;
      }
      received.add(key);
      const sendT = sendAt.get(key);
      if (sendT === undefined) continue;
      view.points.push({ key, sendT, recvT, delayMs: recvT - sendT });
    }
    if (segmented) {
      notes.push('Paired by stream sequence number: each point is one segment’s one-way delay, on the lab’s one clock.');
    } else {
      notes.push(
        link && downDrops.length > 0
          ? 'Paired by order, counting the datagrams the link dropped before each arrival (inferred from the link’s drop times).'
          : 'Paired by order (n-th sent with n-th received): right on loopback, where nothing overtakes; after a loss without a link the pairing is inferred.',
      );
    }
    if (client.stride > 1 || server.stride > 1)
      notes.push(`Huge exchange: every ${Math.max(client.stride, server.stride).toLocaleString('en-US')}th packet is drawn.`);
    if (view.points.length > 0) {
      const d = view.points.map((p) => p.delayMs).sort((a, b) => a - b);
      view.delay = { min: d[0]!, p50: d[Math.floor((d.length - 1) / 2)]!, max: d[d.length - 1]!, count: d.length };
    }
    if (client.summary !== null && segmented) {
      for (let i = 0; i < server.keys.length; i++)
        if (!received.has(server.keys[i]!)) view.missing.push({ t: server.ts[i]!, segment: server.keys[i]! });
    }
    if (!segmented && link && client.proto === 'udp' && exact) {
      for (const key of dropKeys) {
        const cum = sendCum.get(key);
        const i = sendIndex.get(key);
        if (cum === undefined || i === undefined) continue;
        const bytes = i > 0 ? cum - server.cums[i - 1]! : cum;
        view.lostSpans.push({ from: cum - bytes, to: cum - 1, t: server.ts[i]! });
      }
      notes.push('Lost byte spans: the link named each dropped datagram’s place in the flow; offsets from the server’s sends.');
    } else if (!segmented && link && client.proto === 'udp') {
      // Each drop is the server's latest datagram sent before it: its byte span in the reply.
      let s = 0;
      for (const m of downDrops) {
        while (s + 1 < server.ts.length && server.ts[s + 1]! <= m.t) s++;
        if (server.ts.length === 0 || server.ts[s]! > m.t) continue;
        const cum = sendCum.get(server.keys[s]!) ?? 0;
        const bytes = m.bytes ?? 0;
        view.lostSpans.push({ from: cum - bytes, to: cum - 1, t: m.t });
      }
      if (view.lostSpans.length > 0)
        notes.push('Lost byte spans: each link drop matched to the server datagram sent just before it (inferred by time).');
    } else if (!segmented && client.proto === 'udp' && server.bytes > client.bytes && client.summary !== null) {
      notes.push(
        `${(server.bytes - client.bytes).toLocaleString('en-US')} bytes sent never arrived: the curves part where it happened; ` +
          'which bytes cannot be told without a link (the payload carries no offsets).',
      );
    }
    return view;
  }
}

/** A socket said by its port ("60156") or unbound address ("0.0.0.0:60156") is known by its port. */
function sameAddress(seen: string, said: string): boolean {
  if (seen === said) return true;
  // "… from port 60156": the link's socket is known by its port alone.
  if (/^\d+$/.test(said)) return seen.endsWith(`:${said}`);
  const wild = /^(?:0\.0\.0\.0|\[::\]):(\d+)$/.exec(said);
  return wild !== null && seen.endsWith(`:${wild[1]}`);
}

function curve(side: Side): { t: number; bytes: number }[] {
  const out: { t: number; bytes: number }[] = [];
  for (let i = 0; i < side.ts.length; i++) out.push({ t: side.ts[i]!, bytes: side.cums[i]! });
  return out;
}
