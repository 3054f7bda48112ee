// The classic interactive client: `PROMPT:` takes quit, stream / s (then interval, count, size with
// the classic defaults), an integer (a file of that many characters) or any other text (echo).
import type { Command } from '../../src-shared/api.js';
import {
  STREAM_DEFAULT_COUNT,
  STREAM_DEFAULT_INTERVAL_MS,
  STREAM_DEFAULT_SIZE_BYTES,
} from '../../src-shared/protocol/limits.js';
import { FILE_REQUEST_RE } from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import type { Lab } from '../engine/lab.js';
import { cancelOnSigint, runExchange } from './exchange-runner.js';
import type { CancelHook, ExchangeOutput } from './exchange-runner.js';
import type { LineReader } from './line-reader.js';
import { checkSegmentSize, parseIntervalMs, parsePositiveInt } from './options.js';

/** A stream question is asked again after a bad answer, at most this many times. */
const ANSWER_ATTEMPTS_MAX = 5;

export interface ClientLoopContext {
  lab: Lab;
  endpointId: string;
  proto: Proto;
  reader: LineReader;
  out: ExchangeOutput;
}

/** Runs until `quit`, end of input, or Ctrl-C at the prompt. Failed exchanges do not end it. */
export async function runClientLoop(ctx: ClientLoopContext): Promise<void> {
  const onSignal = cancelOnSigint();
  // Ctrl-C cancels the running exchange: readline reports it on a terminal, a signal otherwise.
  const onCancellable: CancelHook = (cancel) => {
    ctx.reader.onInterrupt(cancel);
    onSignal(cancel);
  };
  for (;;) {
    const line = await ctx.reader.ask('PROMPT: ');
    if (line === null) return;
    const text = line.trim();
    if (text === 'quit') return;
    if (text === '') continue;
    const command = text === 'stream' || text === 's' ? await askStream(ctx) : commandFor(text);
    if (command === null) continue;
    await runExchange(ctx.lab, ctx.endpointId, command, ctx.out, onCancellable);
  }
}

function commandFor(text: string): Command {
  // Integers beyond 2^53 cannot be sent exactly; the API refuses them with a clear message.
  if (FILE_REQUEST_RE.test(text)) return { type: 'file', chars: Number(text) };
  return { type: 'echo', text };
}

async function askStream(ctx: ClientLoopContext): Promise<Command | null> {
  const intervalMs = await askNumber(ctx, 'Interval (ms)', STREAM_DEFAULT_INTERVAL_MS, parseIntervalMs);
  if (intervalMs === null) return null;
  const count = await askNumber(ctx, 'Number of segments', STREAM_DEFAULT_COUNT, parsePositiveInt);
  if (count === null) return null;
  const size = await askNumber(ctx, 'Segment size (bytes)', STREAM_DEFAULT_SIZE_BYTES, (v) => {
    const n = parsePositiveInt(v);
    const problem = checkSegmentSize(ctx.proto, n);
    if (problem) throw new Error(problem);
    return n;
  });
  if (size === null) return null;
  return { type: 'stream', intervalMs, count, size };
}

/** Enter takes the default; a bad answer is explained and asked again. Null when input ends. */
async function askNumber(
  ctx: ClientLoopContext,
  label: string,
  fallback: number,
  parse: (value: string) => number,
): Promise<number | null> {
  for (let attempt = 0; attempt < ANSWER_ATTEMPTS_MAX; attempt++) {
    const answer = await ctx.reader.ask(`${label} [${fallback}]: `);
    if (answer === null) return null;
    if (answer.trim() === '') return fallback;
    try {
      return parse(answer.trim());
    } catch (err) {
      ctx.out.stderr.write(`${label}: ${(err as Error).message}\n`);
    }
  }
  ctx.out.stderr.write(`${label}: no valid answer, back to the prompt.\n`);
  return null;
}
