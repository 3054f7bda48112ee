// Shapes shared by the server and client stores: each window/view owns one store made of slices.
import type { StoreApi } from 'zustand';
import type { HostsInfo, LabErrorInfo } from '../../src-shared/api.js';
import type { LabEvent, Role } from '../../src-shared/events.js';
import type { ReportScope } from '../../src-shared/lab-report.js';
import type { ConnectionState, Transport } from '../api/transport.js';
import type { EventRing, LogRow } from './event-ring.js';
import type { ExchangesState } from './exchanges.js';
import type { HistorySlice } from './history-slice.js';
import type { Timeline } from './timeline.js';

export interface Note {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

export interface ConnectionSlice {
  connection: ConnectionState;
  hosts: HostsInfo | null;
  hostsError: string | null;
  exportNote: Note | null;
  /** Subscribes to the transport (events, connection); returns the matching unsubscribe. */
  attach(): () => void;
  loadHosts(): Promise<void>;
  exportCsv(): Promise<void>;
  /** The lab report of `scope` (one numeric row per exchange); the outcome goes to exportNote. */
  exportReport(scope: ReportScope): Promise<void>;
  /** A new session journal; every view clears on the `session` event that begins it. */
  newSession(): Promise<void>;
  reconnectNow(): void;
}

export interface EventsSlice extends ExchangesState {
  /** Mutable, bounded; its identity never changes, `eventsVersion` says when it did. */
  ring: EventRing<LogRow>;
  eventsVersion: number;
  /** Mutable aggregate of the newest exchange's payload; `timelineVersion` says when it changed. */
  timeline: Timeline;
  timelineVersion: number;
  /** The exchange the timeline shows. */
  timelineExchange: string | null;
  /** Endpoints this view opened: only their events are shown here. */
  ownEndpoints: string[];
  /** Lab time of the first event logged since the view opened or was cleared (the session start). */
  logStartT: number | null;
  /** Wall clock − lab time, ms, from that first event: the log's rows keep no wall-clock text. */
  logWallOffsetMs: number | null;
  applyBatch(batch: readonly LabEvent[]): void;
  /** Takes ownership of an endpoint, including its events that arrived before its id was known. */
  adoptEndpoint(id: string): void;
  clearLog(): void;
  /** New session: log, exchanges (the history and tables), timeline and export note emptied. */
  resetSession(): void;
}

/** Implemented by each role's endpoint slice; called by the shared slices. */
export interface EndpointHooks {
  role: Role;
  /** Fills host and port from hosts.txt unless the user already typed some. */
  prefill(hosts: HostsInfo): void;
  /** After a reconnect: forget endpoints the engine no longer has. */
  revalidate(): Promise<void>;
}

export type BaseState = ConnectionSlice & EventsSlice & EndpointHooks & HistorySlice;

export type SetState<S> = StoreApi<S>['setState'];
export type GetState<S> = StoreApi<S>['getState'];

export interface StoreDeps {
  transport: Transport;
  /** Wall clock for countdowns (Date.now), injectable for tests. */
  now: () => number;
}

/** Which form field an engine error belongs next to. */
export function fieldForError<F extends string>(error: LabErrorInfo, fields: readonly F[]): F | 'general' {
  if (error.code === 'ADDR_IN_USE' || error.code === 'PERMISSION_DENIED') return fieldIfPresent('port', fields);
  if (error.code === 'HOST_NOT_FOUND' || error.code === 'ADDR_NOT_AVAILABLE') return fieldIfPresent('host', fields);
  if (error.path) {
    // The schema issue's path ("port", "command.size"): the innermost part that is a form field.
    const parts = error.path.split('.').reverse();
    const found = parts.find((p) => (fields as readonly string[]).includes(p));
    if (found) return found as F;
  }
  return 'general';
}

function fieldIfPresent<F extends string>(name: string, fields: readonly F[]): F | 'general' {
  return (fields as readonly string[]).includes(name) ? (name as F) : 'general';
}

/** A copy of a field → message map without the given fields. */
export function withoutErrors<F extends string>(
  errors: Partial<Record<F, string>>,
  ...fields: readonly string[]
): Partial<Record<F, string>> {
  const copy = { ...errors };
  for (const f of fields) delete copy[f as F];
  return copy;
}
