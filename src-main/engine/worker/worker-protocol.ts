// Messages between the Lab (main thread) and an endpoint worker: plain records, structured clone.
import type { Command, EndpointInfo, LabErrorInfo, LabResult } from '../../../src-shared/api.js';
import type { EventColumns } from './event-columns.js';
import type { ClientRoute } from '../endpoint.js';
import type { LabClockOrigin } from './lab-clock.js';

/** Which endpoint a worker runs (endpoint-kinds.ts has one entry each). */
export type EndpointKind =
  'server:tcp' | 'server:udp' | 'client:tcp' | 'client:udp' | 'link:tcp' | 'link:udp';

export interface WorkerInit {
  endpointId: string;
  kind: EndpointKind;
  config: EndpointInfo['config'];
  clock: LabClockOrigin;
  /**
   * Exchange ids are `x<worker>.<n>`: the lab numbers its workers, each worker numbers its own
   * exchanges, so ids are unique lab-wide without a round trip to the main thread per exchange.
   */
  exchangePrefix: string;
  /** A client with conditions: the link its exchanges go through. */
  via?: ClientRoute;
  /** For the tsx bootstrap: the TypeScript entry to load (worker-script.ts). */
  entry?: string;
}

export type WorkerCommand =
  | { op: 'start' }
  | { op: 'run'; command: Command }
  | { op: 'cancel' }
  | { op: 'flush' }
  | { op: 'close' }
  /** For tests of the failure path: the worker throws outside any handler, exits, or hangs. */
  | { op: 'crash'; how: 'throw' | 'exit' | 'hang' };

export interface WorkerRequest {
  id: number;
  cmd: WorkerCommand;
}

export type WorkerMessage =
  /** Events in emit order (seq 0 until the Lab numbers them); `info` is the state after them. */
  | { type: 'events'; events: EventColumns; info: EndpointInfo }
  | { type: 'reply'; id: number; result: LabResult<unknown>; info: EndpointInfo };

export function workerFailure(message: string): { ok: false; error: LabErrorInfo } {
  return { ok: false, error: { code: 'INTERNAL', message } };
}
