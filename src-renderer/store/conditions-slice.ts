// The network-conditions panel's state in the client store: the form, its field errors, and
// the actions the panel calls. The client slice reads the checked conditions when it (re)opens.
import type { ConditionsErrors, ConditionsForm, Direction, DirectionForm } from './conditions-form.js';
import { DEFAULT_CONDITIONS_FORM, formFromPreset, newSeed } from './conditions-form.js';
import { SETTINGS_KEYS, browserSettingsStorage, conditionsFromSaved } from './settings-persistence.js';
import type { GetState, SetState } from './store-types.js';

/** Where browser mode remembers the panel between reloads. */
export const CONDITIONS_STORAGE_KEY = SETTINGS_KEYS.conditions;

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

/** localStorage when the page has it (browser mode and Electron alike); nothing in Node tests.
 *  The one settings module (settings-persistence.ts) reads and writes it. */
export function browserConditionsStorage(): ConditionsStorage | null {
  const storage = browserSettingsStorage();
  if (!storage) return null;
  return {
    load: () => conditionsFromSaved(storage.read('conditions')),
    save: (form) => storage.write('conditions', form),
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
