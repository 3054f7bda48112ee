// Exactness checks: a benchmark that moved the wrong number of bytes measured nothing.
import type { ExchangeSummary } from '../../src-shared/events.js';
import type { ClientRun } from '../child/agent-protocol.js';
import { BrokenBenchmark } from './result.js';

/** The one client summary of a run, or BrokenBenchmark with the error it ended in. */
export function summaryOf(run: ClientRun | undefined, what: string): ExchangeSummary {
  if (!run?.summary) throw new BrokenBenchmark(`${what}: ${run?.error ?? 'no summary'}`);
  return run.summary;
}

/** A TCP transfer must deliver exactly what was asked, ended by the server's FIN. */
export function expectExact(s: ExchangeSummary, bytes: number, what: string): void {
  if (s.bytes !== bytes || s.end !== 'fin' || s.lost !== 0) {
    throw new BrokenBenchmark(`${what}: got ${s.bytes} of ${bytes} bytes, lost ${s.lost}, ended ${s.end}`);
  }
}

/** The server's own summary for a request of `bytes`, exactly one per exchange. */
export function serverSummaryFor(
  summaries: readonly ExchangeSummary[],
  bytes: number,
  what: string,
): ExchangeSummary {
  const mine = summaries.filter((s) => s.expected === bytes);
  if (mine.length !== 1)
    throw new BrokenBenchmark(`${what}: ${mine.length} server summaries for ${bytes} bytes`);
  return mine[0]!;
}

/** The server's own count of payload bytes sent must be the file size. */
export function expectSent(s: ExchangeSummary, bytes: number, what: string): void {
  if (s.bytes !== bytes)
    throw new BrokenBenchmark(`${what}: the server says it sent ${s.bytes} of ${bytes} bytes`);
}

/**
 * UDP accounting must be exact: the server sent the whole file by its own count, the client
 * never counts more than that, and its `lost` is exactly sent − received.
 */
export function expectUdpAccounting(
  client: ExchangeSummary,
  server: ExchangeSummary,
  chars: number,
  what: string,
): void {
  expectSent(server, chars, what);
  if (client.bytes > server.bytes) {
    throw new BrokenBenchmark(
      `${what}: client counted ${client.bytes} bytes, the server sent ${server.bytes}`,
    );
  }
  if (client.lost !== server.bytes - client.bytes) {
    throw new BrokenBenchmark(
      `${what}: client says ${client.lost} lost, but sent − received = ${server.bytes - client.bytes}`,
    );
  }
}
