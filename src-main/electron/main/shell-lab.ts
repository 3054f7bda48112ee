// The part of the engine's Lab the Electron shell uses; index.ts passes the real Lab.
import type { CsvExportInfo, EventBatchListener, LabResult } from '../../../src-shared/api.js';
import type { BridgeLab } from '../../bridge/bridge-core.js';

export interface ShellLab extends BridgeLab {
  exportCsv(args: { path: string }): Promise<LabResult<CsvExportInfo>>;
  onEvents(listener: EventBatchListener): () => void;
  /** The running session's journal (skipped when offering to recover a previous one). */
  readonly journalPath: string;
  /** Stops every endpoint and flushes the session journal. */
  close(): Promise<void>;
}
