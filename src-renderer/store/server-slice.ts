// Server endpoint slice: the form, Start / Stop, and the engine's errors next to their fields.
import type { EndpointInfo, HostsInfo, ServerConfigInput } from '../../src-shared/api.js';
import {
  FILE_LIMIT_CHARS,
  SEQUENCE_NUMBERS_DEFAULT,
  STREAM_LIMIT_SEGMENTS,
  UDP_CHUNK_BYTES,
  UDP_MAX_PAYLOAD_BYTES,
  UDP_RATE_BYTES_PER_SEC_DEFAULT,
} from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import {
  STREAM_MAX_DURATION_MS_DEFAULT,
  STREAM_MAX_DURATION_MS_MAX,
  TCP_MAX_CONNECTIONS_DEFAULT,
  TCP_MAX_CONNECTIONS_MAX,
  TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT,
  UDP_MAX_TRANSFERS_DEFAULT,
  UDP_MAX_TRANSFERS_MAX,
  UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT,
  UDP_SOURCE_RATE_BYTES_PER_SEC_DEFAULT,
  UDP_TOTAL_RATE_BYTES_PER_SEC_DEFAULT,
} from '../../src-shared/protocol/server-limits.js';
import type { PairedServerSlice } from './paired-server.js';
import type { BaseState, EndpointHooks, GetState, SetState, StoreDeps } from './store-types.js';
import { fieldForError, withoutErrors } from './store-types.js';
import { STREAM_LIMIT_MAX_SEGMENTS, checkHost, checkPort, checkWhole } from './validation.js';
import type { Checked } from './validation.js';

export interface ServerForm {
  proto: Proto;
  host: string;
  port: string;
  fileLimit: string;
  streamLimit: string;
  chunkBytes: string;
  /** MB/s per UDP transfer; 0 = unpaced (the classic server's behaviour). */
  udpRateMBps: string;
  sequenceNumbers: boolean;
  /** Bounds (docs/protocol.md §8). */
  streamMaxDurationS: string;
  maxConnections: string;
  maxConnectionsPerHost: string;
  udpMaxTransfersPerSource: string;
  udpMaxTransfers: string;
  udpSourceRateMBps: string;
  udpTotalRateMBps: string;
}

export const SERVER_FIELDS = [
  'host',
  'port',
  'fileLimit',
  'streamLimit',
  'chunkBytes',
  'udpRateMBps',
  'streamMaxDurationS',
  'maxConnections',
  'maxConnectionsPerHost',
  'udpMaxTransfersPerSource',
  'udpMaxTransfers',
  'udpSourceRateMBps',
  'udpTotalRateMBps',
] as const;
export type ServerField = (typeof SERVER_FIELDS)[number] | 'general';

export interface ServerSlice extends EndpointHooks {
  serverForm: ServerForm;
  serverFormTouched: boolean;
  serverErrors: Partial<Record<ServerField, string>>;
  server: EndpointInfo | null;
  serverBusy: 'starting' | 'stopping' | null;
  setServerField<K extends keyof ServerForm>(key: K, value: ServerForm[K]): void;
  startServer(): Promise<void>;
  stopServer(): Promise<void>;
}

export type ServerState = BaseState & ServerSlice & PairedServerSlice;

export const DEFAULT_SERVER_FORM: ServerForm = {
  proto: 'tcp',
  host: '127.0.0.1',
  port: '8120',
  fileLimit: String(FILE_LIMIT_CHARS),
  streamLimit: String(STREAM_LIMIT_SEGMENTS),
  chunkBytes: String(UDP_CHUNK_BYTES),
  udpRateMBps: String(UDP_RATE_BYTES_PER_SEC_DEFAULT / 1_000_000),
  sequenceNumbers: SEQUENCE_NUMBERS_DEFAULT,
  streamMaxDurationS: String(STREAM_MAX_DURATION_MS_DEFAULT / 1000),
  maxConnections: String(TCP_MAX_CONNECTIONS_DEFAULT),
  maxConnectionsPerHost: String(TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT),
  udpMaxTransfersPerSource: String(UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT),
  udpMaxTransfers: String(UDP_MAX_TRANSFERS_DEFAULT),
  udpSourceRateMBps: String(UDP_SOURCE_RATE_BYTES_PER_SEC_DEFAULT / 1_000_000),
  udpTotalRateMBps: String(UDP_TOTAL_RATE_BYTES_PER_SEC_DEFAULT / 1_000_000),
};

/** Validates the whole form; returns the config or the message per field. */
export function serverConfigFromForm(
  form: ServerForm,
): { ok: true; config: ServerConfigInput } | { ok: false; errors: Partial<Record<ServerField, string>> } {
  const checks = {
    host: checkHost(form.host, 'server'),
    port: checkPort(form.port, 'server'),
    fileLimit: checkWhole(form.fileLimit, { label: 'the largest file in characters', min: 1, max: Number.MAX_SAFE_INTEGER, example: '123456789' }),
    streamLimit: checkWhole(form.streamLimit, { label: 'the most segments per stream', min: 1, max: STREAM_LIMIT_MAX_SEGMENTS, example: '10001' }),
    chunkBytes: checkWhole(form.chunkBytes, { label: 'the UDP chunk size in bytes', min: 1, max: UDP_MAX_PAYLOAD_BYTES, maxWhy: '(the largest UDP payload)', example: '1120' }),
    udpRateMBps: checkWhole(form.udpRateMBps, { label: 'the UDP send rate in MB/s (0 = unpaced)', min: 0, max: 100_000, example: '40' }),
    streamMaxDurationS: checkWhole(form.streamMaxDurationS, { label: 'the longest stream in seconds', min: 1, max: STREAM_MAX_DURATION_MS_MAX / 1000, example: '3600' }),
    maxConnections: checkWhole(form.maxConnections, { label: 'the most TCP connections at once', min: 1, max: TCP_MAX_CONNECTIONS_MAX, example: '1000' }),
    maxConnectionsPerHost: checkWhole(form.maxConnectionsPerHost, { label: 'the most TCP connections from one address', min: 1, max: TCP_MAX_CONNECTIONS_MAX, example: '64' }),
    udpMaxTransfersPerSource: checkWhole(form.udpMaxTransfersPerSource, { label: 'the most UDP transfers to one address', min: 1, max: UDP_MAX_TRANSFERS_MAX, example: '4' }),
    udpMaxTransfers: checkWhole(form.udpMaxTransfers, { label: 'the most UDP transfers at once', min: 1, max: UDP_MAX_TRANSFERS_MAX, example: '256' }),
    udpSourceRateMBps: checkWhole(form.udpSourceRateMBps, { label: 'MB/s per source address (0 = no budget)', min: 0, max: 100_000, example: '40' }),
    udpTotalRateMBps: checkWhole(form.udpTotalRateMBps, { label: 'MB/s in all (0 = no budget)', min: 0, max: 100_000, example: '100' }),
  };
  const errors: Partial<Record<ServerField, string>> = {};
  for (const [field, c] of Object.entries(checks)) if (!c.ok) errors[field as ServerField] = c.message;
  const c = checks;
  if (Object.values(checks).some((x) => !x.ok)) return { ok: false, errors };
  const v = (x: Checked<number>): number => (x.ok ? x.value : 0);
  return {
    ok: true,
    config: {
      proto: form.proto,
      host: c.host.ok ? c.host.value : '',
      port: v(c.port),
      fileLimit: v(c.fileLimit),
      streamLimit: v(c.streamLimit),
      chunkBytes: v(c.chunkBytes),
      udpRateBytesPerSec: v(c.udpRateMBps) * 1_000_000,
      sequenceNumbers: form.sequenceNumbers,
      streamMaxDurationMs: v(c.streamMaxDurationS) * 1000,
      maxConnections: v(c.maxConnections),
      maxConnectionsPerHost: v(c.maxConnectionsPerHost),
      udpMaxTransfersPerSource: v(c.udpMaxTransfersPerSource),
      udpMaxTransfers: v(c.udpMaxTransfers),
      udpSourceRateBytesPerSec: v(c.udpSourceRateMBps) * 1_000_000,
      udpTotalRateBytesPerSec: v(c.udpTotalRateMBps) * 1_000_000,
    },
  };
}

export function createServerSlice(set: SetState<ServerState>, get: GetState<ServerState>, { transport }: StoreDeps): ServerSlice {
  const api = transport.api;
  return {
    role: 'server',
    serverForm: DEFAULT_SERVER_FORM,
    serverFormTouched: false,
    serverErrors: {},
    server: null,
    serverBusy: null,

    setServerField(key, value) {
      const { serverForm, serverErrors } = get();
      const rest = withoutErrors(serverErrors, key, 'general');
      set({ serverForm: { ...serverForm, [key]: value }, serverFormTouched: true, serverErrors: rest });
    },

    prefill(hosts: HostsInfo) {
      const first = hosts.entries[0];
      if (get().serverFormTouched || !first) return;
      set({ serverForm: { ...get().serverForm, host: first.host, port: String(first.port) } });
    },

    async revalidate() {
      const server = get().server;
      if (!server) return;
      const r = await api.listEndpoints({});
      if (r.ok && !r.value.some((e) => e.id === server.id)) {
        set({ server: null, serverErrors: { general: 'The lab engine restarted; this server is no longer running.' } });
      }
    },

    async startServer() {
      if (get().serverBusy || get().server) return;
      const checked = serverConfigFromForm(get().serverForm);
      if (!checked.ok) {
        set({ serverErrors: checked.errors });
        return;
      }
      set({ serverBusy: 'starting', serverErrors: {} });
      const r = await api.startServer(checked.config);
      if (!r.ok) {
        set({ serverBusy: null, serverErrors: { [fieldForError(r.error, SERVER_FIELDS)]: r.error.message } });
        return;
      }
      get().adoptEndpoint(r.value.id);
      set({ serverBusy: null, server: r.value });
    },

    async stopServer() {
      const server = get().server;
      if (!server || get().serverBusy) return;
      set({ serverBusy: 'stopping' });
      const r = await api.stopServer({ endpointId: server.id });
      // A server the engine no longer knows is stopped as far as the student is concerned.
      set({ serverBusy: null, server: null, serverErrors: r.ok || r.error.code === 'NOT_FOUND' ? {} : { general: r.error.message } });
    },
  };
}
