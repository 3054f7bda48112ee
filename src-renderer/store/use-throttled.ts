// Packet-rate state changes with every batch; views that show it read it at most a few times
// per second through this hook instead of re-rendering per batch.
import { useCallback, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand';

/** 5 Hz: live numbers stay readable and cost a handful of renders per second. */
export const UI_REFRESH_MS = 200;

export function useThrottled<S, T>(store: StoreApi<S>, selector: (state: S) => T, intervalMs = UI_REFRESH_MS): T {
  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let lastMs = 0;
      const unsubscribe = store.subscribe(() => {
        if (timer !== null) return;
        timer = setTimeout(
          () => {
            timer = null;
            lastMs = Date.now();
            notify();
          },
          Math.max(0, lastMs + intervalMs - Date.now()),
        );
      });
      return () => {
        unsubscribe();
        if (timer !== null) clearTimeout(timer);
      };
    },
    [store, intervalMs],
  );
  return useSyncExternalStore(subscribe, () => selector(store.getState()));
}
