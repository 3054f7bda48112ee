// CSV export streams the session journal line by line through csv-stringify, with backpressure end
// to end (file → lines → rows → CSV → destination): a million-event export needs no more memory
// than a ten-event one.
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CSV_COLUMNS, eventToCsvRow } from '../../src-shared/events.js';
import type { LabEvent } from '../../src-shared/events.js';

/** Splits NDJSON text into CSV rows; `rows` counts what went out. */
class JournalLinesToRows extends Transform {
  rows = 0;
  private rest = '';

  constructor() {
    super({ readableObjectMode: true, decodeStrings: false });
  }

  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.pushLine(line);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushLine(this.rest);
    this.rest = '';
    done();
  }

  private pushLine(line: string): void {
    if (line.trim() === '') return;
    let event: LabEvent;
    try {
      event = JSON.parse(line) as LabEvent;
    } catch {
      // A journal cut short by a crash ends in a partial line; the rows before it still count.
      return;
    }
    // The journal's own lines (the end marker of a clean close) are not events.
    if (typeof event?.seq !== 'number') return;
    this.rows += 1;
    this.push(eventToCsvRow(event));
  }
}

/**
 * OWASP "CSV injection": a text cell starting with = + - @ tab or CR is prefixed with a single
 * quote, so a spreadsheet shows a peer's echo text instead of running it as a formula.
 * csv-stringify leaves a cell that is a JS number alone (a negative number is not a formula), so
 * the numeric columns of eventToCsvRow must stay numbers, never pre-formatted strings.
 */
export const CSV_STRINGIFY_OPTIONS = {
  header: true,
  columns: [...CSV_COLUMNS],
  escape_formulas: true,
} as const;

export interface CsvStream {
  stream: Readable;
  /** Resolves with the number of rows once the stream has ended. */
  done: Promise<number>;
}

/**
 * CSV of the first `endByte` bytes of a journal (a snapshot: events appended meanwhile are not
 * cut in half). The header row is always there, also for an empty journal.
 */
export function journalToCsv(journalPath: string, endByte: number): CsvStream {
  const source =
    endByte > 0 ? createReadStream(journalPath, { encoding: 'utf8', end: endByte - 1 }) : Readable.from([]);
  const toRows = new JournalLinesToRows();
  let stream!: Readable;
  // Errors anywhere destroy the whole chain, so the reader of `stream` sees them too.
  const done = new Promise<number>((resolve, reject) => {
    stream = pipeline(source, toRows, stringify(CSV_STRINGIFY_OPTIONS), (err) =>
      err ? reject(err) : resolve(toRows.rows),
    );
  });
  // A caller that only reads the stream sees errors there; `done` must not crash it as unhandled.
  done.catch(() => undefined);
  return { stream, done };
}

/** Writes the CSV next to `outPath` first and renames it, so a failed export leaves no half file. */
export async function exportJournalCsv(
  journalPath: string,
  endByte: number,
  outPath: string,
): Promise<number> {
  const partPath = `${outPath}.part`;
  const { stream, done } = journalToCsv(journalPath, endByte);
  try {
    await pipelineAsync(stream, createWriteStream(partPath));
    const rows = await done;
    renameSync(partPath, outPath);
    return rows;
  } catch (err) {
    rmSync(partPath, { force: true });
    throw err;
  }
}
