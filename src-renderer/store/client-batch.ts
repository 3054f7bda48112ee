// The client's share of a batch: which exchange is running, its timeline, and the UDP wait
// countdown (reset by every datagram). Runs inside the events slice's single set().
import type { ClientConfig } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';
import { UDP_IDLE_TIMEOUT_MS } from '../../src-shared/protocol/limits.js';
import type { ClientState, WaitState } from './client-slice.js';
import type { BatchExtension } from './events-slice.js';

const ENDING_KINDS = new Set<LabEvent['kind']>(['summary', 'end', 'timeout', 'closed']);

export function clientBatchExtension(now: () => number): BatchExtension<ClientState> {
  return (own, next, prev) => {
    let current = prev.currentExchange;
    const { timeline } = prev;
    let lastT = -Infinity;
    let activityT: number | null = null;
    let ended = false;
    for (const e of own) {
      if (e.t > lastT) lastT = e.t;
      if (e.exchange === null || e.role !== 'client') continue;
      // One exchange at a time per client: an id we have not seen before is the new current one.
      if (e.exchange !== current && !prev.exchanges[e.exchange]) {
        current = e.exchange;
        timeline.reset(next.exchanges[current]?.startT ?? e.t);
        activityT = null;
        ended = false;
      }
      if (e.exchange !== current) continue;
      if (e.kind === 'rx' && e.bytes !== null) {
        timeline.add(e.t, e.bytes);
        activityT = e.t;
      } else if (e.kind === 'prepared') {
        activityT = e.t;
      } else if (ENDING_KINDS.has(e.kind)) {
        ended = true;
      }
    }
    const patch: Partial<ClientState> = { currentExchange: current, timelineVersion: timeline.version };
    const x = current ? next.exchanges[current] : undefined;
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
