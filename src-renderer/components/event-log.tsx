// The event log: a virtualised ARIA table over the store's bounded ring. Only the visible rows
// exist in the DOM, and it re-reads the ring at most UI_REFRESH_MS apart. A filter (kind,
// exchange, peer, text) narrows it incrementally (log-filter.ts); a row opens in full on click.
// Times count from the exchange's request, or from the session's first event for a row of no
// exchange; the wall-clock time is in the cell's tooltip.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { LogRow } from '../store/event-ring.js';
import type { ExchangeView } from '../store/exchanges.js';
import { LogFilter, NO_FILTER, isFiltering, relativeMs } from '../store/log-filter.js';
import type { LogFilterCriteria } from '../store/log-filter.js';
import { useBase, useBaseStore, useBaseThrottled } from '../store/store-context.js';
import { fmtInt } from '../display/format.js';
import { EventDetail, wallTime } from './event-detail.js';
import type { EventTimes } from './event-detail.js';
import { LogFilterBar } from './event-log-filter.js';

const ROW_HEIGHT_PX = 24;
/** Rows rendered beyond the viewport, so fast scrolling shows no blank rows. */
const OVERSCAN_ROWS = 4;
const LOG_HEIGHT_PX = 320;
/** Rows drawn while following the newest events: those that fit, plus one partly visible. */
const FOLLOW_ROWS = Math.ceil(LOG_HEIGHT_PX / ROW_HEIGHT_PX) + 1;
/**
 * Rows are keyed by slot (index modulo this), so when new events push the window down React
 * updates the same few dozen row elements instead of replacing them. Must exceed the rows
 * rendered at once (viewport / ROW_HEIGHT_PX + 2 × OVERSCAN_ROWS).
 */
const ROW_SLOTS = 256;
/** Within this distance of the bottom the log keeps following new events. */
const FOLLOW_SLACK_PX = 48;

/** The log's columns: header text, cell class, and what a cell shows. */
const COLUMNS: { title: string; className: string; cell(e: LogRow, times: EventTimes): ReactNode }[] = [
  {
    title: 'time',
    className: 'c-t',
    cell: (e, times) => (
      <span title={`${wallTime(e.t, times.wallOffsetMs) ?? ''} (${times.baseName})`.trim()}>{relativeMs(e.t, times.base)}</span>
    ),
  },
  { title: 'kind', className: 'c-kind', cell: (e) => <span className="kind-tag">{e.kind}</span> },
  { title: 'bytes', className: 'c-num', cell: (e) => (e.bytes === null ? '' : fmtInt(e.bytes)) },
  { title: 'segment', className: 'c-num', cell: (e) => (e.segment === null ? '' : e.segment) },
  // Its own column, so a tx / rx row (which has no detail text) never reads as if the id were its detail.
  { title: 'exchange', className: 'c-x', cell: (e) => e.exchange ?? '' },
  { title: 'detail', className: 'c-detail', cell: (e) => e.detail },
];

/** What a row's time counts from: its exchange's request (else its first event), or the session start. */
function timesOf(
  row: LogRow,
  exchanges: Record<string, ExchangeView>,
  logStartT: number | null,
  wallOffsetMs: number | null,
): EventTimes {
  const x = row.exchange === null ? undefined : exchanges[row.exchange];
  if (x) {
    return x.requestT !== null
      ? { base: x.requestT, baseName: `since exchange ${x.id}’s request`, wallOffsetMs }
      : { base: x.startT, baseName: `since exchange ${x.id}’s first event`, wallOffsetMs };
  }
  return { base: logStartT ?? 0, baseName: 'since the session’s first event', wallOffsetMs };
}

function Row({
  event,
  index,
  start,
  times,
  onOpen,
}: {
  event: LogRow;
  index: number;
  start: number;
  times: EventTimes;
  onOpen(row: LogRow): void;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      tabIndex={0}
      className={`log-row kind-${event.kind}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onOpen(event)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(event);
        }
      }}
    >
      {COLUMNS.map((c) => (
        <div key={c.title} role="cell" className={c.className} title={c.title === 'detail' ? event.detail : undefined}>
          {c.cell(event, times)}
        </div>
      ))}
    </div>
  );
}

export function EventLog() {
  const store = useBaseStore();
  // One number that changes per batch, read at most 5 times a second.
  const version = useBaseThrottled((s) => s.eventsVersion);
  const ring = store.getState().ring;
  // What the times count from: read with the rows, at most UI_REFRESH_MS apart.
  const exchanges = useBaseThrottled((s) => s.exchanges);
  const logStartT = useBase((s) => s.logStartT);
  const wallOffsetMs = useBase((s) => s.logWallOffsetMs);
  const [criteria, setCriteria] = useState<LogFilterCriteria>(NO_FILTER);
  const [open, setOpen] = useState<{ row: LogRow; times: EventTimes } | null>(null);
  const filterRef = useRef<{ filter: LogFilter; criteria: LogFilterCriteria } | null>(null);
  const filtering = isFiltering(criteria);
  if (filterRef.current === null || filterRef.current.criteria !== criteria) {
    const filter = filterRef.current?.filter ?? new LogFilter();
    filter.setCriteria(criteria);
    filterRef.current = { filter, criteria };
  }
  const filter = filterRef.current.filter;
  // Scans only the rows added since the last render (all of the ring once after a filter change).
  const count = filtering ? filter.update(ring) : ring.length;
  const rowAt = (i: number): LogRow | undefined => (filtering ? filter.at(ring, i) : ring.at(i));
  const dropped = ring.dropped;
  const onOpen = useCallback(
    (row: LogRow) => setOpen({ row, times: timesOf(row, store.getState().exchanges, store.getState().logStartT, store.getState().logWallOffsetMs) }),
    [store],
  );
  const onClose = useCallback(() => setOpen(null), []);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const followedTop = useRef(0);

  // We do not use React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
    initialRect: { width: 600, height: LOG_HEIGHT_PX },
    // Let React batch scroll-driven renders instead of flushing one per scroll event.
    useFlushSync: false,
  });

  // While following, the newest rows are drawn directly and the view scrolled to them before the
  // browser paints, so no frame shows the rows of a scroll position already left behind. The
  // virtualizer takes over as soon as the student scrolls up.
  const totalPx = count * ROW_HEIGHT_PX;
  const items = follow
    ? Array.from({ length: Math.min(count, FOLLOW_ROWS) }, (_, i) => {
        const index = count - Math.min(count, FOLLOW_ROWS) + i;
        return { index, start: index * ROW_HEIGHT_PX };
      })
    : virtualizer.getVirtualItems();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!follow || !el) return;
    el.scrollTop = totalPx;
    followedTop.current = el.scrollTop;
  }, [follow, totalPx, version, criteria]);

  // New rows grow the list under a following view, so "not at the bottom" alone does not mean the
  // student scrolled away: only a move up from where we last put it does.
  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK_PX;
    if (atBottom) {
      if (!follow) setFollow(true);
    } else if (follow && el.scrollTop < followedTop.current - FOLLOW_SLACK_PX) {
      setFollow(false);
    }
  };

  return (
    <section className="card log-card">
      <div className="card-head">
        <h3>Event log</h3>
        <span className="muted small">
          {filtering ? `${fmtInt(count)} of ${fmtInt(ring.length)} events` : `${fmtInt(count)} events`}
          {dropped > 0 ? ` (oldest ${fmtInt(dropped)} dropped here; the CSV has all)` : ''}
        </span>
        <span className="spacer" />
        {!follow && count > 0 ? (
          <button type="button" className="btn-small" onClick={() => setFollow(true)}>
            Jump to newest
          </button>
        ) : null}
        <button type="button" className="btn-small" onClick={() => store.getState().clearLog()} disabled={ring.length === 0}>
          Clear
        </button>
      </div>
      <LogFilterBar value={criteria} onChange={setCriteria} />
      <div role="table" aria-label="Events" aria-rowcount={count + 1} className="log">
        <div role="rowgroup" className="log-head">
          <div role="row" aria-rowindex={1} className="log-row">
            {COLUMNS.map((c) => (
              <div key={c.title} role="columnheader" className={c.className}>
                {c.title}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="log-body" ref={scrollRef} onScroll={onScroll} style={{ height: LOG_HEIGHT_PX }}>
          <div className="log-spacer" style={{ height: `${totalPx}px` }}>
            {items.map((item) => {
              const event = rowAt(item.index);
              return event ? (
                <Row
                  key={item.index % ROW_SLOTS}
                  event={event}
                  index={item.index}
                  start={item.start}
                  times={timesOf(event, exchanges, logStartT, wallOffsetMs)}
                  onOpen={onOpen}
                />
              ) : null;
            })}
          </div>
          {count === 0 ? (
            <div className="log-empty muted">{filtering && ring.length > 0 ? 'No event matches the filter.' : 'No events yet.'}</div>
          ) : null}
        </div>
      </div>
      {open ? <EventDetail row={open.row} times={open.times} onClose={onClose} /> : null}
    </section>
  );
}
