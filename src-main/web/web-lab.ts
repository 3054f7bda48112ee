// What browser mode needs from the engine's Lab: the same surface the Electron IPC bridge uses.
import type { Readable } from 'node:stream';
import type { EventBatchListener, LabCommandName, LabResult } from '../../src-shared/api.js';

export interface WebLab {
  /** Validates the arguments against the shared schema, then runs the command. */
  call(name: LabCommandName, args: unknown): Promise<LabResult<unknown>>;
  /** Batches of events in order; returns an unsubscribe function. */
  onEvents(listener: EventBatchListener): () => void;
  /** The session journal as CSV (header first), streamed from disk. */
  csvStream(): Readable;
}
