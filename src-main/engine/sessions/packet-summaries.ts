// The journal's size cap: past it, per-packet events (tx, rx, drop, dup, delay) are no longer
// written one by one but counted per exchange, and each exchange's counts become one `journal`
// event when the exchange ends. One event says when the cap was reached; summaries, errors and
// every other event are always written.
import type { LabEvent } from '../../../src-shared/events.js';
import { PER_PACKET_EVENT_KINDS } from '../../../src-shared/sessions.js';
import type { LabEventInput } from '../event-sink.js';

type PacketKind = (typeof PER_PACKET_EVENT_KINDS)[number];

interface ExchangePackets {
  first: LabEvent;
  counts: Partial<Record<PacketKind, number>>;
  bytes: number;
  firstT: number;
  lastT: number;
  firstTime: string;
  lastTime: string;
}

const MIB = 1024 * 1024;

export class PacketSummaries {
  private capReached = false;
  private noticeDue = false;
  private readonly open = new Map<string, ExchangePackets>();
  private readonly ready: LabEventInput[] = [];

  constructor(private readonly maxBytes: number) {}

  get active(): boolean {
    return this.capReached;
  }

  add(e: LabEvent): void {
    const key = `${e.endpoint}\u0000${e.exchange ?? ''}`;
    let agg = this.open.get(key);
    if (agg === undefined) {
      agg = { first: e, counts: {}, bytes: 0, firstT: e.t, lastT: e.t, firstTime: e.time, lastTime: e.time };
      this.open.set(key, agg);
    }
    const kind = e.kind as PacketKind;
    agg.counts[kind] = (agg.counts[kind] ?? 0) + 1;
    agg.bytes += e.bytes ?? 0;
    agg.lastT = e.t;
    agg.lastTime = e.time;
  }

  /** The exchange's summary is being written: its packet counts are reported right after it. */
  closeExchange(summary: LabEvent): void {
    const key = `${summary.endpoint}\u0000${summary.exchange ?? ''}`;
    const agg = this.open.get(key);
    if (agg === undefined) return;
    this.open.delete(key);
    this.ready.push(packetsEvent(agg));
  }

  /** The journal reached its cap: from the next packet event on, count instead of write. */
  reachCap(): void {
    if (this.capReached) return;
    this.capReached = true;
    this.noticeDue = true;
  }

  /** After a batch is written: the cap notice (once) and the packet summaries now complete. */
  takeNotices(last: LabEvent): LabEventInput[] {
    const out: LabEventInput[] = [];
    if (this.noticeDue) {
      this.noticeDue = false;
      out.push({
        endpoint: last.endpoint,
        role: last.role,
        proto: last.proto,
        kind: 'journal',
        detail:
          `Session journal reached its ${Math.round(this.maxBytes / MIB)} MiB cap: from here on packet events ` +
          `(${PER_PACKET_EVENT_KINDS.join(', ')}) are counted per exchange instead of recorded one by one; ` +
          'summaries and errors are always recorded.',
      });
    }
    out.push(...this.ready.splice(0));
    return out;
  }

  /** Exchanges that never ended: their counts, when the lab closes. */
  takeOpen(): LabEventInput[] {
    const out = [...this.ready.splice(0), ...[...this.open.values()].map(packetsEvent)];
    this.open.clear();
    return out;
  }
}

function packetsEvent(agg: ExchangePackets): LabEventInput {
  const counts = PER_PACKET_EVENT_KINDS.filter((k) => agg.counts[k])
    .map((k) => `${k} ${agg.counts[k]}`)
    .join(', ');
  const spanMs = (agg.lastT - agg.firstT).toFixed(3);
  return {
    endpoint: agg.first.endpoint,
    role: agg.first.role,
    proto: agg.first.proto,
    kind: 'journal',
    exchange: agg.first.exchange,
    command: agg.first.command,
    local: agg.first.local,
    remote: agg.first.remote,
    bytes: agg.bytes,
    detail:
      `packet events not recorded one by one (journal cap): ${counts}; ${agg.bytes} bytes; ` +
      `first ${agg.firstTime} (t ${agg.firstT.toFixed(3)} ms), last ${agg.lastTime} (t ${agg.lastT.toFixed(3)} ms), span ${spanMs} ms`,
  };
}
