// The exchange summary with the explanations a student needs to read it (what TCP reads are,
// why UDP ends by timeout, which sequence numbers never arrived).
import type { ReactNode } from 'react';
import { RATE_UNMEASURABLE } from '../../src-shared/endings.js';
import type { ExchangeSummary, LinkDirectionStats, LinkDropCause } from '../../src-shared/events.js';
import { endingSentences, endLabel, summaryHeadline } from '../../src-shared/format/summary.js';
import { LINK_TCP_LOSS_NOTE } from '../../src-shared/link/limits.js';
import { fmtBits, fmtBytes, fmtInt, fmtMs, fmtPercent, fmtRate } from '../display/format.js';
import { describeMissingRanges, toRanges } from '../../src-shared/wire/ranges.js';
import { summaryWireFacts, summaryWireLabel } from '../../src-shared/wire/summary-wire.js';
import { WIRE_ESTIMATE_NOTE } from '../../src-shared/wire/wire-size.js';
import type { LinkView } from '../store/link-batch.js';

const COMMAND_NAMES: Record<string, string> = {
  echo: 'Echo',
  file: 'File',
  stream: 'Stream',
  bad: 'Bad request',
};

/** How it ended, in the sentences the CLI's "ended: …" line and the event log use. */
export function endReasonText(s: ExchangeSummary): string {
  return endingSentences(s);
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
  const ranges = s.missingRanges ?? toRanges(s.missingSample);
  return (
    <Row label="Segments">
      {fmtInt(s.segmentsReceived)} of {fmtInt(s.segmentsExpected)} by sequence number
      {s.missing > 0 ? (
        <p className="explain">
          Missing ({fmtInt(s.missing)}):{' '}
          <span className="mono">{describeMissingRanges(ranges, s.missing, s.missingRangeCount)}</span>
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

/** On-wire bytes beside the payload, with how they are estimated (WIRE_ESTIMATE_NOTE, one source). */
function WireRow({ s }: { s: ExchangeSummary }) {
  const facts = summaryWireFacts(s);
  if (facts === null) return null;
  const label = summaryWireLabel(s.proto);
  return (
    <Row label={label.charAt(0).toUpperCase() + label.slice(1)}>
      <span data-testid="wire-estimate">{facts}</span>
      <details className="explain">
        <summary>How is this computed?</summary>
        {WIRE_ESTIMATE_NOTE}
      </details>
    </Row>
  );
}

const CAUSE_NAMES: Record<LinkDropCause, string> = { random: 'random', burst: 'burst', queue: 'queue full', mtu: 'over MTU' };

/** "98 of 1,000 datagrams dropped (random 98) · 3 duplicated · delay p50 2.0 ms, p99 2.1 ms" */
function directionText(d: LinkDirectionStats, proto: ExchangeSummary['proto']): string {
  const unit = (n: number): string => (proto === 'udp' ? (n === 1 ? 'datagram' : 'datagrams') : n === 1 ? 'chunk' : 'chunks');
  const dropped = Object.values(d.dropped).reduce((a, b) => a + b, 0);
  const causes = (Object.keys(CAUSE_NAMES) as LinkDropCause[])
    .filter((c) => d.dropped[c] > 0)
    .map((c) => `${CAUSE_NAMES[c]} ${fmtInt(d.dropped[c])}`);
  const parts = [`${fmtInt(d.packetsIn)} ${unit(d.packetsIn)} in, ${fmtInt(d.packetsOut)} out`];
  if (dropped > 0) parts.push(`${fmtInt(dropped)} dropped (${causes.join(', ')})`);
  if (d.fragmented > 0) parts.push(`${fmtInt(d.fragmented)} fragmented`);
  if (d.duplicated > 0) parts.push(`${fmtInt(d.duplicated)} duplicated`);
  if (d.reordered > 0) parts.push(`${fmtInt(d.reordered)} reordered`);
  if (d.delayP50Ms !== null) parts.push(`delay p50 ${fmtMs(d.delayP50Ms)}, p99 ${fmtMs(d.delayP99Ms ?? d.delayP50Ms)}`);
  return parts.join(' · ');
}

/** Which conditions the exchange went through and what the link did to it. */
function LinkRows({ s, link }: { s: ExchangeSummary; link: LinkView | null }) {
  const stats = link?.exchange === s.exchange ? link.stats : null;
  const live = link?.exchange === s.exchange ? link : null;
  if (!s.conditions && !stats) return null;
  return (
    <>
      <Row label="Conditions">
        <span className="mono">{s.conditions ?? stats?.conditions}</span>
        {stats && !/seed/.test(s.conditions ?? stats.conditions) ? <span className="muted"> · seed {stats.seed}</span> : null}
      </Row>
      <Row label="The link did">
        {stats ? (
          <>
            <p>
              <span className="muted">client → server:</span> {directionText(stats.upstream, s.proto)}
            </p>
            <p>
              <span className="muted">server → client:</span> {directionText(stats.downstream, s.proto)}
            </p>
          </>
        ) : (
          <p>
            {fmtInt(live?.drops ?? 0)} dropped{live?.duplicated ? `, ${fmtInt(live.duplicated)} duplicated` : ''} so far
            <span className="muted"> (the link’s summary follows when its side of the exchange ends)</span>
          </p>
        )}
        {s.proto === 'tcp' ? (
          <p className="explain">{LINK_TCP_LOSS_NOTE}.</p>
        ) : null}
      </Row>
    </>
  );
}

export function SummaryPanel({ summary, link = null }: { summary: ExchangeSummary | null; link?: LinkView | null }) {
  return (
    <section role="region" aria-label="Summary" className="card summary">
      <div className="card-head">
        <h3>Summary</h3>
        {summary ? <span className={`pill end-${summary.end}`}>{endLabel(summary.end)}</span> : null}
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
          <p className="summary-sentence">{summaryHeadline(summary)}</p>
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
            <WireRow s={summary} />
            {summary.prepareMs !== null ? (
              <Row label="file_prepared after">{fmtMs(summary.prepareMs)}</Row>
            ) : null}
            <LinkRows s={summary} link={link} />
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
