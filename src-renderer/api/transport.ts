// The renderer's one door to the engine. Views and stores see only this interface, never
// which face (Electron preload or browser-mode WebSocket) carries the calls.
import type { CsvExportInfo, LabApi, LabResult } from '../../src-shared/api.js';
import type { ReportScope } from '../../src-shared/lab-report.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'failed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why we are not connected, for the banner. */
  message: string | null;
  /** Date.now() of the next automatic reconnect attempt, when one is scheduled. */
  retryAt: number | null;
}

/** What the preload exposes; `exportSessionCsv` opens the native save dialog (null = cancelled). */
export interface NetlabPreloadApi extends LabApi {
  exportSessionCsv?: () => Promise<LabResult<CsvExportInfo | null>>;
  /** The lab report of `scope`, through the same native save dialog. */
  exportLabReport?: (scope: ReportScope) => Promise<LabResult<CsvExportInfo | null>>;
}

/** A finished export: a line for the user, or null when they cancelled the dialog. */
export type ExportOutcome = LabResult<{ message: string } | null>;

export interface Transport {
  readonly kind: 'electron' | 'browser';
  readonly api: LabApi;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Skips the back-off wait after a lost connection. */
  reconnectNow(): void;
  exportCsv(): Promise<ExportOutcome>;
  /** The lab report (one numeric row per exchange) of `scope`: a dialog or a download. */
  exportReport(scope: ReportScope): Promise<ExportOutcome>;
}

export const CONNECTED: ConnectionState = { status: 'connected', message: null, retryAt: null };
