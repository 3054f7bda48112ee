// The session's exchange history in a view: which exchange is selected (or "follow newest"),
// which are ticked for comparison, one bounded timeline per recent exchange (for the selected
// one and for the overlay in Compare), and the pairing of server and client ids. Fed from the
// same batch as everything else: the timelines are mutable, like the event ring, and
// `historyVersion` says when they changed, inside the events slice's one set().
import type { LabEvent } from '../../src-shared/events.js';
import type { BatchExtension } from './events-slice.js';
import { isPayload } from './exchanges.js';
import { PairIndex } from './exchange-pairs.js';
import type { BaseState, EventsSlice, GetState, SetState } from './store-types.js';
import { Timeline } from './timeline.js';

/** Exchanges that keep a timeline of their own (newest first kept; each is bounded in bins). */
export const HISTORY_TIMELINES_MAX = 100;
/** Exchanges compared side by side at most. */
export const COMPARE_MAX = 6;

export interface HistorySlice {
  /** Mutable; `pairsVersion` says when it learnt a pair. */
  pairs: PairIndex;
  pairsVersion: number;
  /** Exchanges this view ever saw (minus the kept ones = dropped from the history). */
  exchangesSeen: number;
  /** Mutable, bounded: exchange id → its payload timeline; `historyVersion` says when it changed. */
  historyTimelines: Map<string, Timeline>;
  historyVersion: number;
  /** The exchange shown in detail; null = follow the newest. */
  selectedExchange: string | null;
  /** Ticked for comparison, in the order ticked. */
  compareIds: string[];
  compareOpen: boolean;
  selectExchange(id: string | null): void;
  toggleCompare(id: string): void;
  /** Opens the comparison of the ticked exchanges, or of `ids` (which become the ticked ones). */
  openCompare(ids?: string[]): void;
  closeCompare(): void;
}

export type HistoryState = BaseState;

/** The history's share of a batch: per-exchange timelines and the count of exchanges seen. */
export function historyBatchExtension<S extends HistoryState>(): BatchExtension<S> {
  return (own, next, prev) => {
    const timelines = prev.historyTimelines;
    let changed = false;
    // Counted from the events, not from `next`: a batch of more than MAX_EXCHANGES new ones was trimmed.
    const added = new Set<string>();
    for (const e of own) {
      if (e.exchange === null || e.role === 'link') continue;
      if (!prev.exchanges[e.exchange]) added.add(e.exchange);
      if (!isPayload(e)) continue;
      let t = timelines.get(e.exchange);
      if (!t) {
        const x = next.exchanges[e.exchange];
        t = new Timeline();
        // Time since the exchange's request, so exchanges overlay on one axis.
        t.reset(x?.requestT ?? x?.startT ?? e.t);
        timelines.set(e.exchange, t);
        while (timelines.size > HISTORY_TIMELINES_MAX) timelines.delete(timelines.keys().next().value!);
      }
      t.add(e.t, e.bytes!);
      changed = true;
    }
    const patch: Partial<HistoryState> = {};
    if (changed) patch.historyVersion = prev.historyVersion + 1;
    if (added.size > 0) patch.exchangesSeen = prev.exchangesSeen + added.size;
    return patch as Partial<S>;
  };
}

/** Runs two batch extensions on the same batch; their patches merge into the one set(). */
export function bothExtensions<S>(a: BatchExtension<S>, b: BatchExtension<S>): BatchExtension<S> {
  return (own, next, prev) => ({ ...a(own, next, prev), ...b(own, next, prev) });
}

/** What New session clears of the history (the id pairs stay: they still name the same ends). */
export function historyReset(): Partial<HistorySlice> {
  return {
    exchangesSeen: 0,
    historyTimelines: new Map(),
    historyVersion: Date.now(),
    selectedExchange: null,
    compareIds: [],
    compareOpen: false,
  };
}

export function createHistorySlice<S extends HistoryState>(
  set: SetState<S>,
  get: GetState<S>,
  events: EventsSlice,
): HistorySlice & Pick<EventsSlice, 'applyBatch'> {
  const pairs = new PairIndex();
  return {
    pairs,
    pairsVersion: 0,
    exchangesSeen: 0,
    historyTimelines: new Map(),
    historyVersion: 0,
    selectedExchange: null,
    compareIds: [],
    compareOpen: false,

    applyBatch(batch: readonly LabEvent[]) {
      // Every view sees the whole lab's events: the other view's ids pair with ours here.
      const learnt = pairs.record(batch);
      events.applyBatch(batch);
      if (learnt) set({ pairsVersion: get().pairsVersion + 1 } as Partial<S>);
    },

    selectExchange(id) {
      set({ selectedExchange: id } as Partial<S>);
    },

    toggleCompare(id) {
      const ids = get().compareIds;
      const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-COMPARE_MAX);
      set({ compareIds: next, compareOpen: get().compareOpen && next.length >= 2 } as Partial<S>);
    },

    openCompare(ids) {
      const chosen = (ids ?? get().compareIds).slice(-COMPARE_MAX);
      set({ compareIds: chosen, compareOpen: chosen.length >= 2 } as Partial<S>);
    },

    closeCompare() {
      set({ compareOpen: false } as Partial<S>);
    },
  };
}
