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
import type { BaseState, EndpointHooks, GetState, SetState, StoreDeps } from './store-types.js';
import { fieldForError, withoutErrors } from './store-types.js';
import { STREAM_LIMIT_MAX_SEGMENTS, checkHost, checkPort, checkWhole } from './validation.js';

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
}

export const SERVER_FIELDS = ['host', 'port', 'fileLimit', 'streamLimit', 'chunkBytes', 'udpRateMBps'] as const;
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

export type ServerState = BaseState & ServerSlice;

export const DEFAULT_SERVER_FORM: ServerForm = {
  proto: 'tcp',
  host: '127.0.0.1',
  port: '8120',
  fileLimit: String(FILE_LIMIT_CHARS),
  streamLimit: String(STREAM_LIMIT_SEGMENTS),
  chunkBytes: String(UDP_CHUNK_BYTES),
  udpRateMBps: String(UDP_RATE_BYTES_PER_SEC_DEFAULT / 1_000_000),
  sequenceNumbers: SEQUENCE_NUMBERS_DEFAULT,
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
  };
  const errors: Partial<Record<ServerField, string>> = {};
  for (const [field, c] of Object.entries(checks)) if (!c.ok) errors[field as ServerField] = c.message;
  const { host, port, fileLimit, streamLimit, chunkBytes, udpRateMBps } = checks;
  if (!host.ok || !port.ok || !fileLimit.ok || !streamLimit.ok || !chunkBytes.ok || !udpRateMBps.ok) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    config: {
      proto: form.proto,
      host: host.value,
      port: port.value,
      fileLimit: fileLimit.value,
      streamLimit: streamLimit.value,
      chunkBytes: chunkBytes.value,
      udpRateBytesPerSec: udpRateMBps.value * 1_000_000,
      sequenceNumbers: form.sequenceNumbers,
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
