// Which exchange a view's timeline follows, and feeding it from a batch: the newest exchange,
// its payload (what a client receives, what a server sends). Shared by both views.
import type { LabEvent } from '../../src-shared/events.js';
import type { ExchangesState } from './exchanges.js';
import { isPayload } from './exchanges.js';
import type { Timeline } from './timeline.js';

/**
 * The newest exchange once this batch is applied: one that first appeared in the batch, else
 * the one followed so far. A server with several clients at once thus always shows the latest.
 */
export function followNewest(
  prev: ExchangesState['exchanges'],
  next: ExchangesState,
  followed: string | null,
): string | null {
  const newest = next.exchangeIds.at(-1);
  return newest !== undefined && !prev[newest] ? newest : followed;
}

/** Starts the timeline afresh when the followed exchange changed, then adds its payload events. */
export function feedTimeline(
  timeline: Timeline,
  own: readonly LabEvent[],
  next: ExchangesState,
  before: string | null,
  after: string | null,
): void {
  if (after === null) return;
  if (after !== before) timeline.reset(next.exchanges[after]?.startT ?? own[0]?.t ?? 0);
  for (const e of own) {
    if (e.exchange === after && isPayload(e)) timeline.add(e.t, e.bytes!);
  }
}
