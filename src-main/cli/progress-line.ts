// A live progress line for long transfers on a terminal, redrawn from event batches (never per
// packet) and only once a transfer has run for a second, so quick exchanges print no noise.
import type { LabEvent } from '../../src-shared/events.js';
import { formatPercent } from '../../src-shared/format/numbers.js';
import { formatCount, formatRate } from './format.js';

export const PROGRESS_AFTER_MS = 1000;
/** Redraws at most this often, whatever the batch rate. */
const PROGRESS_REDRAW_MS = 100;

export interface ProgressTarget {
  write(text: string): unknown;
}

export class ProgressLine {
  private bytes = 0;
  private readonly startedAt = performance.now();
  private drawnAt = 0;
  private drawn = false;

  constructor(
    private readonly endpointId: string,
    private readonly expected: number | null,
    private readonly out: ProgressTarget,
  ) {}

  /** Feed every batch; only this client's payload reads count. */
  onBatch(batch: readonly LabEvent[]): void {
    for (const e of batch) {
      if (e.endpoint === this.endpointId && e.kind === 'rx' && e.bytes !== null) this.bytes += e.bytes;
    }
    const now = performance.now();
    const elapsedMs = now - this.startedAt;
    if (elapsedMs < PROGRESS_AFTER_MS || now - this.drawnAt < PROGRESS_REDRAW_MS) return;
    this.drawnAt = now;
    this.drawn = true;
    this.out.write(`\r\x1b[K${this.text(elapsedMs)}`);
  }

  /** Clears the line so the summary starts on a clean one. */
  finish(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }

  private text(elapsedMs: number): string {
    const of = this.expected !== null && this.expected > 0 ? ` / ${formatCount(this.expected)}` : '';
    const percent =
      this.expected !== null && this.expected > 0
        ? `  ${formatPercent(Math.min(this.bytes, this.expected), this.expected)}`
        : '';
    const rate = formatRate((this.bytes * 1000) / elapsedMs);
    return `  ${formatCount(this.bytes)}${of} bytes${percent}  ${rate}  (Ctrl-C cancels)`;
  }
}
