// One store per view: the server view and the client view each get their own, built from slices.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand';
import type { Transport } from '../api/transport.js';
import { withBothEnds } from './both-ends.js';
import { clientBatchExtension } from './client-batch.js';
import type { ClientState } from './client-slice.js';
import { DEFAULT_CLIENT_FORM, createClientSlice } from './client-slice.js';
import type { ConditionsStorage } from './conditions-slice.js';
import { browserConditionsStorage, createConditionsSlice } from './conditions-slice.js';
import { createConnectionSlice } from './connection-slice.js';
import { EVENT_RING_CAPACITY } from './event-ring.js';
import { createEventsSlice } from './events-slice.js';
import { bothExtensions, createHistorySlice, historyBatchExtension, historyReset } from './history-slice.js';
import { createPairedServerSlice } from './paired-server.js';
import type { ServerState } from './server-slice.js';
import { DEFAULT_SERVER_FORM, createServerSlice } from './server-slice.js';
import type { SettingsStorage } from './settings-persistence.js';
import { browserSettingsStorage, mergeFields, persistSection } from './settings-persistence.js';
import type { StoreDeps } from './store-types.js';

export interface StoreOptions {
  ringCapacity?: number;
  now?: () => number;
  /** Where the client's network conditions are remembered (default: localStorage; null: nowhere). */
  conditionsStorage?: ConditionsStorage | null;
  /** Where the forms are remembered between runs (default: localStorage; null: nowhere). */
  settingsStorage?: SettingsStorage | null;
}

const PROTOS = ['tcp', 'udp'] as const;
const TABS = ['echo', 'file', 'stream'] as const;

function settingsOf(opts: StoreOptions): SettingsStorage | null {
  return opts.settingsStorage === undefined ? browserSettingsStorage() : opts.settingsStorage;
}

function deps(transport: Transport, opts: StoreOptions): StoreDeps {
  return { transport, now: opts.now ?? Date.now };
}

export function createServerStore(transport: Transport, opts: StoreOptions = {}): StoreApi<ServerState> {
  const d = deps(transport, opts);
  const store = createStore<ServerState>()((set, get) => {
    const events = createEventsSlice(
      set,
      get,
      opts.ringCapacity ?? EVENT_RING_CAPACITY,
      historyBatchExtension<ServerState>(),
      () => historyReset() as Partial<ServerState>,
    );
    const server = createServerSlice(set, get, d);
    return {
      ...createConnectionSlice(set, get, d),
      ...events,
      ...createHistorySlice(set, get, events),
      ...server,
      ...createPairedServerSlice(set, get, server, d),
    };
  });
  const settings = settingsOf(opts);
  if (settings) {
    const saved = settings.read('server');
    // A saved form counts as typed: hosts.txt's first entry no longer overwrites it.
    if (saved !== undefined) {
      store.setState({ serverForm: mergeFields(saved, DEFAULT_SERVER_FORM, { proto: PROTOS }), serverFormTouched: true });
    }
    persistSection(store, settings, 'server', (s) => (s.serverFormTouched ? s.serverForm : null));
  }
  return store;
}

export function createClientStore(transport: Transport, opts: StoreOptions = {}): StoreApi<ClientState> {
  const d = deps(transport, opts);
  const store = createStore<ClientState>()((set, get) => {
    const extend = bothExtensions(clientBatchExtension(d.now), historyBatchExtension<ClientState>());
    const events = withBothEnds(
      createEventsSlice(set, get, opts.ringCapacity ?? EVENT_RING_CAPACITY, extend, () => ({
      ...(historyReset() as Partial<ClientState>),
      currentExchange: null,
      expectedBytes: null,
      lastSummary: null,
      wait: null,
      linkView: null,
      })),
    );
    return {
      ...createConnectionSlice(set, get, d),
      ...events,
      ...createHistorySlice(set, get, events),
      ...createConditionsSlice(
        set,
        get,
        opts.conditionsStorage === undefined ? browserConditionsStorage() : opts.conditionsStorage,
      ),
      ...createClientSlice(set, get, d),
    };
  });
  const settings = settingsOf(opts);
  if (settings) {
    const saved = settings.read('client');
    if (saved !== undefined) {
      store.setState({ clientForm: mergeFields(saved, DEFAULT_CLIENT_FORM, { proto: PROTOS, tab: TABS }), clientFormTouched: true });
    }
    persistSection(store, settings, 'client', (s) => (s.clientFormTouched ? s.clientForm : null));
  }
  return store;
}
