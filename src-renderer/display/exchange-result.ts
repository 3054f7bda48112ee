// How an exchange ended, as one word a student can read without the colour: done, short,
// refused, timed out, error, cancelled (or running), with its sentence for the tooltip.
import { END_TEXT } from '../../src-shared/endings.js';
import type { ExchangeSummary } from '../../src-shared/events.js';

export type ResultKind = 'running' | 'done' | 'short' | 'refused' | 'timeout' | 'error' | 'cancelled';

export const RESULT_WORDS: Record<ResultKind, string> = {
  running: 'running',
  done: 'done',
  short: 'short',
  refused: 'refused',
  timeout: 'timed out',
  error: 'error',
  cancelled: 'cancelled',
};

/** Error codes that mean "the other side said no" (a server's refusal, a closed port). */
const REFUSAL_CODES = new Set(['CONNECTION_REFUSED', 'BUSY', 'BAD_REQUEST']);
const TIMEOUT_CODES = new Set(['TIMEOUT', 'PREPARE_TIMEOUT']);

export interface ExchangeResult {
  kind: ResultKind;
  word: string;
  /** The sentence behind the word: the error's message, never its code. */
  sentence: string;
}

export function resultOf(summary: ExchangeSummary | null): ExchangeResult {
  if (!summary) return { kind: 'running', word: RESULT_WORDS.running, sentence: 'Still running.' };
  const kind = kindOf(summary);
  const sentence = summary.error ? summary.error.message : END_TEXT[summary.end];
  return { kind, word: RESULT_WORDS[kind], sentence };
}

function kindOf(s: ExchangeSummary): ResultKind {
  if (s.end === 'cancelled') return 'cancelled';
  if (s.end === 'short' || s.error?.code === 'CUT_SHORT') return 'short';
  // A server's refusal ends its side 'done' (it sent the refusal line), but it is no success.
  if (s.error && REFUSAL_CODES.has(s.error.code)) return 'refused';
  if (s.end === 'reply-timeout' || s.end === 'prepare-timeout' || (s.error && TIMEOUT_CODES.has(s.error.code))) {
    return 'timeout';
  }
  if (s.end === 'error' || s.error) return 'error';
  return 'done';
}

/** The command as the student typed it: the request text, or the command's name. */
export function commandText(request: string, command: ExchangeSummary['command']): string {
  const text = request.trim();
  if (text) return text;
  return command === 'bad' ? '(bad request)' : (command ?? '');
}
