import type { Proto } from './protocol/limits.js';

export type Role = 'server' | 'client' | 'link';
export type CommandKind = 'echo' | 'file' | 'stream';

export const EVENT_KINDS = [
  'listening',
  'closed',
  'accept',
  'connect',
  'request',
  'tx',
  'rx',
  'prepared',
  'end',
  'timeout',
  'error',
  'summary',
  /** Link: a datagram dropped (detail says why: random, burst, queue full, MTU). */
  'drop',
  /** Link: a datagram sent twice. */
  'dup',
  /** Link: a datagram / chunk held back (delay, jitter, reordering, stall). */
  'delay',
  /** The session journal: its size cap reached, or one exchange's packet events counted past it. */
  'journal',
  /** A new session began (New session): the first event of its journal; views clear what they show. */
  'session',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * How an exchange ended. `short`: the reply ended (FIN, or UDP silence) before its expected bytes
 * arrived; its error is CUT_SHORT. `reply-timeout`: a TCP server sent no byte for the reply
 * timeout; its error is TIMEOUT. Sentences for each: src-shared/endings.ts.
 */
export type EndReason =
  'fin' | 'idle-timeout' | 'prepare-timeout' | 'reply-timeout' | 'short' | 'error' | 'cancelled' | 'done';

/** Closes every exchange, on the client (what arrived) and on the server (what was sent). */
export interface ExchangeSummary {
  exchange: string;
  endpoint: string;
  role: Role;
  proto: Proto;
  command: CommandKind | 'bad' | null;
  /** The request as sent / received (stripped text). */
  request: string;
  /** Payload bytes the exchange should carry, when known (file N, stream count × size, echo reply length). */
  expected: number | null;
  /** Payload bytes sent (server) or received (client); never counts `file_prepared`. */
  bytes: number;
  /** expected − bytes when expected is known and the exchange ended, else 0. */
  lost: number;
  /**
   * From sending the request to the last payload byte (client); server: from the first write to
   * the last (UDP) or to the end of the reply, when the kernel took the last byte or the socket went (TCP).
   */
  durationMs: number;
  /** bytes / duration; 0 when the interval is too short to measure (endings.ts RATE_MIN_INTERVAL_MS). */
  throughputBps: number;
  /** TCP: socket reads / writes (not segments on the wire). UDP: 0. */
  reads: number;
  /** UDP datagrams carrying payload. TCP: 0. */
  datagrams: number;
  /** Stream segments expected and counted by sequence number (0 when not a stream). */
  segmentsExpected: number;
  segmentsReceived: number;
  missing: number;
  /** First missing sequence numbers, at most 100, for display. */
  missingSample: number[];
  /**
   * Missing sequence numbers as ranges in sending order (count-down: highest first), at most
   * MISSING_RANGES_MAX of them; `missingRangeCount` is how many ranges there are in all.
   */
  missingRanges?: { from: number; to: number }[];
  missingRangeCount?: number;
  outOfOrder: number;
  duplicated: number;
  /** ms from the request to `file_prepared` (file only). */
  prepareMs: number | null;
  end: EndReason;
  /** Echo / error reply text as received (clients), at most 1024 characters. */
  reply: string | null;
  error: { code: string; message: string } | null;
  /**
   * Client, stream: the server sent fewer segments than asked (its stream limit), read from the
   * count-down numbering. `expected` and `segmentsExpected` then count what it sends.
   */
  streamCap?: { sent: number; requested: number } | null;
  /** Server, TCP: `bytes` is what the kernel took; nothing confirms the peer read it. */
  queuedNotConfirmed?: boolean;
  /** Local and remote address of the exchange, for the Wireshark filter. */
  local: string;
  remote: string;
  /** Network conditions the exchange went through ("lossy-10: loss 10 %, seed 42"); absent = none. */
  conditions?: string | null;
  /** Link summaries only: what the link did in each direction. */
  link?: LinkExchangeStats;
  /**
   * Estimated on-wire bytes of the payload (`bytes`) with every header below it (wire-size.ts;
   * TCP as full-MSS segments: an estimate, the kernel decides the real segments), and
   * efficiency = bytes ÷ wireBytes. Absent on summaries written before they existed.
   */
  wireBytes?: number;
  efficiency?: number;
  /** UDP: IP fragments the payload datagrams travel as (datagrams over MTU − 28 bytes). */
  fragments?: number;
  /** The MTU the estimate assumed (default 1500; loopback's real MTU is 65,536). */
  mtuBytes?: number;
}

export type LinkDropCause = 'random' | 'burst' | 'queue' | 'mtu';

/** What a link did to one direction of one exchange (TCP: a connection; UDP: a client socket). */
export interface LinkDirectionStats {
  /** UDP datagrams / TCP chunks read from the sender, and their bytes. */
  packetsIn: number;
  bytesIn: number;
  /** Datagrams / writes delivered to the receiver, and their bytes (duplicates count). */
  packetsOut: number;
  bytesOut: number;
  dropped: Record<LinkDropCause, number>;
  /** Datagrams over the MTU passed on and counted as IP fragments (mtuAction 'fragment'). */
  fragmented: number;
  duplicated: number;
  reordered: number;
  /** TCP: chunks held back on purpose (a "lost" chunk's retransmission delay, the stall). */
  held?: number;
  /** Delay the link applied, ms (null when nothing passed). */
  delayP50Ms: number | null;
  delayP99Ms: number | null;
}

export interface LinkExchangeStats {
  seed: number;
  /** The conditions in words, as the summary and the CSV show them. */
  conditions: string;
  upstream: LinkDirectionStats;
  downstream: LinkDirectionStats;
}

export interface LabEvent {
  seq: number;
  /** ms since the lab started (high resolution). */
  t: number;
  /** Wall-clock time, ISO 8601. */
  time: string;
  endpoint: string;
  role: Role;
  proto: Proto;
  kind: EventKind;
  exchange: string | null;
  command: CommandKind | 'bad' | null;
  local: string;
  remote: string;
  bytes: number | null;
  segment: number | null;
  detail: string;
  /** tx / rx: estimated on-wire bytes of `bytes` (wire-size.ts WireTally); absent otherwise. */
  wire?: number;
  summary?: ExchangeSummary;
}

/** Fixed CSV header of a session export (one row per event). */
export const CSV_COLUMNS = [
  'seq',
  'time_iso',
  't_ms',
  /** ms since the exchange's request (empty: no exchange, or before its request). */
  't_exchange_ms',
  'role',
  'proto',
  'endpoint',
  'exchange',
  'kind',
  'command',
  'local',
  'remote',
  'bytes',
  'segment',
  'detail',
  // Appended last so consumers reading columns by position keep theirs.
  'wire_bytes',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** `tExchangeMs`: ms since the exchange's request, worked out by the exporter (null = empty cell). */
export function eventToCsvRow(e: LabEvent, tExchangeMs: number | null = null): (string | number)[] {
  return [
    e.seq,
    e.time,
    // A number, not a formatted string: numeric cells are never formula-escaped (csv-export.ts).
    Math.round(e.t * 1000) / 1000,
    tExchangeMs === null ? '' : Math.round(tExchangeMs * 1000) / 1000,
    e.role,
    e.proto,
    e.endpoint,
    e.exchange ?? '',
    e.kind,
    e.command ?? '',
    e.local,
    e.remote,
    e.bytes ?? '',
    e.segment ?? '',
    e.detail,
    e.wire ?? '',
  ];
}

/** `udp.port == 8120 && udp.port == 51234` — shows one exchange in Wireshark. */
export function wiresharkFilter(proto: Proto, local: string, remote: string): string {
  const portOf = (addr: string): string | null => {
    const m = /:(\d+)$/.exec(addr);
    return m ? m[1]! : null;
  };
  const ports = [portOf(remote), portOf(local)].filter((p): p is string => p !== null);
  if (ports.length === 0) return proto;
  return ports.map((p) => `${proto}.port == ${p}`).join(' && ');
}
