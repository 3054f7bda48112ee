// The network-conditions panel's state in the client store: the form, its field errors, and
// the actions the panel calls. The client slice reads the checked conditions when it (re)opens.
import type { ConditionsErrors, ConditionsForm, Direction, DirectionForm } from './conditions-form.js';
import { DEFAULT_CONDITIONS_FORM, formFromPreset, newSeed } from './conditions-form.js';
import type { GetState, SetState } from './store-types.js';

/** Where browser mode remembers the panel between reloads. */
export const CONDITIONS_STORAGE_KEY = 'netlab.conditions.v1';

export interface ConditionsSlice {
  conditionsForm: ConditionsForm;
  conditionsErrors: ConditionsErrors;
  setConditionsEnabled(enabled: boolean): void;
  /** Loads a preset's settings and turns the link on; the seed stays. */
  pickPreset(name: string): void;
  setDirectionField<K extends keyof DirectionForm>(dir: Direction, key: K, value: DirectionForm[K]): void;
  setSeed(seed: string): void;
  rollSeed(): void;
  setPerDirection(perDirection: boolean): void;
}

interface Host {
  conditionsForm: ConditionsForm;
  conditionsErrors: ConditionsErrors;
}

export interface ConditionsStorage {
  load(): ConditionsForm | null;
  save(form: ConditionsForm): void;
}

/** localStorage when the page has it (browser mode and Electron alike); nothing in tests. */
export function browserConditionsStorage(): ConditionsStorage | null {
  let storage: Storage;
  try {
    storage = globalThis.localStorage;
    if (!storage) return null;
  } catch {
    return null;
  }
  return {
    load() {
      try {
        const raw = storage.getItem(CONDITIONS_STORAGE_KEY);
        if (!raw) return null;
        const stored = JSON.parse(raw) as Partial<ConditionsForm>;
        if (typeof stored !== 'object' || stored === null || typeof stored.enabled !== 'boolean') return null;
        // Field by field over the defaults, so a form saved by an older version still has them all.
        const d = DEFAULT_CONDITIONS_FORM;
        const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
        const direction = (x: unknown, base: DirectionForm): DirectionForm => {
          const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
          const out = { ...base };
          for (const k of Object.keys(base) as (keyof DirectionForm)[]) {
            if (typeof o[k] === typeof base[k]) (out as Record<string, unknown>)[k] = o[k];
          }
          if (out.mtuAction !== 'drop' && out.mtuAction !== 'fragment') out.mtuAction = base.mtuAction;
          return out;
        };
        return {
          enabled: stored.enabled,
          preset: typeof stored.preset === 'string' ? stored.preset : null,
          seed: text(stored.seed, d.seed),
          perDirection: stored.perDirection === true,
          upstream: direction(stored.upstream, d.upstream),
          downstream: direction(stored.downstream, d.downstream),
        };
      } catch {
        return null;
      }
    },
    save(form) {
      try {
        storage.setItem(CONDITIONS_STORAGE_KEY, JSON.stringify(form));
      } catch {
        // A full or disabled storage only loses the convenience.
      }
    },
  };
}

export function createConditionsSlice<S extends Host>(
  set: SetState<S>,
  get: GetState<S>,
  storage: ConditionsStorage | null,
): ConditionsSlice {
  const update = (form: ConditionsForm, clear: readonly string[] | 'all'): void => {
    let errors: ConditionsErrors = {};
    if (clear !== 'all') {
      errors = { ...get().conditionsErrors };
      for (const k of [...clear, 'general']) delete errors[k];
    }
    set({ conditionsForm: form, conditionsErrors: errors } as Partial<S>);
    storage?.save(form);
  };
  return {
    conditionsForm: storage?.load() ?? DEFAULT_CONDITIONS_FORM,
    conditionsErrors: {},

    setConditionsEnabled(enabled) {
      update({ ...get().conditionsForm, enabled }, 'all');
    },

    pickPreset(name) {
      // Picking a preset is asking for it: the link goes on.
      update(formFromPreset(name, { enabled: true, seed: get().conditionsForm.seed }), 'all');
    },

    setDirectionField(dir, key, value) {
      const form = get().conditionsForm;
      const next = { ...form, preset: null, [dir]: { ...form[dir], [key]: value } };
      // Both directions alike: one editor, both directions follow it.
      if (!form.perDirection) next.downstream = next.upstream;
      update(next, [`${dir}.${key}`]);
    },

    setSeed(seed) {
      update({ ...get().conditionsForm, seed }, ['seed']);
    },

    rollSeed() {
      update({ ...get().conditionsForm, seed: newSeed() }, ['seed']);
    },

    setPerDirection(perDirection) {
      const form = get().conditionsForm;
      update({ ...form, perDirection, downstream: perDirection ? form.downstream : form.upstream }, 'all');
    },
  };
}
