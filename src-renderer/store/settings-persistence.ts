// Settings remembered between runs, in one place: the client form (protocol, address, command
// fields, timeouts), the server form (address and settings), the network-conditions form and the
// panel layout. Kept in the page's localStorage: in browser mode the browser's, per origin; in
// Electron the app's own origin, whose localStorage lives in the userData folder. A saved value
// is read field by field over the defaults, so an entry from an older version, or a broken one,
// keeps what is still good and falls back to the default for the rest.
import { useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand';
import type { ConditionsForm, DirectionForm } from './conditions-form.js';
import { DEFAULT_CONDITIONS_FORM } from './conditions-form.js';

/** One key per section, versioned, so a future format can move on without reading this one wrong. */
export const SETTINGS_KEYS = {
  client: 'netlab.client.v1',
  server: 'netlab.server.v1',
  conditions: 'netlab.conditions.v1',
  layout: 'netlab.layout.v1',
} as const;
export type SettingsSection = keyof typeof SETTINGS_KEYS;

export interface SettingsStorage {
  /** The parsed saved value, or undefined when there is none or it is not JSON. */
  read(section: SettingsSection): unknown;
  write(section: SettingsSection, value: unknown): void;
}

/** localStorage when the page has it (browser mode and Electron alike); null in Node tests. */
export function browserSettingsStorage(): SettingsStorage | null {
  let storage: Storage;
  try {
    storage = globalThis.localStorage;
    if (!storage) return null;
  } catch {
    return null;
  }
  return {
    read(section) {
      try {
        const raw = storage.getItem(SETTINGS_KEYS[section]);
        return raw ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    write(section, value) {
      try {
        storage.setItem(SETTINGS_KEYS[section], JSON.stringify(value));
      } catch {
        // A full or disabled storage only loses the convenience.
      }
    },
  };
}

/** Allowed values of a field that is a choice (protocol, tab); other fields need only their type. */
export type FieldChoices<T> = { [K in keyof T]?: readonly T[K][] };

/**
 * The defaults with each field the saved object has in the same type (and, for a choice, one of
 * its values). Anything else in the saved object is ignored.
 */
export function mergeFields<T extends object>(saved: unknown, defaults: T, choices: FieldChoices<T> = {}): T {
  const out = { ...defaults };
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return out;
  const o = saved as Record<string, unknown>;
  for (const k of Object.keys(defaults) as (keyof T & string)[]) {
    const v = o[k];
    if (typeof v !== typeof defaults[k] || v === null) continue;
    const allowed = choices[k];
    if (allowed && !(allowed as readonly unknown[]).includes(v)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The network-conditions form as saved, field by field over the defaults; null: nothing usable. */
export function conditionsFromSaved(saved: unknown): ConditionsForm | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const stored = saved as Partial<Record<keyof ConditionsForm, unknown>>;
  if (typeof stored.enabled !== 'boolean') return null;
  const d = DEFAULT_CONDITIONS_FORM;
  const direction = (x: unknown, base: DirectionForm): DirectionForm =>
    mergeFields(x, base, { mtuAction: ['drop', 'fragment'] } as FieldChoices<DirectionForm>);
  return {
    enabled: stored.enabled,
    preset: typeof stored.preset === 'string' ? stored.preset : null,
    seed: typeof stored.seed === 'string' ? stored.seed : d.seed,
    perDirection: stored.perDirection === true,
    upstream: direction(stored.upstream, d.upstream),
    downstream: direction(stored.downstream, d.downstream),
  };
}

/**
 * Saves `select(state)` whenever it changes (by identity: the stores replace a form on every
 * edit), as one small write; a null selection (e.g. a form only prefilled from hosts.txt, never
 * edited) is not saved. Returns the unsubscribe.
 */
export function persistSection<S, V>(
  store: StoreApi<S>,
  storage: SettingsStorage,
  section: SettingsSection,
  select: (s: S) => V,
): () => void {
  let last = select(store.getState());
  return store.subscribe((s) => {
    const next = select(s);
    if (Object.is(next, last)) return;
    last = next;
    if (next !== null) storage.write(section, next);
  });
}

/** The panel layout: which folding panels are open. */
export interface LayoutSettings {
  /** The conditions panel's settings in the client view (folded by default, so Send stays in sight). */
  conditionsOpen: boolean;
  /** …and in the column of its own between the two views (open by default). */
  conditionsBetweenOpen: boolean;
}
export const DEFAULT_LAYOUT: LayoutSettings = { conditionsOpen: false, conditionsBetweenOpen: true };

// The layout is page-wide (both views fold alike), so it is kept outside the view stores; it is
// re-read when the saved text changes (another tab, a test clearing storage), else served cached.
let layout: LayoutSettings = DEFAULT_LAYOUT;
let layoutRaw: string | null | undefined;
const layoutListeners = new Set<() => void>();

function savedLayoutText(): string | null {
  try {
    return globalThis.localStorage?.getItem(SETTINGS_KEYS.layout) ?? null;
  } catch {
    return null;
  }
}

function currentLayout(): LayoutSettings {
  const raw = savedLayoutText();
  if (raw !== layoutRaw) {
    layoutRaw = raw;
    layout = mergeFields(browserSettingsStorage()?.read('layout'), DEFAULT_LAYOUT);
  }
  return layout;
}

export function setLayout(patch: Partial<LayoutSettings>): void {
  const next = { ...currentLayout(), ...patch };
  const storage = browserSettingsStorage();
  if (storage) storage.write('layout', next);
  layout = next;
  layoutRaw = savedLayoutText();
  for (const l of layoutListeners) l();
}

export function useLayout(): LayoutSettings {
  return useSyncExternalStore(
    (notify) => {
      layoutListeners.add(notify);
      return () => layoutListeners.delete(notify);
    },
    currentLayout,
  );
}
