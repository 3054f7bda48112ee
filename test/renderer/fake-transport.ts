// A Transport for component tests: every LabApi method is a spy with a scripted answer, and
// emit() delivers a batch of events the way the preload or the bridge would.
import { vi } from 'vitest';
import type { Mock } from 'vitest';
import type { EndpointInfo, EventBatchListener, LabApi, LabCommandName, LabCommands, LabResult } from '../../src-shared/api.js';
import { LAB_COMMAND_NAMES, ServerConfigSchema } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';
import type { ConnectionState, ExportOutcome, Transport } from '../../src-renderer/api/transport.js';
import { CONNECTED } from '../../src-renderer/api/transport.js';

export type FakeApi = { [K in LabCommandName]: Mock<LabCommands[K]> } & Pick<LabApi, 'onEvents'>;

export interface FakeTransport extends Transport {
  api: FakeApi;
  emit(batch: LabEvent[]): void;
  setConnection(state: ConnectionState): void;
  listenerCount(): number;
}

export function ok<T>(value: T): Promise<LabResult<T>> {
  return Promise.resolve({ ok: true, value });
}

export function createFakeTransport(): FakeTransport {
  const listeners = new Set<EventBatchListener>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  let connection = CONNECTED;
  const api = Object.fromEntries(LAB_COMMAND_NAMES.map((n) => [n, vi.fn(() => ok(null))])) as unknown as FakeApi;
  api.listHosts.mockImplementation(() =>
    ok({ path: 'hosts.txt', entries: [{ host: '127.0.0.1', port: 8120, line: 1 }, { host: '::1', port: 8121, line: 2 }], problems: [] }),
  );
  api.listEndpoints.mockImplementation(() => ok([]));
  api.onEvents = (l: EventBatchListener) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    kind: 'electron',
    api,
    connection: () => connection,
    onConnection(l) {
      connectionListeners.add(l);
      return () => connectionListeners.delete(l);
    },
    reconnectNow: vi.fn(),
    exportCsv: vi.fn((): Promise<ExportOutcome> => Promise.resolve({ ok: true, value: { message: 'Saved 3 events to /tmp/x.csv' } })),
    exportReport: vi.fn((): Promise<ExportOutcome> => Promise.resolve({ ok: true, value: { message: 'Saved 2 exchanges to /tmp/r.csv' } })),
    emit(batch) {
      for (const l of listeners) l(batch);
    },
    setConnection(state) {
      connection = state;
      for (const l of connectionListeners) l(state);
    },
    listenerCount: () => listeners.size,
  };
}

export function endpointInfo(id: string, role: 'server' | 'client', proto: 'tcp' | 'udp', extra: Partial<EndpointInfo> = {}): EndpointInfo {
  return {
    id,
    role,
    proto,
    state: role === 'server' ? 'listening' : 'open',
    local: role === 'server' ? '127.0.0.1:8120' : null,
    remote: role === 'client' ? '127.0.0.1:8120' : null,
    port: 8120,
    config:
      role === 'server'
        ? ServerConfigSchema.parse({ proto, host: '127.0.0.1', port: 8120 })
        : { proto, host: '127.0.0.1', port: 8120, idleTimeoutMs: 2000, prepareTimeoutMs: 100000, connectTimeoutMs: 10000, replyTimeoutMs: 30000, udpReceiveBufferBytes: 8388608, conditions: null },
    ...extra,
  };
}

let seq = 0;

/** A LabEvent with sensible defaults; seq increases across calls. */
export function ev(partial: Partial<LabEvent> & Pick<LabEvent, 'endpoint' | 'kind'>): LabEvent {
  seq += 1;
  return {
    seq,
    t: seq,
    time: '2026-01-01T00:00:00.000Z',
    role: 'client',
    proto: 'udp',
    exchange: null,
    command: null,
    local: '127.0.0.1:51234',
    remote: '127.0.0.1:8120',
    bytes: null,
    segment: null,
    detail: '',
    ...partial,
  };
}
