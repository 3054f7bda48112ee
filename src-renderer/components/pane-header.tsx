// The top of a view: its name, a status pill, the way to the experiments, Export CSV, the lab
// report and New session.
import type { ReactNode } from 'react';
import { ConnectionBanner } from './connection-banner.js';
import { ExperimentsLink } from './experiments-link.js';
import { ExportCsvButton } from './export-csv-button.js';
import { SessionActions } from './session-actions.js';

export function PaneHeader({ title, status }: { title: string; status: ReactNode }) {
  return (
    <header className="pane-header">
      <div className="pane-title">
        <h2>{title}</h2>
        {status}
      </div>
      <ExperimentsLink />
      <ExportCsvButton />
      <SessionActions />
      <ConnectionBanner />
    </header>
  );
}
