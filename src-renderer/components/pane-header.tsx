// The top of a view: its name, a status pill, the way to the experiments and the Export CSV action.
import type { ReactNode } from 'react';
import { ConnectionBanner } from './connection-banner.js';
import { ExperimentsLink } from './experiments-link.js';
import { ExportCsvButton } from './export-csv-button.js';

export function PaneHeader({ title, status }: { title: string; status: ReactNode }) {
  return (
    <header className="pane-header">
      <div className="pane-title">
        <h2>{title}</h2>
        {status}
      </div>
      <ExperimentsLink />
      <ExportCsvButton />
      <ConnectionBanner />
    </header>
  );
}
