// Runs a guided experiment against any LabApi: for each run a fresh server on loopback with the
// run's settings, a client (through a link when the run has conditions), one exchange, and the
// summaries of both ends and of the link taken from the event stream — so a run that ends in loss
// or an error still reports what happened instead of only the error.
import type { EndpointInfo, LabApi, LabErrorInfo, LabResult } from '../../../src-shared/api.js';
import type { ExchangeSummary, LabEvent } from '../../../src-shared/events.js';
import type { Experiment, ExperimentRun } from '../../../src-shared/experiments/experiment.js';

/** How long after `send` resolves the run waits for the server's and the link's summaries. */
export const EXPERIMENT_SUMMARY_WAIT_MS = 3000;
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
}

export interface RunExperimentOptions {
  /** Called before each run starts (progress lines, UI). */
  onRunStart?: (run: ExperimentRun, index: number) => void;
  /** Stops between runs when it returns true (Ctrl-C, a Cancel button). */
  cancelled?: () => boolean;
}

export async function runExperiment(
  lab: LabApi,
  experiment: Experiment,
  opts: RunExperimentOptions = {},
): Promise<ExperimentResult> {
  const summaries = new SummaryCollector();
  const unsubscribe = lab.onEvents((batch) => summaries.add(batch));
  const runs: ExperimentRunResult[] = [];
  try {
    for (const [index, run] of experiment.runs.entries()) {
      if (opts.cancelled?.()) break;
      opts.onRunStart?.(run, index);
      runs.push(await runOne(lab, run, summaries));
    }
  } finally {
    unsubscribe();
  }
  return { experiment, runs };
}

async function runOne(
  lab: LabApi,
  run: ExperimentRun,
  summaries: SummaryCollector,
): Promise<ExperimentRunResult> {
  const result: ExperimentRunResult = { run, client: null, server: null, link: null, error: null };
  const server = await lab.startServer({ proto: run.proto, host: EXPERIMENT_HOST, port: 0, ...run.server });
  if (!server.ok) return { ...result, error: server.error };
  let client: LabResult<EndpointInfo> | null = null;
  try {
    client = await lab.openClient({
      proto: run.proto,
      host: EXPERIMENT_HOST,
      port: server.value.port!,
      conditions: run.conditions,
    });
    if (!client.ok) return { ...result, error: client.error };
    const info = client.value;
    const sent = await lab.send({ endpointId: info.id, command: run.command });
    if (!sent.ok) result.error = sent.error;
    const mine = sent.ok ? sent.value : await summaries.waitFor((s) => s.endpoint === info.id);
    result.client = mine;
    if (mine) {
      const linkId = info.link ?? null;
      result.link = linkId ? await summaries.waitFor((s) => s.endpoint === linkId) : null;
      result.server = await summaries.waitFor((s) => s.endpoint === server.value.id);
    }
    return result;
  } finally {
    if (client?.ok) await lab.closeClient({ endpointId: client.value.id });
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

  /** The latest summary matching `match`, waiting up to EXPERIMENT_SUMMARY_WAIT_MS for one. */
  waitFor(match: (s: ExchangeSummary) => boolean): Promise<ExchangeSummary | null> {
    const find = (): ExchangeSummary | null => {
      for (let i = this.seen.length - 1; i >= 0; i--) if (match(this.seen[i]!)) return this.seen[i]!;
      return null;
    };
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (value: ExchangeSummary | null): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const check = (): void => {
        const found = find();
        if (found) done(found);
      };
      const timer = setTimeout(() => done(null), EXPERIMENT_SUMMARY_WAIT_MS);
      this.waiters.add(check);
    });
  }
}
