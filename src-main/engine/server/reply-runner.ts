// Sends a planned reply through a PayloadWriter: the one place echo, file and stream replies are
// written, for TCP and UDP alike.
import { FILE_PREPARED } from '../../../src-shared/protocol/limits.js';
import { fillStreamSegment, sequenceForIndex } from '../../../src-shared/protocol/stream-segment.js';
import type { ExchangeReporter, ServerEnd } from './exchange-reporter.js';
import { FILE_WRITE_CHUNK_BYTES, sendFill } from './file-sender.js';
import type { PayloadWriter } from './payload-writer.js';
import type { ReplyPlan } from './reply-plan.js';
import { paceStream } from './stream-pacer.js';

const FILE_PREPARED_MARKER = Buffer.from(FILE_PREPARED, 'latin1');

export interface ReplyContext {
  writer: PayloadWriter;
  reporter: ExchangeReporter;
  /** File payload bytes per write / datagram: TCP FILE_WRITE_CHUNK_BYTES, UDP the server's chunk size. */
  fileChunkBytes: number;
  signal: AbortSignal;
}

/** Sends the reply and flushes it; resolves how the exchange ended ('error' = the transport failed). */
export async function sendReply(plan: ReplyPlan, ctx: ReplyContext): Promise<ServerEnd> {
  const sent = await sendPlanned(plan, ctx);
  if (sent && (await ctx.writer.finish())) return 'done';
  return ctx.signal.aborted ? 'cancelled' : 'error';
}

async function sendPlanned(plan: ReplyPlan, ctx: ReplyContext): Promise<boolean> {
  const { writer, reporter } = ctx;
  switch (plan.kind) {
    case 'none':
      return true;
    case 'text':
      writer.write(plan.bytes);
      reporter.tx(plan.bytes.length);
      return writer.open;
    case 'file': {
      // The marker is its own write / datagram, sent before any payload (docs/protocol.md §3).
      const more = writer.write(FILE_PREPARED_MARKER);
      reporter.prepared();
      if (!more && !(await writer.drained())) return false;
      return sendFill(writer, plan.chars, { chunkBytes: ctx.fileChunkBytes, onWrite: (n) => reporter.tx(n) });
    }
    case 'stream': {
      const { intervalMs, count } = plan;
      const result = await paceStream({ intervalMs, count, signal: ctx.signal }, (index) =>
        sendSegment(plan, index, ctx),
      );
      return result === 'done';
    }
  }
}

type StreamPlan = Extract<ReplyPlan, { kind: 'stream' }>;

/**
 * One segment: a single write / datagram up to FILE_WRITE_CHUNK_BYTES (UDP segments are at most
 * 65,507 bytes, so always one datagram); a longer TCP segment is several writes from the fill buffer.
 */
async function sendSegment(plan: StreamPlan, index: number, ctx: ReplyContext): Promise<boolean> {
  const sequence = sequenceForIndex(index, plan.count);
  // Only the numbered head needs its own buffer; without numbers the segment is all fill.
  const head = plan.sequenceNumbers
    ? fillStreamSegment(Buffer.allocUnsafe(Math.min(plan.size, FILE_WRITE_CHUNK_BYTES)), sequence)
    : undefined;
  const sent = await sendFill(ctx.writer, plan.size, {
    chunkBytes: FILE_WRITE_CHUNK_BYTES,
    onWrite: (n) => ctx.reporter.tx(n, sequence),
    head,
  });
  if (sent) ctx.reporter.segmentDone();
  return sent;
}
