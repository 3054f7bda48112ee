// An experiment's results: the runs' client summaries side by side, rows where the runs differ
// marked, then what went wrong in a run, said in its own sentence.
import type { ExperimentRunResult } from '../../src-shared/experiments/run-experiment.js';
import { comparisonRows } from '../display/experiment-comparison.js';

export function ExperimentResults({ runs }: { runs: readonly ExperimentRunResult[] }) {
  if (runs.length === 0) return null;
  const rows = comparisonRows(runs);
  const problems = runs.filter((r) => r.error);
  return (
    <>
      <div className="compare-scroll">
        <table className="grid-table experiment-table" aria-label="Results">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Figure</span>
              </th>
              {runs.map((r, i) => (
                <th scope="col" key={i}>
                  {r.run.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className={row.differs ? 'differs' : undefined} data-row={row.label}>
                <th scope="row" title={row.differs ? 'The runs differ here' : undefined}>
                  <span className="differs-mark" aria-hidden="true">
                    {row.differs ? '≠' : ''}
                  </span>
                  {row.label}
                  {row.differs ? <span className="visually-hidden"> (the runs differ)</span> : null}
                </th>
                {row.cells.map((c, i) => (
                  <td key={i} className={runs[i]!.client ? undefined : 'muted'}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > 0 ? (
        <ul className="experiment-problems">
          {problems.map((r, i) => (
            <li key={i} className={r.client ? 'muted' : 'tone-error'}>
              <strong>{r.run.label}:</strong> {r.client ? '' : 'did not run: '}
              {r.error!.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="explain">
        ≠ marks the rows where the runs differ. Bytes on the wire are an estimate from the payload (headers per
        datagram or per MSS-sized segment); the kernel decides the real segments.
      </p>
    </>
  );
}
