// Runs a guided experiment against any LabApi: for each run a fresh server on loopback with the
// run's settings, a client (through a link when the run has conditions), one exchange, and the
// summaries of both ends and of the link taken from the event stream — so a run that ends in loss
// or an error still reports what happened instead of only the error. It needs only the LabApi and
// a timer, so the CLI and the app's Experiments view run the very same code.
import type { EndpointInfo, LabApi, LabErrorInfo, LabResult } from '../api.js';
import type { ExchangeSummary, LabEvent } from '../events.js';
import type { Experiment, ExperimentRun } from './experiment.js';
import { startTimer, stopTimer } from '../timers.js';

/** How long after `send` resolves the run waits for the server's and the link's summaries. */
export const EXPERIMENT_SUMMARY_WAIT_MS = 3000;
/** After a cancel: how long the run waits for the server's and the link's summaries. */
export const EXPERIMENT_CANCEL_WAIT_MS = 300;
/** The loopback address every experiment runs on: experiments never leave the machine. */
export const EXPERIMENT_HOST = '127.0.0.1';

export interface ExperimentRunResult {
  run: ExperimentRun;
  /** The client's summary (what arrived); null only when no exchange could start. */
  client: ExchangeSummary | null;
  /** The server's summary of the same exchange (what it sent). */
  server: ExchangeSummary | null;
  /** The link's summary when the run had conditions. */
  link: ExchangeSummary | null;
  /** Why the run failed, when it did (refused, timeout, …): said, never hidden. */
  error: LabErrorInfo | null;
}

export interface ExperimentResult {
  experiment: Experiment;
  runs: ExperimentRunResult[];
  /** True when a cancel stopped it before its last run finished. */
  cancelled?: boolean;
}

export interface RunExperimentOptions {
  /** Called before each run starts (progress lines, UI). */
  onRunStart?: (run: ExperimentRun, index: number) => void;
  /** Called when a run has its summaries (results shown as they come, not only at the end). */
  onRunEnd?: (result: ExperimentRunResult, index: number) => void;
  /** Stops between runs when it returns true (Ctrl-C, a Cancel button). */
  cancelled?: () => boolean;
}

export async function runExperiment(
  lab: LabApi,
  experiment: Experiment,
  opts: RunExperimentOptions = {},
): Promise<ExperimentResult> {
  return startExperiment(lab, experiment, opts).result;
}

export interface ExperimentHandle {
  result: Promise<ExperimentResult>;
  /** Stops before the next run and cancels the running exchange (its partial summary is kept). */
  cancel(): void;
}

/** Like runExperiment, with a cancel that also stops the exchange in flight (the app's Cancel). */
export function startExperiment(
  lab: LabApi,
  experiment: Experiment,
  opts: RunExperimentOptions = {},
): ExperimentHandle {
  const control: RunControl = {
    cancelled: false,
    isCancelled: () => control.cancelled || (opts.cancelled?.() ?? false),
    sending: null,
  };
  const result = (async (): Promise<ExperimentResult> => {
    const summaries = new SummaryCollector();
    const unsubscribe = lab.onEvents((batch) => summaries.add(batch));
    const runs: ExperimentRunResult[] = [];
    try {
      for (const [index, run] of experiment.runs.entries()) {
        if (control.isCancelled()) break;
        opts.onRunStart?.(run, index);
        const done = await runOne(lab, run, summaries, control);
        runs.push(done);
        opts.onRunEnd?.(done, index);
      }
    } finally {
      unsubscribe();
    }
    return control.isCancelled() ? { experiment, runs, cancelled: true } : { experiment, runs };
  })();
  return {
    result,
    cancel() {
      if (control.cancelled) return;
      control.cancelled = true;
      if (control.sending) void lab.cancel({ endpointId: control.sending });
    },
  };
}

interface RunControl {
  cancelled: boolean;
  isCancelled(): boolean;
  /** The client whose exchange is in flight, so a cancel can stop it. */
  sending: string | null;
}

async function runOne(
  lab: LabApi,
  run: ExperimentRun,
  summaries: SummaryCollector,
  control: RunControl,
): Promise<ExperimentRunResult> {
  const result: ExperimentRunResult = { run, client: null, server: null, link: null, error: null };
  const server = await lab.startServer({ proto: run.proto, host: EXPERIMENT_HOST, port: 0, ...run.server });
  if (!server.ok) return { ...result, error: server.error };
  let client: LabResult<EndpointInfo> | null = null;
  let clientOpen = true;
  try {
    client = await lab.openClient({
      proto: run.proto,
      host: EXPERIMENT_HOST,
      port: server.value.port!,
      conditions: run.conditions,
      ...run.client,
    });
    if (!client.ok) return { ...result, error: client.error };
    const info = client.value;
    if (control.isCancelled()) return { ...result, error: { code: 'CANCELLED', message: 'cancelled before it started' } };
    control.sending = info.id;
    const sent = await lab.send({ endpointId: info.id, command: run.command });
    control.sending = null;
    if (!sent.ok) result.error = sent.error;
    // After a cancel the other ends may still be sending (a UDP server does not know): their
    // summaries are taken if they come at once, not waited for.
    const waitMs = control.cancelled ? EXPERIMENT_CANCEL_WAIT_MS : EXPERIMENT_SUMMARY_WAIT_MS;
    const mine = sent.ok
      ? sent.value
      : await summaries.waitFor((s) => s.endpoint === info.id, EXPERIMENT_SUMMARY_WAIT_MS);
    result.client = mine;
    if (mine) {
      const linkId = info.link ?? null;
      if (linkId) {
        // A UDP flow through the link ends only after its own idle time, longer than the client's:
        // closing the client closes its link, which ends the flow with its summary now.
        clientOpen = false;
        await lab.closeClient({ endpointId: info.id });
        result.link = await summaries.waitFor((s) => s.endpoint === linkId, waitMs);
      }
      result.server = await summaries.waitFor((s) => s.endpoint === server.value.id, waitMs);
    }
    return result;
  } finally {
    control.sending = null;
    if (client?.ok && clientOpen) await lab.closeClient({ endpointId: client.value.id });
    await lab.stopServer({ endpointId: server.value.id });
  }
}

/** Keeps every summary event seen, so one that arrived before it was asked for is not missed. */
class SummaryCollector {
  private readonly seen: ExchangeSummary[] = [];
  private readonly waiters = new Set<() => void>();

  add(batch: readonly LabEvent[]): void {
    let any = false;
    for (const e of batch) {
      if (e.kind === 'summary' && e.summary) {
        this.seen.push(e.summary);
        any = true;
      }
    }
    if (any) for (const wake of [...this.waiters]) wake();
  }

  /** The latest summary matching `match`, waiting up to `waitMs` for one. */
  waitFor(match: (s: ExchangeSummary) => boolean, waitMs: number): Promise<ExchangeSummary | null> {
    const find = (): ExchangeSummary | null => {
      for (let i = this.seen.length - 1; i >= 0; i--) if (match(this.seen[i]!)) return this.seen[i]!;
      return null;
    };
    const now = find();
    if (now || waitMs <= 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (value: ExchangeSummary | null): void => {
        stopTimer(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const check = (): void => {
        const found = find();
        if (found) done(found);
      };
      const timer = startTimer(() => done(null), waitMs);
      this.waiters.add(check);
    });
  }
}
