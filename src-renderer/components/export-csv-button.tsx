// Export CSV: the transport decides how (native save dialog or a download); here we show the outcome,
// which says where the file went. A success note goes away after EXPORT_NOTE_MS or at the
// student's next click or key press; an error stays until the next action; "Exporting…" stays.
import { useEffect, useState } from 'react';
import type { Note } from '../store/store-types.js';
import { useBase } from '../store/store-context.js';

/** How long "Download started: …" / "Saved … to …" stays, ms. */
export const EXPORT_NOTE_MS = 6000;

function useDismissable(note: Note | null): boolean {
  // The note last dismissed: a new export is a new object, so it shows again.
  const [dismissed, setDismissed] = useState<Note | null>(null);
  const visible = note !== null && note !== dismissed;
  useEffect(() => {
    if (!visible || note.tone === 'info') return;
    const dismiss = (): void => setDismissed(note);
    const timer = note.tone === 'ok' ? setTimeout(dismiss, EXPORT_NOTE_MS) : null;
    // On click, not pointerdown: the note's going shifts the header, and a press that moved the
    // button away from under the pointer before its release would lose the click it was for.
    // Listening from the next task on: the click that made this note may still be on its way up to
    // the document (its promise settled between two of its listeners), and must not dismiss it.
    const listen = setTimeout(() => {
      document.addEventListener('click', dismiss);
      document.addEventListener('keydown', dismiss, true);
    }, 0);
    return () => {
      clearTimeout(listen);
      if (timer !== null) clearTimeout(timer);
      document.removeEventListener('click', dismiss);
      document.removeEventListener('keydown', dismiss, true);
    };
  }, [note, visible]);
  return visible;
}

export function ExportCsvButton() {
  const exportCsv = useBase((s) => s.exportCsv);
  const note = useBase((s) => s.exportNote);
  const visible = useDismissable(note);
  return (
    <div className="export">
      <button type="button" className="btn-secondary" onClick={() => void exportCsv()}>
        Export CSV
      </button>
      {note && visible ? (
        <span className={`export-note tone-${note.tone}`} role={note.tone === 'error' ? 'alert' : 'status'} title={note.text}>
          {note.text}
        </span>
      ) : null}
    </div>
  );
}
