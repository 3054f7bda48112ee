// Follows the OS light/dark setting, for the parts (canvas charts) CSS variables cannot reach.
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(notify: () => void): () => void {
  const mql = window.matchMedia?.(QUERY);
  mql?.addEventListener?.('change', notify);
  return () => mql?.removeEventListener?.('change', notify);
}

export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, () => (window.matchMedia?.(QUERY).matches ? 'dark' : 'light'));
}

export function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}
