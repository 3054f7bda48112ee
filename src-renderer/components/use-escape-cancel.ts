// Escape cancels the running exchange, as Cancel does, unless the key is someone else's: a field
// that uses Escape itself (a search box clears, a select closes its list), an open dialog, an
// IME composition, or a handler that already took it.
import { useEffect } from 'react';

/** Is Escape on this element already doing something? */
export function escapeBelongsTo(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('[role="dialog"], dialog')) return true;
  if (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement && target.type === 'search') return true;
  return false;
}

export function useEscapeCancel(active: boolean, cancel: () => unknown): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing || escapeBelongsTo(e.target)) return;
      e.preventDefault();
      void cancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, cancel]);
}
