// Runs one client exchange for the CLI (one-shot or a PROMPT line): live progress on a terminal,
// then the reply and summary as text, or the summary as one JSON object.
import type { Command, LabErrorInfo } from '../../src-shared/api.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import type { Lab } from '../engine/lab.js';
import { formatClientSummary } from './format.js';
import { ProgressLine } from './progress-line.js';

export interface ExchangeOutput {
  json: boolean;
  /** Draw the live progress line (stdout is a terminal and not JSON). */
  progress: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Print nothing but the failure line: the caller shows the summaries itself (`compare`). */
  quiet?: boolean;
}

export interface ExchangeOutcome {
  ok: boolean;
  /** The client's summary; on failure the one its summary event carried, if the exchange began. */
  summary: ExchangeSummary | null;
  error: LabErrorInfo | null;
}

/** Client Ctrl-C: cancels the running exchange; the summary then says "cancelled". */
export type CancelHook = (cancel: (() => void) | null) => void;

/** Ctrl-C delivered as a signal (no terminal reader holds it) cancels the running exchange. */
export function cancelOnSigint(): CancelHook {
  let listener: (() => void) | null = null;
  return (cancel) => {
    if (listener) process.removeListener('SIGINT', listener);
    listener = cancel;
    if (listener) process.on('SIGINT', listener);
  };
}

export async function runExchange(
  lab: Lab,
  endpointId: string,
  command: Command,
  out: ExchangeOutput,
  onCancellable: CancelHook = () => undefined,
): Promise<ExchangeOutcome> {
  const progress =
    out.progress && command.type !== 'echo'
      ? new ProgressLine(endpointId, expectedBytes(command), out.stdout)
      : null;
  let lastSummary: ExchangeSummary | null = null;
  const unsubscribe = lab.onEvents((batch: LabEvent[]) => {
    progress?.onBatch(batch);
    for (const e of batch) {
      if (e.kind === 'summary' && e.endpoint === endpointId && e.summary) lastSummary = e.summary;
    }
  });
  onCancellable(() => void lab.cancel({ endpointId }));
  try {
    const result = await lab.send({ endpointId, command });
    lab.flushEvents();
    progress?.finish();
    const outcome: ExchangeOutcome = result.ok
      ? { ok: true, summary: result.value, error: null }
      : { ok: false, summary: lastSummary, error: result.error };
    print(outcome, out);
    return outcome;
  } finally {
    onCancellable(null);
    unsubscribe();
  }
}

function expectedBytes(command: Command): number | null {
  if (command.type === 'file') return command.chars > 0 ? command.chars : null;
  if (command.type === 'stream') return command.count * command.size;
  return null;
}

function print(o: ExchangeOutcome, out: ExchangeOutput): void {
  if (out.quiet) {
    // Nothing else.
  } else if (out.json) {
    if (o.summary) out.stdout.write(JSON.stringify(o.summary) + '\n');
  } else if (o.summary && (o.ok || o.summary.end === 'short')) {
    // A reply cut short still shows what did arrive; the one line on stderr says it failed.
    if (o.summary.command === 'echo' && o.summary.reply !== null) out.stdout.write(`${o.summary.reply}\n`);
    out.stdout.write(`${formatClientSummary(o.summary)}\n`);
  }
  // A server's error reply is the reason itself; show it as the classic client would, then why it failed.
  if (!o.ok && o.error) out.stderr.write(`netlab: ${oneLine(o.error.message)} [${o.error.code}]\n`);
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
