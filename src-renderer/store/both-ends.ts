// The client view's both-ends index: fed every batch the view receives (the lab's whole stream,
// before the view keeps its own endpoints' events), so the server's and the link's events of an
// exchange are there when the chart asks. No state update of its own: the chart reads it from a
// ref at its redraw pace (BothEnds.version says when something changed).
import { BothEnds } from '../../src-shared/both-ends.js';
import type { EventsSlice } from './store-types.js';

export interface BothEndsSlice {
  bothEnds: BothEnds;
}

export function withBothEnds(events: EventsSlice): EventsSlice & BothEndsSlice {
  const bothEnds = new BothEnds();
  return {
    ...events,
    bothEnds,
    applyBatch(batch) {
      bothEnds.feed(batch);
      events.applyBatch(batch);
    },
  };
}
