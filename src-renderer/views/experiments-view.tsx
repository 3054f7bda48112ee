// The guided experiments (src-shared/experiments): the list, and for the chosen one what it shows,
// where to look, the lab sheet's questions, Run / Cancel with per-run progress, the results side by
// side, and the lab report as a download. The runs happen in this page's own lab, through the
// transport's LabApi, with the runner the CLI uses.
import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import type { Experiment } from '../../src-shared/experiments/experiment.js';
import { EXPERIMENTS, findExperiment } from '../../src-shared/experiments/index.js';
import { ExperimentResults } from '../components/experiment-results.js';
import { fmtMs } from '../display/format.js';
import { downloadText, labReportCsv, labReportFileName } from '../display/lab-report-csv.js';
import type { ExperimentOutcome, ExperimentsState } from '../store/experiments-slice.js';

export const EXPERIMENTS_PATH = '/experiments';

/** `#/experiments/lossy-stream` → that experiment; `#/experiments` → the first one. */
export function experimentOfHash(hash: string): Experiment {
  const m = /^#?\/experiments\/([a-z0-9-]+)$/.exec(hash);
  return (m && findExperiment(m[1]!)) || EXPERIMENTS[0]!;
}

export const experimentHref = (name: string): string => `#${EXPERIMENTS_PATH}/${name}`;

/** How often the elapsed time of the run in flight is redrawn. */
const ELAPSED_REFRESH_MS = 500;

function ExperimentList({ selected }: { selected: string }) {
  return (
    <nav className="card experiment-list" aria-label="Experiment list">
      <ul>
        {EXPERIMENTS.map((e) => (
          <li key={e.name}>
            <a href={experimentHref(e.name)} aria-current={e.name === selected ? 'page' : undefined} title={e.summary}>
              <span className="experiment-list-title">{e.title}</span>
              <span className="experiment-list-summary">{e.summary}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Progress({ store }: { store: StoreApi<ExperimentsState> }) {
  const progress = useStore(store, (s) => s.progress);
  const cancelling = useStore(store, (s) => s.cancelling);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!progress) return;
    const timer = setInterval(() => setNow(Date.now()), ELAPSED_REFRESH_MS);
    return () => clearInterval(timer);
  }, [progress]);
  if (!progress) return null;
  const elapsed = Math.max(0, now - progress.startedAt);
  return (
    <div className="experiment-progress">
      <div className="progress-track" aria-hidden="true">
        <div className="progress-fill" style={{ transform: `scaleX(${progress.index / progress.total})` }} />
      </div>
      <p role="status" className="progress-text">
        <span>
          {cancelling ? 'Cancelling: ' : ''}run {progress.index + 1}/{progress.total}: {progress.label} …
        </span>
        <span>{fmtMs(elapsed)}</span>
      </p>
    </div>
  );
}

function outcomeLine(outcome: ExperimentOutcome, total: number): string | null {
  if (outcome.status === 'failed') return `It stopped: ${outcome.error ?? 'the lab did not answer'}.`;
  if (outcome.status === 'cancelled') return `Cancelled after ${outcome.runs.length} of ${total} runs.`;
  if (outcome.status === 'done') return `All ${total} runs done.`;
  return null;
}

function ReportButton({ experiment, outcome }: { experiment: Experiment; outcome: ExperimentOutcome | undefined }) {
  const [note, setNote] = useState<string | null>(null);
  const runs = outcome?.runs ?? [];
  const usable = outcome !== undefined && outcome.status !== 'running' && runs.some((r) => r.client);
  return (
    <>
      <button
        type="button"
        className="btn-secondary"
        disabled={!usable}
        onClick={() => {
          const { text, rows } = labReportCsv(runs);
          const name = labReportFileName(experiment.name, new Date(outcome?.finishedAt ?? Date.now()));
          downloadText(document, text, name);
          setNote(`Download started: ${name} (${rows} exchange rows)`);
        }}
      >
        Download lab report
      </button>
      {note && usable ? (
        <span className="export-note tone-ok" role="status">
          {note}
        </span>
      ) : null}
    </>
  );
}

function ExperimentDetail({ experiment, store }: { experiment: Experiment; store: StoreApi<ExperimentsState> }) {
  const running = useStore(store, (s) => s.progress?.name ?? null);
  const outcome = useStore(store, (s) => s.outcomes[experiment.name]);
  const connected = useStore(store, (s) => s.connection.status === 'connected');
  const run = useStore(store, (s) => s.run);
  const cancel = useStore(store, (s) => s.cancel);
  const mine = running === experiment.name;
  const line = outcome ? outcomeLine(outcome, experiment.runs.length) : null;
  return (
    <section className="experiment-detail" role="region" aria-label={experiment.title}>
      <div className="card">
        <div className="card-head">
          <h3>{experiment.title}</h3>
          <span className="pill mono">{experiment.name}</span>
        </div>
        <p>{experiment.summary}</p>
        <p className="muted small experiment-runs">
          {experiment.runs.length} runs: {experiment.runs.map((r) => r.label).join(' · ')}
        </p>
        <div className="experiment-sheet">
          <div>
            <h4>What to look at</h4>
            <ul>
              {experiment.lookAt.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </div>
          <div>
            <h4>Questions</h4>
            <ol aria-label="Questions">
              {experiment.questions.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ol>
          </div>
        </div>
        <div className="actions">
          <button
            type="button"
            className="btn-primary"
            disabled={running !== null || !connected}
            onClick={() => void run(experiment.name)}
          >
            Run
          </button>
          <button type="button" className="btn-secondary" disabled={!mine} onClick={cancel}>
            Cancel
          </button>
          <ReportButton experiment={experiment} outcome={outcome} />
          {running !== null && !mine ? (
            <span className="muted small">Another experiment is running: {findExperiment(running)?.title}.</span>
          ) : null}
        </div>
        {mine ? <Progress store={store} /> : null}
      </div>
      {outcome && (outcome.runs.length > 0 || line) ? (
        <div className="card" role="region" aria-label="Experiment results">
          <div className="card-head">
            <h3>Results</h3>
            {line ? <span className="muted small">{line}</span> : null}
          </div>
          <ExperimentResults runs={outcome.runs} />
        </div>
      ) : null}
    </section>
  );
}

function ConnectionNote({ store }: { store: StoreApi<ExperimentsState> }) {
  const connection = useStore(store, (s) => s.connection);
  if (connection.status === 'connected' || connection.status === 'connecting') return null;
  const failed = connection.status === 'failed';
  return (
    <div className={`banner ${failed ? 'banner-error' : 'banner-warn'}`} role={failed ? 'alert' : undefined}>
      <strong>{failed ? 'Not connected.' : 'Disconnected.'}</strong> <span>{connection.message}</span>{' '}
      <span>An experiment runs in the lab this page is connected to.</span>
    </div>
  );
}

export function ExperimentsView({ store, hash }: { store: StoreApi<ExperimentsState>; hash: string }) {
  const experiment = experimentOfHash(hash);
  return (
    <div className="view experiments-view">
      <header className="pane-header">
        <div className="pane-title">
          <h2>Experiments</h2>
          <span className="muted small">Guided runs on this machine’s loopback, each with what to look at.</span>
        </div>
        <nav className="view-links" aria-label="Views">
          <a href="#/">Server and client</a>
          <a href="#/server">Server</a>
          <a href="#/client">Client</a>
        </nav>
        <ConnectionNote store={store} />
      </header>
      <div className="experiments-layout">
        <ExperimentList selected={experiment.name} />
        <ExperimentDetail key={experiment.name} experiment={experiment} store={store} />
      </div>
    </div>
  );
}
