// Which UDP requests get a transfer, and what each transfer may send: at most N transfers per
// source address and in all, and per-source and total send-rate budgets (docs/protocol.md §8).
//
// Why per source address: a UDP request's source is not verified, so a small datagram can name a
// victim. The per-source budget bounds what one claimed address receives however many requests
// name it; the total budget and transfer cap bound a flood that claims many addresses.
import type { ServerConfig } from '../../../src-shared/api.js';
import { udpBusyReply } from '../../../src-shared/protocol/server-replies.js';
import { SendBudget } from './send-budget.js';

/** Idle per-source records are forgotten once this many are kept (a flood of spoofed sources). */
const SOURCES_SWEEP_AT = 1024;

const mbps = (bytesPerSec: number): string => `${bytesPerSec / 1e6} MB/s`;

interface Source {
  transfers: number;
  budget: SendBudget;
}

export type Admission = { ok: true; budgets: readonly SendBudget[]; end: () => void } | { ok: false; line: string };

export class UdpAdmission {
  private readonly sources = new Map<string, Source>();
  private readonly total: SendBudget;
  private active = 0;
  private sweepAt = SOURCES_SWEEP_AT;

  constructor(private readonly config: ServerConfig) {
    this.total = new SendBudget(config.udpTotalRateBytesPerSec, `the server's total budget (${mbps(config.udpTotalRateBytesPerSec)})`);
  }

  /** Starts a file / stream transfer to `host`, or returns the refusal line. */
  begin(host: string): Admission {
    const { udpMaxTransfers, udpMaxTransfersPerSource } = this.config;
    const source = this.source(host);
    if (source.transfers >= udpMaxTransfersPerSource) {
      return { ok: false, line: udpBusyReply(udpMaxTransfersPerSource, true) };
    }
    if (this.active >= udpMaxTransfers) return { ok: false, line: udpBusyReply(udpMaxTransfers, false) };
    source.transfers += 1;
    this.active += 1;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      source.transfers -= 1;
      this.active -= 1;
    };
    return { ok: true, budgets: [source.budget, this.total], end };
  }

  /**
   * A one-datagram text reply (echo, error line, refusal): one no longer than its request always
   * goes (nothing gained by spoofing it); a longer one only while both budgets have room.
   * Either way it is paid for.
   */
  mayReply(host: string, replyBytes: number, requestBytes: number): boolean {
    const source = this.source(host);
    if (replyBytes <= requestBytes) {
      source.budget.charge(replyBytes);
      this.total.charge(replyBytes);
      return true;
    }
    if (source.budget.delayMs() > 0 || this.total.delayMs() > 0) return false;
    source.budget.charge(replyBytes);
    this.total.charge(replyBytes);
    return true;
  }

  private source(host: string): Source {
    let source = this.sources.get(host);
    if (source) return source;
    if (this.sources.size >= this.sweepAt) this.sweep();
    const rate = this.config.udpSourceRateBytesPerSec;
    source = { transfers: 0, budget: new SendBudget(rate, `the per-source budget (${mbps(rate)} to ${host})`) };
    this.sources.set(host, source);
    return source;
  }

  /** Forgets sources with no transfer and a refilled budget: forgetting them gives nobody more. */
  private sweep(): void {
    for (const [host, s] of this.sources) if (s.transfers === 0 && s.budget.idle) this.sources.delete(host);
    // Amortised: the next sweep waits until the map has doubled, so a flood costs O(1) per datagram.
    this.sweepAt = Math.max(SOURCES_SWEEP_AT, this.sources.size * 2);
  }
}
