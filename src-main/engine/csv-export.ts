// CSV exports stream the session journal line by line through csv-stringify, with backpressure end
// to end (file → lines → rows → CSV → destination): a million-event export needs no more memory
// than a ten-event one. Two exports share the one NDJSON reader (JournalLinesToRows): every event
// (one row per packet), and the lab report (one numeric row per exchange, report-export.ts).
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CSV_COLUMNS, eventToCsvRow } from '../../src-shared/events.js';
import type { LabEvent } from '../../src-shared/events.js';

export type CsvRow = (string | number)[];
/** One journal event → its CSV row, or null to leave it out. Called in journal order. */
export type EventToRow = (event: LabEvent) => CsvRow | null;

/** Splits NDJSON text into journal events and maps each to a row; `rows` counts what went out. */
export class JournalLinesToRows extends Transform {
  rows = 0;
  private rest = '';

  constructor(private readonly toRow: EventToRow) {
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
    const row = this.toRow(event);
    if (row === null) return;
    this.rows += 1;
    this.push(row);
  }
}

/** How many exchanges' request times an export remembers at once (the oldest is forgotten first). */
export const EXCHANGE_CLOCK_MAX = 10_000;

/**
 * t_exchange_ms while streaming: each exchange's request time, per endpoint (both ends of one
 * exchange have their own request event). Bounded: past EXCHANGE_CLOCK_MAX open exchanges the
 * oldest is forgotten, and its later events get an empty cell rather than a wrong number.
 */
export class ExchangeClock {
  private readonly requestT = new Map<string, number>();

  constructor(private readonly max = EXCHANGE_CLOCK_MAX) {}

  /** ms since the event's exchange's request; null without an exchange or before its request. */
  sinceRequest(e: LabEvent): number | null {
    if (e.exchange === null) return null;
    const key = `${e.endpoint}\u0000${e.exchange}`;
    if (e.kind === 'request' && !this.requestT.has(key)) {
      if (this.requestT.size >= this.max) this.requestT.delete(this.requestT.keys().next().value!);
      this.requestT.set(key, e.t);
    }
    const start = this.requestT.get(key);
    return start === undefined ? null : e.t - start;
  }

  get size(): number {
    return this.requestT.size;
  }
}

/** Every event, one row each, with its time since the exchange's request. */
export function eventRows(): EventToRow {
  const clock = new ExchangeClock();
  return (event) => eventToCsvRow(event, clock.sinceRequest(event));
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

/** What a journal export writes: its columns (the header row) and each event's row. */
export interface JournalCsvFormat {
  columns: readonly string[];
  toRow: EventToRow;
}

const EVENT_FORMAT = (): JournalCsvFormat => ({ columns: CSV_COLUMNS, toRow: eventRows() });

/**
 * CSV of the first `endByte` bytes of a journal (a snapshot: events appended meanwhile are not
 * cut in half). The header row is always there, also for an empty journal.
 */
export function journalToCsv(journalPath: string, endByte: number, format = EVENT_FORMAT()): CsvStream {
  const source =
    endByte > 0 ? createReadStream(journalPath, { encoding: 'utf8', end: endByte - 1 }) : Readable.from([]);
  const toRows = new JournalLinesToRows(format.toRow);
  const csv = stringify({ ...CSV_STRINGIFY_OPTIONS, columns: [...format.columns] });
  let stream!: Readable;
  // Errors anywhere destroy the whole chain, so the reader of `stream` sees them too.
  const done = new Promise<number>((resolve, reject) => {
    stream = pipeline(source, toRows, csv, (err) => (err ? reject(err) : resolve(toRows.rows)));
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
  format = EVENT_FORMAT(),
): Promise<number> {
  const partPath = `${outPath}.part`;
  const { stream, done } = journalToCsv(journalPath, endByte, format);
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
