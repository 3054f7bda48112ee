// The exchange summary with the explanations a student needs to read it (what TCP reads are,
// why UDP ends by timeout, which sequence numbers never arrived).
import type { ReactNode } from 'react';
import { cappedStreamSentence, QUEUED_NOT_CONFIRMED, RATE_UNMEASURABLE } from '../../src-shared/endings.js';
import type { EndReason, ExchangeSummary } from '../../src-shared/events.js';
import { fmtBits, fmtBytes, fmtInt, fmtMs, fmtPercent, fmtRate } from '../display/format.js';

const COMMAND_NAMES: Record<string, string> = {
  echo: 'Echo',
  file: 'File',
  stream: 'Stream',
  bad: 'Bad request',
};

export function endReasonText(s: ExchangeSummary): string {
  const reasons: Record<EndReason, string> = {
    fin: 'The server closed the connection (FIN): TCP’s end of transmission.',
    'idle-timeout':
      'No datagram arrived for the idle timeout, so the client stopped waiting: UDP has no end marker.',
    'prepare-timeout': 'file_prepared never arrived within the wait for it: is a server listening there?',
    // The sentences themselves come from src-shared/endings.ts, through the summary's error.
    'reply-timeout': `Timed out${s.error ? `: ${s.error.message}` : '.'}`,
    short: `Cut short${s.error ? `: ${s.error.message}` : ': fewer bytes than expected arrived.'}`,
    error: `An error ended it${s.error ? `: ${s.error.message}` : '.'}`,
    cancelled: 'You cancelled it.',
    done: 'Complete: everything expected arrived.',
  };
  const notes = [reasons[s.end]];
  if (s.streamCap) notes.push(`Not loss: ${cappedStreamSentence(s.streamCap.sent, s.streamCap.requested)}.`);
  if (s.queuedNotConfirmed) notes.push(`Bytes counted are what the kernel took: ${QUEUED_NOT_CONFIRMED}.`);
  return notes.join(' ');
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function PacketsRow({ s }: { s: ExchangeSummary }) {
  if (s.proto === 'tcp') {
    return (
      <Row label="Socket reads">
        {fmtInt(s.reads)}
        <p className="explain">
          TCP delivers a byte stream: this counts how often the socket handed data to the client, not the TCP
          segments on the wire (the kernel merges and splits them; Wireshark shows the segments).
        </p>
      </Row>
    );
  }
  return (
    <Row label="Datagrams">
      {fmtInt(s.datagrams)}
      <p className="explain">
        UDP keeps message boundaries: one datagram sent is one datagram received, or none.
      </p>
    </Row>
  );
}

function SegmentsRow({ s }: { s: ExchangeSummary }) {
  if (s.segmentsExpected === 0) return null;
  const more = s.missing - s.missingSample.length;
  return (
    <Row label="Segments">
      {fmtInt(s.segmentsReceived)} of {fmtInt(s.segmentsExpected)} by sequence number
      {s.missing > 0 ? (
        <p className="explain">
          Missing ({fmtInt(s.missing)}): <span className="mono">{s.missingSample.join(', ')}</span>
          {more > 0 ? ` and ${fmtInt(more)} more` : ''}
        </p>
      ) : null}
      {s.outOfOrder > 0 || s.duplicated > 0 ? (
        <p className="explain">
          {fmtInt(s.outOfOrder)} out of order, {fmtInt(s.duplicated)} duplicated.
        </p>
      ) : null}
    </Row>
  );
}

export function SummaryPanel({ summary }: { summary: ExchangeSummary | null }) {
  return (
    <section role="region" aria-label="Summary" className="card summary">
      <div className="card-head">
        <h3>Summary</h3>
        {summary ? <span className={`pill end-${summary.end}`}>{summary.end === 'short' ? 'cut short' : summary.end.replace('-', ' ')}</span> : null}
      </div>
      {!summary ? (
        <p className="muted">Send a request: its summary appears here when the exchange ends.</p>
      ) : (
        <>
          <p className="summary-title">
            {COMMAND_NAMES[summary.command ?? ''] ?? 'Request'} over {summary.proto.toUpperCase()} ·{' '}
            <span className="mono">
              {summary.request.length > 60 ? `${summary.request.slice(0, 60)}…` : summary.request}
            </span>
          </p>
          <dl className="facts">
            <Row label="Received">
              {fmtInt(summary.bytes)} bytes
              {summary.expected !== null
                ? ` of ${fmtInt(summary.expected)} (${fmtPercent(summary.bytes, summary.expected)})`
                : ''}
            </Row>
            <Row label="Lost">
              {summary.expected === null ? 'unknown (nothing was expected)' : `${fmtInt(summary.lost)} bytes`}
            </Row>
            <Row label="Duration">{fmtMs(summary.durationMs)}</Row>
            <Row label="Throughput">
              {summary.throughputBps === 0 && summary.bytes > 0 ? (
                RATE_UNMEASURABLE
              ) : (
                <>
                  {fmtRate(summary.throughputBps)}{' '}
                  <span className="muted">({fmtBits(summary.throughputBps)})</span>
                </>
              )}
            </Row>
            <PacketsRow s={summary} />
            <SegmentsRow s={summary} />
            {summary.prepareMs !== null ? (
              <Row label="file_prepared after">{fmtMs(summary.prepareMs)}</Row>
            ) : null}
            <Row label="How it ended">{endReasonText(summary)}</Row>
          </dl>
          {summary.bytes > 0 && summary.expected !== null && summary.bytes > summary.expected ? (
            <p className="explain">
              More than expected arrived ({fmtBytes(summary.bytes - summary.expected)} extra).
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
