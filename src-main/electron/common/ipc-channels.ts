// The IPC channel names and the shape of window.netlab, shared by main and the preload so that
// no channel string is written twice. Pure: no electron, no Node at runtime.
import type { CsvExportInfo, LabApi, LabCommandName, LabResult } from '../../../src-shared/api.js';
import type { ReportScope } from '../../../src-shared/lab-report.js';

export const IPC_CHANNELS = {
  /** invoke(name, args) → LabResult: every LabApi command goes through this one channel. */
  call: 'netlab:call',
  /** invoke() → LabResult<CsvExportInfo | null>: main shows the native save dialog (null = cancelled). */
  exportSessionCsv: 'netlab:export-session-csv',
  /** invoke(scope) → LabResult<CsvExportInfo | null>: the lab report, through the same dialog. */
  exportLabReport: 'netlab:export-lab-report',
  /** send(batch): main → every window, one message per event batch. */
  events: 'netlab:events',
} as const;

/**
 * Every LabApi command, listed here so the sandboxed preload needs no runtime import of the
 * zod contract; `satisfies` makes the compiler fail when a command is added to the contract
 * and not here (or the other way round).
 */
const COMMANDS = {
  startServer: true,
  stopServer: true,
  openClient: true,
  closeClient: true,
  send: true,
  cancel: true,
  listEndpoints: true,
  listHosts: true,
  exportCsv: true,
  exportReport: true,
  newSession: true,
  startLink: true,
  stopLink: true,
} as const satisfies Record<LabCommandName, true>;

export const PRELOAD_COMMAND_NAMES = Object.keys(COMMANDS) as LabCommandName[];

/** What the preload exposes as window.netlab. */
export interface NetlabDesktopApi extends LabApi {
  exportSessionCsv(): Promise<LabResult<CsvExportInfo | null>>;
  exportLabReport(scope: ReportScope): Promise<LabResult<CsvExportInfo | null>>;
}

/** The global name the preload exposes; the renderer looks for window.netlab. */
export const EXPOSED_API_NAME = 'netlab';
