// What a page may ask for. The one rule today: a page never names a file path. Files are written
// only where the person at the machine chose — Electron's native save dialog (in main), or the
// browser's own download of GET /export.csv in browser mode — never where a page (or a script
// injected into it, or a peer's text rendered in it) says.
import { labErr } from '../../src-shared/api.js';
import type { LabCommandName, LabResult } from '../../src-shared/api.js';
import { REFUSED_CODE } from './bridge-errors.js';

export const PAGE_REFUSAL_MESSAGE =
  'A page cannot choose where a file is written. Export the session with the Export CSV or Export lab report button ' +
  '(browser mode downloads it; the desktop app asks where with its save dialog) or File ▸ Export Session Log as CSV… / Export Lab Report….';

/** Commands of the contract that take a file path: the CLI may call them, a page never. */
export const PAGE_DENIED_COMMANDS: ReadonlySet<LabCommandName> = new Set<LabCommandName>([
  'exportCsv',
  'exportReport',
]);

/** null when a page may call `method`; otherwise the refusal it gets. */
export function pageRefusal(method: LabCommandName): LabResult<never> | null {
  return PAGE_DENIED_COMMANDS.has(method) ? labErr(REFUSED_CODE, PAGE_REFUSAL_MESSAGE) : null;
}
