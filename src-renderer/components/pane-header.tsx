// The top of a view: its name, a status pill and the Export CSV action.
import type { ReactNode } from 'react';
import { ConnectionBanner } from './connection-banner.js';
import { ExportCsvButton } from './export-csv-button.js';

export function PaneHeader({ title, status }: { title: string; status: ReactNode }) {
  return (
    <header className="pane-header">
      <div className="pane-title">
        <h2>{title}</h2>
        {status}
      </div>
      <ExportCsvButton />
      <ConnectionBanner />
    </header>
  );
}
