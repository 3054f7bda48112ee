// The client's share of a batch: which exchange is running and the UDP wait countdown (reset by
// every datagram). Runs inside the events slice's single set(), which also feeds the timeline.
import type { ClientConfig } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';
import { UDP_IDLE_TIMEOUT_MS } from '../../src-shared/protocol/limits.js';
import { showsFailedSummary } from './client-slice.js';
import type { ClientState, WaitState } from './client-slice.js';
import type { BatchExtension } from './events-slice.js';
import { followNewest } from './timeline-batch.js';
import { reduceLinkView } from './link-batch.js';

const ENDING_KINDS = new Set<LabEvent['kind']>(['summary', 'end', 'timeout', 'closed']);

export function clientBatchExtension(now: () => number): BatchExtension<ClientState> {
  return (own, next, prev) => {
    // One exchange at a time per client: an id we have not seen before is the new current one.
    const current = followNewest(prev.exchanges, next, prev.currentExchange);
    let lastT = -Infinity;
    let activityT: number | null = null;
    let ended = false;
    for (const e of own) {
      if (e.t > lastT) lastT = e.t;
      if (e.exchange === null || e.exchange !== current || e.role === 'link') continue;
      if ((e.kind === 'rx' && e.bytes !== null) || e.kind === 'prepared') activityT = e.t;
      else if (ENDING_KINDS.has(e.kind)) ended = true;
    }
    const x = current ? next.exchanges[current] : undefined;
    const patch: Partial<ClientState> = { currentExchange: current };
    const link = reduceLinkView(prev.linkView, own, x);
    if (link !== prev.linkView) patch.linkView = link;
    // The send failed before this summary arrived (ok: false carries no summary): show it now.
    if (x?.summary && !prev.sending && prev.lastSummary === null && showsFailedSummary(x.summary)) {
      patch.lastSummary = x.summary;
    }
    if (x?.proto !== 'udp') return patch;
    if (ended || x.summary) patch.wait = null;
    else if (activityT !== null) {
      const idleMs = (prev.client?.config as Partial<ClientConfig> | undefined)?.idleTimeoutMs ?? UDP_IDLE_TIMEOUT_MS;
      // The batch reached us (lastT − activityT) after the datagram did; the engine's timer started then.
      const wait: WaitState = { kind: 'idle', deadline: now() + idleMs - Math.max(0, lastT - activityT), totalMs: idleMs };
      patch.wait = wait;
    }
    return patch;
  };
}
