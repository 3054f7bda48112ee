// The part of the engine's Lab the Electron shell uses; index.ts passes the real Lab.
import type { CsvExportInfo, EventBatchListener, LabResult, NewSessionInfo } from '../../../src-shared/api.js';
import type { ReportScope } from '../../../src-shared/lab-report.js';
import type { BridgeLab } from '../../bridge/bridge-core.js';

export interface ShellLab extends BridgeLab {
  exportCsv(args: { path: string }): Promise<LabResult<CsvExportInfo>>;
  exportReport(args: { path: string; scope: ReportScope }): Promise<LabResult<CsvExportInfo>>;
  newSession(args: Record<string, never>): Promise<LabResult<NewSessionInfo>>;
  onEvents(listener: EventBatchListener): () => void;
  /** The running session's journal (skipped when offering to recover a previous one). */
  readonly journalPath: string;
  /** Stops every endpoint and flushes the session journal. */
  close(): Promise<void>;
}
