// The Experiments view's state: which experiment is running, its progress ("run 2/4: UDP file"),
// and each experiment's last results. The runs go through the page's own LabApi with the shared
// runner (src-shared/experiments/run-experiment.ts), exactly as `netlab experiment run` does; the
// results are the runs' summaries, so nothing here changes at packet rate.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand';
import type { Experiment } from '../../src-shared/experiments/experiment.js';
import { findExperiment } from '../../src-shared/experiments/index.js';
import type { ExperimentHandle, ExperimentRunResult } from '../../src-shared/experiments/run-experiment.js';
import { startExperiment } from '../../src-shared/experiments/run-experiment.js';
import type { ConnectionState, Transport } from '../api/transport.js';

export interface ExperimentProgress {
  name: string;
  /** 0-based index of the run in flight. */
  index: number;
  total: number;
  label: string;
  /** Date.now() when the run started, for the elapsed time. */
  startedAt: number;
}

export type OutcomeStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface ExperimentOutcome {
  name: string;
  status: OutcomeStatus;
  /** The runs that have ended, in order; grows while it runs. */
  runs: ExperimentRunResult[];
  /** Why the whole experiment stopped, when something other than a run's own error did. */
  error: string | null;
  /** Date.now() when it finished (names the report file). */
  finishedAt: number | null;
}

export interface ExperimentsState {
  /** The transport's connection: a run needs the lab on the other side. */
  connection: ConnectionState;
  progress: ExperimentProgress | null;
  cancelling: boolean;
  outcomes: Record<string, ExperimentOutcome>;
  /** Runs one experiment; only one at a time (false when another is running or the name is unknown). */
  run(name: string): Promise<boolean>;
  /** Stops before the next run and cancels the exchange in flight. */
  cancel(): void;
}

export interface ExperimentsStoreOptions {
  now?: () => number;
}

export function createExperimentsStore(
  transport: Transport,
  opts: ExperimentsStoreOptions = {},
): StoreApi<ExperimentsState> {
  const now = opts.now ?? Date.now;
  let handle: ExperimentHandle | null = null;
  const store = createStore<ExperimentsState>()((set, get) => {
    const patchOutcome = (name: string, patch: Partial<ExperimentOutcome>): void => {
      const current = get().outcomes[name];
      if (current) set({ outcomes: { ...get().outcomes, [name]: { ...current, ...patch } } });
    };
    return {
      connection: transport.connection(),
      progress: null,
      cancelling: false,
      outcomes: {},
      async run(name) {
        const experiment: Experiment | undefined = findExperiment(name);
        if (!experiment || handle) return false;
        const total = experiment.runs.length;
        set({
          cancelling: false,
          progress: { name, index: 0, total, label: experiment.runs[0]!.label, startedAt: now() },
          outcomes: {
            ...get().outcomes,
            [name]: { name, status: 'running', runs: [], error: null, finishedAt: null },
          },
        });
        const mine = startExperiment(transport.api, experiment, {
          onRunStart: (run, index) => set({ progress: { name, index, total, label: run.label, startedAt: now() } }),
          onRunEnd: (result) => patchOutcome(name, { runs: [...(get().outcomes[name]?.runs ?? []), result] }),
        });
        handle = mine;
        try {
          const result = await mine.result;
          patchOutcome(name, {
            runs: result.runs,
            status: result.cancelled ? 'cancelled' : 'done',
            finishedAt: now(),
          });
        } catch (err) {
          // The runner reports each run's failure in its result; this is the transport itself failing.
          patchOutcome(name, {
            status: 'failed',
            error: err instanceof Error ? err.message : String(err),
            finishedAt: now(),
          });
        } finally {
          handle = null;
          set({ progress: null, cancelling: false });
        }
        return true;
      },
      cancel() {
        if (!handle || get().cancelling) return;
        set({ cancelling: true });
        handle.cancel();
      },
    };
  });
  // The store lives as long as the page (app.tsx), so this subscription does too.
  transport.onConnection((connection) => store.setState({ connection }));
  return store;
}
