// Hands each view its own store; components select narrowly from it.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import type { Transport } from '../api/transport.js';
import type { ClientState } from './client-slice.js';
import { createClientStore, createServerStore } from './create-stores.js';
import type { ServerState } from './server-slice.js';
import type { BaseState } from './store-types.js';
import { useThrottled } from './use-throttled.js';

const BaseContext = createContext<StoreApi<BaseState> | null>(null);
const ServerContext = createContext<StoreApi<ServerState> | null>(null);
const ClientContext = createContext<StoreApi<ClientState> | null>(null);

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} used outside its provider`);
  return value;
}

/** Subscribes the store to the transport while the view is mounted. */
function useAttached(store: StoreApi<BaseState>): void {
  useEffect(() => store.getState().attach(), [store]);
}

export function ServerStoreProvider({ transport, store: given, children }: { transport: Transport; store?: StoreApi<ServerState>; children: ReactNode }) {
  const [store] = useState(() => given ?? createServerStore(transport));
  useAttached(store);
  return (
    <BaseContext.Provider value={store}>
      <ServerContext.Provider value={store}>{children}</ServerContext.Provider>
    </BaseContext.Provider>
  );
}

export function ClientStoreProvider({ transport, store: given, children }: { transport: Transport; store?: StoreApi<ClientState>; children: ReactNode }) {
  const [store] = useState(() => given ?? createClientStore(transport));
  useAttached(store);
  return (
    <BaseContext.Provider value={store}>
      <ClientContext.Provider value={store}>{children}</ClientContext.Provider>
    </BaseContext.Provider>
  );
}

export const useBaseStore = (): StoreApi<BaseState> => required(useContext(BaseContext), 'useBaseStore');
export const useServerStore = (): StoreApi<ServerState> => required(useContext(ServerContext), 'useServerStore');
export const useClientStore = (): StoreApi<ClientState> => required(useContext(ClientContext), 'useClientStore');

export const useBase = <T,>(selector: (s: BaseState) => T): T => useStore(useBaseStore(), selector);
export const useServer = <T,>(selector: (s: ServerState) => T): T => useStore(useServerStore(), selector);
export const useClient = <T,>(selector: (s: ClientState) => T): T => useStore(useClientStore(), selector);

/** For packet-rate values: re-reads at most UI_REFRESH_MS apart. */
export const useBaseThrottled = <T,>(selector: (s: BaseState) => T): T => useThrottled(useBaseStore(), selector);
export const useClientThrottled = <T,>(selector: (s: ClientState) => T): T => useThrottled(useClientStore(), selector);
export const useServerThrottled = <T,>(selector: (s: ServerState) => T): T => useThrottled(useServerStore(), selector);
