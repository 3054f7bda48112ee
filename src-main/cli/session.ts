// What every `netlab` run shares: one Lab for the run, the --csv export at its end, and failures
// reported as one line on stderr with a non-zero exit status.
import type { LabResult } from '../../src-shared/api.js';
import { WHOLE_SESSION } from '../../src-shared/lab-report.js';
import { LabError } from '../engine/errors.js';
import { Lab } from '../engine/lab.js';

/** Exit status for a failed run (bad arguments exit through commander with its own status). */
export const EXIT_FAILURE = 1;
/** The shell's status for "stopped by Ctrl-C" (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function reportFailure(err: unknown): void {
  const message =
    err instanceof LabError
      ? `${err.message} [${err.code}]`
      : err instanceof Error
        ? err.message
        : String(err);
  process.stderr.write(`netlab: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = EXIT_FAILURE;
}

/** The value of an ok result; a failed one ends the run with its code and message. */
export function unwrap<T>(result: LabResult<T>): T {
  if (result.ok) return result.value;
  throw new LabError(result.error.code, result.error.message);
}

/**
 * Runs `body` with a fresh Lab, then writes the CSV and the lab report (if asked) and closes the
 * lab — also when `body` failed, so the journal is flushed and both hold what happened up to the
 * failure. The report comes from the journal: every exchange of this run, one row each.
 */
export async function withLab(
  csvPath: string | undefined,
  body: (lab: Lab) => Promise<void>,
  summaryCsvPath?: string,
): Promise<void> {
  const lab = await Lab.create();
  try {
    await body(lab);
  } finally {
    try {
      if (csvPath !== undefined) {
        const { rows, path } = unwrap(await lab.exportCsv({ path: csvPath }));
        process.stderr.write(`netlab: wrote ${rows} events to ${path}\n`);
      }
      if (summaryCsvPath !== undefined) {
        const report = unwrap(await lab.exportReport({ path: summaryCsvPath, scope: WHOLE_SESSION }));
        process.stderr.write(`netlab: wrote the lab report, ${report.rows} exchanges, to ${report.path}\n`);
      }
    } finally {
      await lab.close();
    }
  }
}
