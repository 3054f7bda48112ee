// The network-conditions link's settings: one schema, checked by every face (CLI flags, the
// UI panel, the bridge) and by the link itself. Every field is "off" at its default, so an empty
// object is a perfect link. Units are in the names (Pct 0–100, Ms, Bytes, BytesPerSec).
import { z } from 'zod';
import { UDP_MAX_PAYLOAD_BYTES } from '../protocol/limits.js';
import { LINK_UDP_FLOW_IDLE_MS } from './limits.js';

export const LINK_MAX_DELAY_MS = 60_000;
export const LINK_MAX_QUEUE_BYTES = 256 * 1024 * 1024;
/** Classic Ethernet MTU; the default for the MTU condition when one is asked for without a value. */
export const LINK_DEFAULT_MTU_BYTES = 1500;
/** A router queue of about 64 KiB: a few dozen full datagrams, as a small home router holds. */
export const LINK_DEFAULT_QUEUE_BYTES = 64 * 1024;
/** Extra delay a reordered datagram is held back by when the user gives none. */
export const LINK_DEFAULT_REORDER_DELAY_MS = 10;

const Pct = z.number().min(0, 'a percentage is at least 0 %').max(100, 'a percentage is at most 100 %');
const Ms = z.number().min(0, 'a time cannot be negative').max(LINK_MAX_DELAY_MS);
const Bytes = z.number().int().min(0, 'a size cannot be negative');

/** Two-state Gilbert–Elliott loss: per-datagram chance to enter / leave the lossy (bad) state. */
export const BurstLossSchema = z.object({
  /** P(good → bad), % per datagram. */
  goodToBadPct: Pct,
  /** P(bad → good), % per datagram; the mean burst length is 100 / badToGoodPct datagrams. */
  badToGoodPct: Pct.refine((p) => p > 0, 'P(bad → good) must be above 0 %, or a burst never ends'),
  /** Loss while bad (classic Gilbert model: 100 %). */
  badLossPct: Pct.default(100),
});

/** Conditions for one direction of a link. UDP-only and TCP-only fields say so. */
export const DirectionConditionsSchema = z.object({
  /** UDP: random loss, % of datagrams (the good-state loss when `burst` is set). */
  lossPct: Pct.default(0),
  /** UDP: bursty loss by the Gilbert–Elliott model; null = off. */
  burst: BurstLossSchema.nullable().default(null),
  /** UDP: % of datagrams sent twice. */
  dupPct: Pct.default(0),
  /** UDP: % of datagrams held back by `reorderDelayMs` on top of the delay, so later ones overtake. */
  reorderPct: Pct.default(0),
  reorderDelayMs: Ms.default(LINK_DEFAULT_REORDER_DELAY_MS),
  /** Both: one-way delay added to every datagram / chunk. */
  delayMs: Ms.default(0),
  /** Both: ± uniform jitter around delayMs (never below 0); order is kept unless reordering is on. */
  jitterMs: Ms.default(0),
  /** Both: bandwidth limit in bytes/s; 0 = unlimited. */
  rateBytesPerSec: z.number().int().min(0).max(100_000_000_000).default(0),
  /**
   * Both: the queue in front of the rate limit. UDP tail-drops a datagram that does not fit
   * (congestion loss); TCP stops reading from the sender while the queue is over it (backpressure).
   */
  queueBytes: Bytes.min(1, 'a queue holds at least one byte').max(LINK_MAX_QUEUE_BYTES).default(LINK_DEFAULT_QUEUE_BYTES),
  /** UDP: datagrams whose IP packet (payload + 28) exceeds this are dropped or counted as fragmented; 0 = off. */
  mtuBytes: Bytes.max(UDP_MAX_PAYLOAD_BYTES + 28).default(0),
  mtuAction: z.enum(['drop', 'fragment']).default('drop'),
  /**
   * TCP: a user-space relay cannot make the kernel lose a segment, so lossPct on TCP holds a chunk
   * back by this long instead, as a retransmission after the minimum RTO would (Linux: 200 ms).
   */
  tcpRetransmitMs: Ms.default(200),
  /** TCP: re-cut the byte stream into writes of sliceBytes ± sliceVarBytes; 0 = off. */
  sliceBytes: Bytes.max(64 * 1024 * 1024).default(0),
  sliceVarBytes: Bytes.default(0),
  /** TCP: once `stallAfterBytes` have passed, hold the stream for stallMs (once); 0 = off. */
  stallMs: Ms.default(0),
  stallAfterBytes: Bytes.default(0),
  /** TCP: reset both connections after this many bytes in this direction; 0 = off. */
  resetAfterBytes: Bytes.default(0),
});
export type DirectionConditionsInput = z.input<typeof DirectionConditionsSchema>;
export type DirectionConditions = z.output<typeof DirectionConditionsSchema>;

/** What a link applies: per direction, and the seed that makes every random choice reproducible. */
export const LinkConditionsSchema = z.object({
  /** Seed of the link's PRNG: the same seed and the same traffic drop the same datagrams. */
  seed: z.number().int().min(0).max(0xffff_ffff).default(1),
  /** Client → server. */
  upstream: DirectionConditionsSchema.prefault({}),
  /** Server → client. */
  downstream: DirectionConditionsSchema.prefault({}),
  /** Preset name when the conditions came from one (display only). */
  preset: z.string().max(64).nullable().default(null),
});
export type LinkConditionsInput = z.input<typeof LinkConditionsSchema>;
export type LinkConditions = z.output<typeof LinkConditionsSchema>;

const HostSchema = z.string().max(255);
const PortSchema = z.number().int().min(0).max(65535);

/** `startLink`: a relay listening on listenHost:listenPort that forwards to targetHost:targetPort. */
export const LinkConfigSchema = z
  .object({
    proto: z.enum(['tcp', 'udp']),
    /** '' = all interfaces; the lab's own links listen on 127.0.0.1. */
    listenHost: HostSchema,
    /** 0 = an ephemeral port; the bound one is reported. */
    listenPort: PortSchema,
    targetHost: HostSchema.min(1, 'a link needs a host to forward to'),
    targetPort: PortSchema.min(1, 'a link needs a target port from 1 to 65535'),
    conditions: LinkConditionsSchema.prefault({}),
    /** UDP: a flow (one client source address) ends after this much silence both ways. */
    udpFlowIdleMs: z.number().int().min(1).max(3_600_000).default(LINK_UDP_FLOW_IDLE_MS),
  })
  .refine((c) => !(c.listenPort !== 0 && c.listenPort === c.targetPort && sameHost(c.listenHost, c.targetHost)), {
    message: 'the link cannot listen on the address it forwards to',
    path: ['listenPort'],
  });
export type LinkConfigInput = z.input<typeof LinkConfigSchema>;
export type LinkConfig = z.output<typeof LinkConfigSchema>;

function sameHost(a: string, b: string): boolean {
  const norm = (h: string): string => h.replace(/^\[|\]$/g, '').toLowerCase();
  const loop = (h: string): boolean => h === 'localhost' || h === '127.0.0.1' || h === '::1';
  return norm(a) === norm(b) || (loop(norm(a)) && loop(norm(b))) || norm(a) === '' || norm(a) === '0.0.0.0' || norm(a) === '::';
}
