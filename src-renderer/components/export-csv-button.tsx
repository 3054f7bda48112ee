// Export CSV: the transport decides how (native save dialog or a download); here we show the outcome.
import { useBase } from '../store/store-context.js';

export function ExportCsvButton() {
  const exportCsv = useBase((s) => s.exportCsv);
  const note = useBase((s) => s.exportNote);
  return (
    <div className="export">
      <button type="button" className="btn-secondary" onClick={() => void exportCsv()}>
        Export CSV
      </button>
      {note ? (
        <span className={`export-note tone-${note.tone}`} role={note.tone === 'error' ? 'alert' : 'status'}>
          {note.text}
        </span>
      ) : null}
    </div>
  );
}
