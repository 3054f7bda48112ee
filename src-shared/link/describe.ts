// The one formatter for link conditions and what a link did: used by event details, summaries,
// the CSV, the CLI and the UI ("lossy-10: loss 10 %, delay 2 ms, seed 42").
import type { LinkDirectionStats, LinkExchangeStats } from '../events.js';
import type { Proto } from '../protocol/limits.js';
import type { DirectionConditions, LinkConditions } from './conditions.js';
import { LINK_DEFAULT_QUEUE_BYTES, LINK_DEFAULT_REORDER_DELAY_MS } from './conditions.js';
import { formatBytes, formatMs, formatPct, formatRate } from './units.js';

/** The settings of one direction in words; '' when the direction is perfect. */
export function describeDirection(d: DirectionConditions, proto?: Proto): string {
  const parts: string[] = [];
  const tcp = proto === 'tcp';
  if (d.lossPct > 0) {
    parts.push(
      tcp
        ? `loss ${formatPct(d.lossPct)} as ${formatMs(d.tcpRetransmitMs)} retransmission delay`
        : `loss ${formatPct(d.lossPct)}`,
    );
  }
  if (d.burst && !tcp) {
    const b = d.burst;
    const lossNote = b.badLossPct === 100 ? '' : `, ${formatPct(b.badLossPct)} lost in a burst`;
    parts.push(`burst loss ${formatPct(b.goodToBadPct)} → bad, ${formatPct(b.badToGoodPct)} → good${lossNote}`);
  }
  if (d.dupPct > 0 && !tcp) parts.push(`duplicate ${formatPct(d.dupPct)}`);
  if (d.reorderPct > 0 && !tcp) {
    const by = d.reorderDelayMs === LINK_DEFAULT_REORDER_DELAY_MS ? '' : ` by ${formatMs(d.reorderDelayMs)}`;
    parts.push(`reorder ${formatPct(d.reorderPct)}${by}`);
  }
  if (d.delayMs > 0 || d.jitterMs > 0) {
    parts.push(d.jitterMs > 0 ? `delay ${formatMs(d.delayMs)} ± ${formatMs(d.jitterMs)}` : `delay ${formatMs(d.delayMs)}`);
  }
  if (d.rateBytesPerSec > 0) {
    const queue = d.queueBytes === LINK_DEFAULT_QUEUE_BYTES ? '' : `, queue ${formatBytes(d.queueBytes)}`;
    parts.push(`rate ${formatRate(d.rateBytesPerSec)}${queue}`);
  }
  if (d.mtuBytes > 0 && !tcp) parts.push(`MTU ${d.mtuBytes} B (${d.mtuAction === 'drop' ? 'drop' : 'fragment'} above)`);
  if (d.sliceBytes > 0 && proto !== 'udp') {
    parts.push(d.sliceVarBytes > 0 ? `slice ${d.sliceBytes} ± ${d.sliceVarBytes} B` : `slice ${d.sliceBytes} B`);
  }
  if (d.stallMs > 0 && proto !== 'udp') parts.push(`stall ${formatMs(d.stallMs)} after ${formatBytes(d.stallAfterBytes)}`);
  if (d.resetAfterBytes > 0 && proto !== 'udp') parts.push(`reset after ${formatBytes(d.resetAfterBytes)}`);
  return parts.join(', ');
}

/** Both directions and the seed, as a summary and the CSV show them. */
export function describeConditions(c: LinkConditions, proto?: Proto): string {
  const up = describeDirection(c.upstream, proto);
  const down = describeDirection(c.downstream, proto);
  let body: string;
  if (up === down) body = up === '' ? 'no conditions' : up;
  else body = [up === '' ? '' : `up: ${up}`, down === '' ? '' : `down: ${down}`].filter((s) => s !== '').join('; ');
  const prefix = c.preset ? `${c.preset}: ` : '';
  return `${prefix}${body}, seed ${c.seed}`;
}

/** Whether a direction does anything at all (the relay then only copies bytes). */
export function isPerfect(d: DirectionConditions, proto?: Proto): boolean {
  return describeDirection(d, proto) === '';
}

function describeStats(name: string, s: LinkDirectionStats, unit: string): string {
  const dropped = s.dropped.random + s.dropped.burst + s.dropped.queue + s.dropped.mtu;
  const parts = [`${name} ${s.packetsIn} ${unit} in, ${s.packetsOut} out`];
  if (dropped > 0) {
    const causes = (Object.entries(s.dropped) as [string, number][])
      .filter(([, n]) => n > 0)
      .map(([cause, n]) => `${cause} ${n}`)
      .join(', ');
    parts.push(`dropped ${dropped} (${causes})`);
  }
  if (s.duplicated > 0) parts.push(`duplicated ${s.duplicated}`);
  if (s.reordered > 0) parts.push(`reordered ${s.reordered}`);
  if (s.fragmented > 0) parts.push(`fragmented ${s.fragmented}`);
  if (s.delayP50Ms !== null && s.delayP99Ms !== null && s.delayP99Ms >= 0.05) {
    parts.push(`delay p50 ${formatMs(s.delayP50Ms)} p99 ${formatMs(s.delayP99Ms)}`);
  }
  return parts.join(', ');
}

/** One line per exchange: what the link did in each direction. */
export function describeLinkStats(l: LinkExchangeStats, proto: Proto): string {
  const unit = proto === 'udp' ? 'datagrams' : 'chunks';
  return `${describeStats('up', l.upstream, unit)}; ${describeStats('down', l.downstream, unit)} — ${l.conditions}`;
}
