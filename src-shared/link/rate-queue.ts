// Bandwidth limit with a bounded byte queue in front of it: a router's output port. Packets leave
// one after another at rateBytesPerSec (a token bucket that holds at most one packet's worth of
// tokens, so no burst goes faster than the rate); what waits for its turn is the queue. UDP drops
// a datagram that does not fit (tail drop: congestion loss); TCP reads `backlogBytes` to stop
// reading from the sender while the queue is over its bound (backpressure).

export class RateQueue {
  /** When the link finishes sending what it has accepted so far (ms, caller's clock). */
  private freeAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly rateBytesPerSec: number,
    private readonly queueBytes: number,
  ) {}

  get active(): boolean {
    return this.rateBytesPerSec > 0;
  }

  /** Bytes accepted but not yet sent at `now`. */
  backlogBytes(now: number): number {
    if (this.rateBytesPerSec === 0 || this.freeAt <= now) return 0;
    return ((this.freeAt - now) * this.rateBytesPerSec) / 1000;
  }

  /** Whether `bytes` more fit in the queue at `now` (UDP: otherwise a tail drop). */
  fits(bytes: number, now: number): boolean {
    return this.rateBytesPerSec === 0 || this.backlogBytes(now) + bytes <= this.queueBytes;
  }

  /** Accepts `bytes` at `now`; returns when its last byte has left (ms). */
  admit(bytes: number, now: number): number {
    if (this.rateBytesPerSec === 0) return now;
    this.freeAt = Math.max(this.freeAt, now) + (bytes * 1000) / this.rateBytesPerSec;
    return this.freeAt;
  }
}
