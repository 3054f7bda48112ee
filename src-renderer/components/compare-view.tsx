// Compare: the ticked exchanges' summaries side by side, rows that differ highlighted, and their
// timelines overlaid on one time axis. Opens over the view as a dialog; Escape or Close ends it.
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { compareRows } from '../display/compare-rows.js';
import { resultOf } from '../display/exchange-result.js';
import { sharedIdOf } from '../store/exchange-pairs.js';
import { useBase, useBaseStore, useBaseThrottled } from '../store/store-context.js';
import { OverlayChart, overlayColor } from './overlay-chart.js';

interface Column {
  id: string;
  label: string;
  summary: ExchangeSummary | null;
}

export function CompareTable({ columns }: { columns: readonly Column[] }) {
  const done = columns.filter((c): c is Column & { summary: ExchangeSummary } => c.summary !== null);
  const rows = compareRows(done.map((c) => c.summary));
  return (
    <table className="compare-table" aria-label="Comparison">
      <thead className={done.length === 1 ? 'visually-hidden' : undefined}>
        <tr>
          <th scope="col" className="compare-fact">
            {done.length > 1 ? <span className="muted small">Highlighted: differs</span> : null}
          </th>
          {done.map((c) => (
            <th scope="col" key={c.id}>
              <span className="swatch-line" style={{ background: overlayColor(columns.indexOf(c)) }} />
              <span className="mono">{c.label}</span>{' '}
              <span className={`badge badge-${resultOf(c.summary).kind}`}>{resultOf(c.summary).word}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.differs ? 'differs' : undefined} data-differs={r.differs ? 'true' : 'false'}>
            <th scope="row" title={r.hint}>
              {r.label}
              {r.differs ? <span className="differs-mark" aria-label="differs"> ≠</span> : null}
            </th>
            {r.cells.map((cell, i) => (
              <td key={done[i]!.id}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CompareView() {
  const store = useBaseStore();
  const open = useBase((s) => s.compareOpen);
  // Summaries arrive at exchange rate, not packet rate; still read at most 5×/s.
  const columns = useBaseThrottled(
    useShallow((s) =>
      s.compareIds.map((id) => {
        const x = s.exchanges[id];
        return x ?? null;
      }),
    ),
  );
  const pairsVersion = useBaseThrottled((s) => s.pairsVersion);
  const cols: Column[] = useMemo(() => {
    const pairs = store.getState().pairs;
    return columns.flatMap((x) => {
      if (!x) return [];
      const { id } = sharedIdOf(pairs, x);
      return [{ id: x.id, label: `${id} · ${x.proto.toUpperCase()}`, summary: x.summary }];
    });
    // pairsVersion: the pair index is mutable; a new pair relabels the columns.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, pairsVersion, store]);

  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    // A dialog takes the focus, so Escape and Tab act inside it.
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') store.getState().closeCompare();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, store]);

  if (!open) return null;
  const running = cols.filter((c) => c.summary === null).length;
  return (
    <div className="compare-backdrop" onClick={(e) => e.target === e.currentTarget && store.getState().closeCompare()}>
      <section role="dialog" aria-modal="true" aria-label="Compare exchanges" className="card compare">
        <div className="card-head">
          <h3>Compare {cols.length} exchanges</h3>
          {running > 0 ? <span className="muted small">{running} still running: shown when it ends</span> : null}
          <span className="spacer" />
          <button ref={closeRef} type="button" className="btn-small" onClick={() => store.getState().closeCompare()}>
            Close
          </button>
        </div>
        <div className="compare-scroll">
          <CompareTable columns={cols} />
        </div>
        <OverlayChart ids={cols.map((c) => c.id)} labels={cols.map((c) => c.label)} />
      </section>
    </div>
  );
}
