// Events slice: filters each batch to this view's endpoints and applies it with ONE set(),
// keeping the log in a bounded ring and the per-exchange counters in `exchanges`.
import type { LabEvent } from '../../src-shared/events.js';
import { EventRing, toLogRow } from './event-ring.js';
import type { LogRow } from './event-ring.js';
import type { ExchangesState } from './exchanges.js';
import { reduceExchanges } from './exchanges.js';
import { Timeline } from './timeline.js';
import { feedTimeline, followNewest } from './timeline-batch.js';
import { isLinkEvent, linkEventMatches } from './link-batch.js';
import type { BaseState, EventsSlice, GetState, SetState } from './store-types.js';

/** Events of endpoints we do not (yet) own, kept so a late-known id still gets its first events. */
export const PENDING_FOREIGN_EVENTS = 1024;
/** How many endpoint ids a view remembers as its own (a client re-opens on every address change). */
export const OWN_ENDPOINTS_MAX = 32;

/** Role-specific state derived from the same batch, merged into the same set(). */
export type BatchExtension<S> = (own: readonly LabEvent[], next: ExchangesState, prev: S) => Partial<S>;

/** Wall clock minus lab time, ms: `t + offset` is the wall time of any event of the same lab. */
function wallOffsetOf(e: LabEvent): number | null {
  const wall = Date.parse(e.time);
  return Number.isFinite(wall) ? wall - e.t : null;
}

/** What a new session resets besides the shared slices (the client's current summary, its wait…). */
export type SessionReset<S> = () => Partial<S>;

export function createEventsSlice<S extends BaseState>(
  set: SetState<S>,
  get: GetState<S>,
  ringCapacity: number,
  extend: BatchExtension<S>,
  resetRole: SessionReset<S> = () => ({}),
): EventsSlice {
  const foreign = new EventRing<LabEvent>(PENDING_FOREIGN_EVENTS);

  const applyOwn = (own: readonly LabEvent[], ownEndpoints?: string[]): void => {
    const s = get();
    for (const e of own) s.ring.push(toLogRow(e));
    // The log counts time from here when a row belongs to no exchange, and shows wall time from it.
    const first = own[0];
    const start =
      s.logStartT === null && first
        ? { logStartT: first.t, logWallOffsetMs: wallOffsetOf(first) }
        : null;
    // A client's link (network conditions) logs its decisions here, but its exchanges are not
    // the client's: they only mark drops on the client's timeline.
    const hasLink = own.some(isLinkEvent);
    const endpointEvents = hasLink ? own.filter((e) => !isLinkEvent(e)) : own;
    const next = reduceExchanges(s, endpointEvents);
    const timelineExchange = followNewest(s.exchanges, next, s.timelineExchange);
    feedTimeline(s.timeline, endpointEvents, next, s.timelineExchange, timelineExchange);
    if (hasLink && timelineExchange !== null) {
      const x = next.exchanges[timelineExchange];
      for (const e of own) if (e.kind === 'drop' && linkEventMatches(e, x)) s.timeline.addDrop(e.t);
    }
    const patch = {
      ...extend(own, next, s),
      ...start,
      timelineExchange,
      timelineVersion: s.timeline.version,
      exchanges: next.exchanges,
      exchangeIds: next.exchangeIds,
      eventsVersion: s.eventsVersion + 1,
    } as Partial<S>;
    if (ownEndpoints) (patch as Partial<BaseState>).ownEndpoints = ownEndpoints;
    set(patch);
  };

  return {
    ring: new EventRing<LogRow>(ringCapacity),
    timeline: new Timeline(),
    timelineVersion: 0,
    timelineExchange: null,
    eventsVersion: 0,
    exchanges: {},
    exchangeIds: [],
    ownEndpoints: [],
    logStartT: null,
    logWallOffsetMs: null,

    applyBatch(batch) {
      // A new session began in this batch: what came before it belongs to the old one.
      let start = 0;
      for (let i = batch.length - 1; i >= 0; i -= 1) {
        if (batch[i]!.kind === 'session') {
          start = i + 1;
          get().resetSession();
          break;
        }
      }
      const mine = get().ownEndpoints;
      const own: LabEvent[] = [];
      for (const e of start === 0 ? batch : batch.slice(start)) {
        if (mine.includes(e.endpoint)) own.push(e);
        else foreign.push(e);
      }
      // A batch for other windows changes nothing here, so it costs no render either.
      if (own.length > 0) applyOwn(own);
    },

    adoptEndpoint(id) {
      const mine = get().ownEndpoints;
      if (mine.includes(id)) return;
      const ownEndpoints = [...mine, id].slice(-OWN_ENDPOINTS_MAX);
      const early: LabEvent[] = [];
      for (let i = 0; i < foreign.length; i += 1) {
        const e = foreign.at(i)!;
        if (e.endpoint === id) early.push(e);
      }
      applyOwn(early, ownEndpoints);
    },

    clearLog() {
      get().ring.clear();
      set({ eventsVersion: get().eventsVersion + 1, logStartT: null, logWallOffsetMs: null } as Partial<S>);
    },

    resetSession() {
      const s = get();
      s.ring.clear();
      foreign.clear();
      s.timeline.reset(0);
      set({
        ...resetRole(),
        exchanges: {},
        exchangeIds: [],
        timelineExchange: null,
        timelineVersion: s.timeline.version,
        eventsVersion: s.eventsVersion + 1,
        exportNote: null,
      } as Partial<S>);
    },
  };
}
