// Next to Export CSV: the lab report (one numeric row per exchange) of this view's endpoints or of
// the whole session, and New session (a new journal; every view clears).
import { useState } from 'react';
import type { ReportScope } from '../../src-shared/lab-report.js';
import { REPORT_ENDPOINTS_MAX, WHOLE_SESSION } from '../../src-shared/lab-report.js';
import { useBase } from '../store/store-context.js';

type ScopeChoice = 'mine' | 'session';

/** "This client" / "This server": the endpoints this view opened (a client re-opens on every address change). */
export function reportScopeFor(choice: ScopeChoice, own: readonly string[]): ReportScope {
  if (choice === 'session' || own.length === 0) return WHOLE_SESSION;
  return { type: 'endpoints', endpoints: own.slice(-REPORT_ENDPOINTS_MAX) };
}

export function SessionActions() {
  const role = useBase((s) => s.role);
  const own = useBase((s) => s.ownEndpoints);
  const exportReport = useBase((s) => s.exportReport);
  const newSession = useBase((s) => s.newSession);
  // From a client the report is that client's by default; from a server, the whole session.
  const [choice, setChoice] = useState<ScopeChoice>(role === 'client' ? 'mine' : 'session');
  const mine = role === 'client' ? 'This client' : 'This server';
  return (
    <div className="export session-actions">
      <select
        className="report-scope"
        aria-label="Lab report of"
        value={choice}
        onChange={(e) => setChoice(e.target.value as ScopeChoice)}
      >
        <option value="mine">{mine}</option>
        <option value="session">Whole session</option>
      </select>
      <button
        type="button"
        className="btn-secondary"
        title="One numeric row per exchange: bytes, loss, duration, throughput, segments, wire estimate"
        onClick={() => void exportReport(reportScopeFor(choice, own))}
      >
        Export lab report
      </button>
      <button
        type="button"
        className="btn-secondary"
        title="Clears the log, the exchanges and the tables in every view and starts a new session journal; servers and clients keep running"
        onClick={() => void newSession()}
      >
        New session
      </button>
    </div>
  );
}
