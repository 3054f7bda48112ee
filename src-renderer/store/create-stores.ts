// One store per view: the server view and the client view each get their own, built from slices.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand';
import type { Transport } from '../api/transport.js';
import { withBothEnds } from './both-ends.js';
import { clientBatchExtension } from './client-batch.js';
import type { ClientState } from './client-slice.js';
import { createClientSlice } from './client-slice.js';
import type { ConditionsStorage } from './conditions-slice.js';
import { browserConditionsStorage, createConditionsSlice } from './conditions-slice.js';
import { createConnectionSlice } from './connection-slice.js';
import { EVENT_RING_CAPACITY } from './event-ring.js';
import { createEventsSlice } from './events-slice.js';
import type { ServerState } from './server-slice.js';
import { createServerSlice } from './server-slice.js';
import type { StoreDeps } from './store-types.js';

export interface StoreOptions {
  ringCapacity?: number;
  now?: () => number;
  /** Where the client's network conditions are remembered (default: localStorage; null: nowhere). */
  conditionsStorage?: ConditionsStorage | null;
}

function deps(transport: Transport, opts: StoreOptions): StoreDeps {
  return { transport, now: opts.now ?? Date.now };
}

export function createServerStore(transport: Transport, opts: StoreOptions = {}): StoreApi<ServerState> {
  const d = deps(transport, opts);
  return createStore<ServerState>()((set, get) => ({
    ...createConnectionSlice(set, get, d),
    ...createEventsSlice(set, get, opts.ringCapacity ?? EVENT_RING_CAPACITY, () => ({})),
    ...createServerSlice(set, get, d),
  }));
}

export function createClientStore(transport: Transport, opts: StoreOptions = {}): StoreApi<ClientState> {
  const d = deps(transport, opts);
  return createStore<ClientState>()((set, get) => ({
    ...createConnectionSlice(set, get, d),
    ...withBothEnds(createEventsSlice(set, get, opts.ringCapacity ?? EVENT_RING_CAPACITY, clientBatchExtension(d.now))),
    ...createConditionsSlice(set, get, opts.conditionsStorage === undefined ? browserConditionsStorage() : opts.conditionsStorage),
    ...createClientSlice(set, get, d),
  }));
}
