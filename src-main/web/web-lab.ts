// What browser mode needs from the engine's Lab: the bridge core's surface plus the CSV download.
import type { Readable } from 'node:stream';
import type { EventBatchListener } from '../../src-shared/api.js';
import type { ReportScope } from '../../src-shared/lab-report.js';
import type { BridgeLab } from '../bridge/bridge-core.js';

export interface WebLab extends BridgeLab {
  /** Batches of events in order; returns an unsubscribe function. */
  onEvents(listener: EventBatchListener): () => void;
  /** The session journal as CSV (header first), streamed from disk: GET /export.csv. */
  csvStream(): Readable;
  /** The lab report of `scope` (header first), streamed from the journal: GET /report.csv. */
  reportStream(scope: ReportScope): Readable;
}
