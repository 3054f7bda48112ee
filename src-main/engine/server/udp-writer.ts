// PayloadWriter for datagrams to one peer. UDP has no backpressure from the receiver, so the writer
// sends in bursts, keeps the datagrams handed to libuv bounded, and yields one event-loop turn
// between bursts: other peers' requests and transfers get their turn, and a fast receiver keeps up.
import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { toLabError } from '../errors.js';
import type { LabError } from '../errors.js';
import { TIMER_MAX_MS } from '../../../src-shared/protocol/server-limits.js';
import type { PayloadWriter } from './payload-writer.js';
import type { SendBudget } from './send-budget.js';

/** Datagrams sent back to back before yielding. */
export const UDP_BURST_DATAGRAMS = 32;
/** Datagrams handed to libuv whose send callback has not run yet, at most. */
export const UDP_MAX_IN_FLIGHT = 256;

export class UdpPayloadWriter implements PayloadWriter {
  private inFlight = 0;
  private burst = 0;
  private sentBytes = 0;
  private startMs: number | null = null;
  private failed: LabError | null = null;
  private wake: (() => void) | null = null;
  private held = false;

  constructor(
    private readonly socket: Socket,
    private readonly port: number,
    private readonly address: string,
    private readonly signal: AbortSignal,
    /** The peer as host:port, for error messages. */
    private readonly where: string,
    /**
     * Rate cap for this transfer (bytes/s, 0 = none). Loopback never pushes back and a Node
     * receiver that logs every datagram reads slower than we send; a 4 MiB receive buffer holds
     * ~1,800 datagrams of 1,120 bytes, so an uncapped 10 MB file overflows it whenever the
     * receiver falls behind for a few milliseconds.
     */
    private readonly rateBytesPerSec: number,
    /** Shared budgets this transfer also pays into: its source address's and the server's. */
    private readonly budgets: readonly SendBudget[] = [],
    /** Called once, the first time a shared budget makes this transfer wait, with its label. */
    private readonly onHeld: (budget: string) => void = () => undefined,
  ) {}

  get failure(): LabError | null {
    return this.failed;
  }

  get open(): boolean {
    return !this.signal.aborted && this.failed === null;
  }

  write(chunk: Uint8Array): boolean {
    if (!this.open) return false;
    try {
      this.socket.send(chunk, this.port, this.address, this.onSent);
    } catch (err) {
      // The socket closed under us (ERR_SOCKET_DGRAM_NOT_RUNNING) or the address is unusable.
      this.failed ??= toLabError(err, this.where);
      return false;
    }
    this.startMs ??= performance.now();
    this.sentBytes += chunk.length;
    this.inFlight += 1;
    this.burst += 1;
    for (const budget of this.budgets) budget.charge(chunk.length);
    return this.burst < UDP_BURST_DATAGRAMS && this.inFlight < UDP_MAX_IN_FLIGHT && this.budgetWaitMs() < 1;
  }

  private budgetWaitMs(): number {
    let wait = 0;
    for (const budget of this.budgets) wait = Math.max(wait, budget.delayMs());
    return wait;
  }

  /** The budget that holds this transfer back the longest. */
  private bindingBudget(): SendBudget | undefined {
    let binding: SendBudget | undefined;
    for (const b of this.budgets) if (!binding || b.delayMs() > binding.delayMs()) binding = b;
    return binding;
  }

  private readonly onSent = (err: Error | null): void => {
    this.inFlight -= 1;
    if (err) this.failed ??= toLabError(err, this.where);
    this.wake?.();
  };

  /**
   * Waits until at most half the in-flight bound is pending, then yields: one turn when behind the
   * rate cap, a sleep when a whole millisecond ahead (sleeping, not spinning, leaves the CPU to a
   * receiver on the same machine).
   */
  async drained(): Promise<boolean> {
    await this.until(() => this.inFlight <= UDP_MAX_IN_FLIGHT / 2);
    const aheadMs =
      this.startMs === null || this.rateBytesPerSec === 0
        ? 0
        : this.startMs + (this.sentBytes * 1000) / this.rateBytesPerSec - performance.now();
    await this.pause(aheadMs);
    // Shared budgets: other transfers may have spent them while this one slept, so look again.
    // Bounded: every pass sleeps at least 1 ms, and the budget's debt only shrinks meanwhile
    // except by other transfers' sends, which are bounded by the same budget.
    for (let wait = this.budgetWaitMs(); wait >= 1 && this.open; wait = this.budgetWaitMs()) {
      if (!this.held) {
        this.held = true;
        this.onHeld(this.bindingBudget()?.label ?? 'a send budget');
      }
      await this.pause(wait);
    }
    this.burst = 0;
    return this.open;
  }

  /** One turn, or a sleep of `ms` (clamped to the timer maximum) that a cancel cuts short. */
  private pause(ms: number): Promise<void> {
    if (ms < 1) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(Math.floor(ms), TIMER_MAX_MS));
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  async finish(): Promise<boolean> {
    await this.until(() => this.inFlight === 0);
    return this.open;
  }

  /** Resolves when `ready()` holds or the writer is no longer open; send callbacks re-check it. */
  private until(ready: () => boolean): Promise<void> {
    if (ready() || !this.open) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (!ready() && this.open) return;
        this.wake = null;
        this.signal.removeEventListener('abort', check);
        resolve();
      };
      this.wake = check;
      this.signal.addEventListener('abort', check);
    });
  }
}
