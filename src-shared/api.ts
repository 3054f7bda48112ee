// The one LabApi contract: engine, Electron IPC, WebSocket bridge and renderer all derive from it.
import { z } from 'zod';
import type { ExchangeSummary, LabEvent, Role } from './events.js';
import type { HostEntry, HostsProblem } from './hosts.js';
import {
  FILE_LIMIT_CHARS,
  STREAM_LIMIT_SEGMENTS,
  UDP_CHUNK_BYTES,
  UDP_IDLE_TIMEOUT_MS,
  UDP_MAX_PAYLOAD_BYTES,
  UDP_PREPARE_TIMEOUT_MS,
  TCP_CONNECT_TIMEOUT_MS,
  SEQUENCE_NUMBERS_DEFAULT,
  UDP_RATE_BYTES_PER_SEC_DEFAULT,
  REQUEST_MAX_BYTES,
  CLIENT_WAIT_MAX_MS,
  TCP_CONNECT_TIMEOUT_MAX_MS,
  TCP_REPLY_TIMEOUT_MS,
  UDP_RECV_BUFFER_BYTES_DEFAULT,
  UDP_RECV_BUFFER_MAX_BYTES,
  STREAM_SEGMENT_MAX_BYTES,
  STREAM_INTERVAL_MAX_MS,
  STREAM_LIMIT_MAX_SEGMENTS,
  UDP_RATE_MAX_BYTES_PER_SEC,
} from './protocol/limits.js';
import type { Proto } from './protocol/limits.js';
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
} from './protocol/server-limits.js';
import type { LinkConfig } from './link/conditions.js';
import { encodeUtf8 } from './protocol/text.js';
import { LOOPBACK_MTU_BYTES, WIRE_MTU_MIN_BYTES } from './wire/wire-size.js';
import { formatCount } from './endings.js';
import { LinkConditionsSchema, LinkConfigSchema } from './link/conditions.js';
import { ReportScopeSchema } from './lab-report.js';

export const ERROR_CODES = [
  'ADDR_IN_USE',
  'ADDR_NOT_AVAILABLE',
  'HOST_NOT_FOUND',
  'CONNECTION_REFUSED',
  'CONNECTION_RESET',
  'PERMISSION_DENIED',
  'BAD_REQUEST',
  'BAD_ARGUMENT',
  'TIMEOUT',
  /** A reply ended before its expected bytes arrived (summary end 'short'). */
  'CUT_SHORT',
  'CANCELLED',
  'BUSY',
  'NOT_FOUND',
  'IO_ERROR',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface LabErrorInfo {
  code: ErrorCode;
  message: string;
  /** The argument field the error belongs to (a zod issue path, e.g. "command.size"), if any. */
  path?: string;
}

export type LabResult<T> = { ok: true; value: T } | { ok: false; error: LabErrorInfo };

export const ProtoSchema = z.enum(['tcp', 'udp']);
const PortSchema = z.number().int().min(0).max(65535);
const HostSchema = z.string().max(255);

export const ServerConfigSchema = z.object({
  proto: ProtoSchema,
  /** '' = all interfaces. */
  host: HostSchema,
  /** 0 = an ephemeral port; the bound one is reported. */
  port: PortSchema,
  fileLimit: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(FILE_LIMIT_CHARS),
  streamLimit: z.number().int().min(1).max(STREAM_LIMIT_MAX_SEGMENTS).default(STREAM_LIMIT_SEGMENTS),
  chunkBytes: z.number().int().min(1).max(UDP_MAX_PAYLOAD_BYTES).default(UDP_CHUNK_BYTES),
  sequenceNumbers: z.boolean().default(SEQUENCE_NUMBERS_DEFAULT),
  /** UDP file and stream send rate cap per transfer in bytes/s; 0 = as fast as the socket takes. */
  udpRateBytesPerSec: z.number().int().min(0).max(UDP_RATE_MAX_BYTES_PER_SEC).default(UDP_RATE_BYTES_PER_SEC_DEFAULT),
  // Bounds (docs/protocol.md §8): over each, one line to the peer and an `error` event.
  /** Longest stream, count × interval, in ms. */
  streamMaxDurationMs: z.number().int().min(1).max(STREAM_MAX_DURATION_MS_MAX).default(STREAM_MAX_DURATION_MS_DEFAULT),
  /** TCP: concurrent connections in all. */
  maxConnections: z.number().int().min(1).max(TCP_MAX_CONNECTIONS_MAX).default(TCP_MAX_CONNECTIONS_DEFAULT),
  /** TCP: concurrent connections from one peer IP address. */
  maxConnectionsPerHost: z
    .number()
    .int()
    .min(1)
    .max(TCP_MAX_CONNECTIONS_MAX)
    .default(TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT),
  /** UDP: concurrent file / stream transfers to one source IP address. */
  udpMaxTransfersPerSource: z
    .number()
    .int()
    .min(1)
    .max(UDP_MAX_TRANSFERS_MAX)
    .default(UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT),
  /** UDP: concurrent file / stream transfers in all. */
  udpMaxTransfers: z.number().int().min(1).max(UDP_MAX_TRANSFERS_MAX).default(UDP_MAX_TRANSFERS_DEFAULT),
  /** UDP: bytes/s all replies to one source IP address share; 0 = no budget. */
  udpSourceRateBytesPerSec: z
    .number()
    .int()
    .min(0)
    .max(UDP_RATE_MAX_BYTES_PER_SEC)
    .default(UDP_SOURCE_RATE_BYTES_PER_SEC_DEFAULT),
  /** UDP: bytes/s the whole server sends; 0 = no budget. */
  udpTotalRateBytesPerSec: z
    .number()
    .int()
    .min(0)
    .max(UDP_RATE_MAX_BYTES_PER_SEC)
    .default(UDP_TOTAL_RATE_BYTES_PER_SEC_DEFAULT),
});
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;
export type ServerConfig = z.output<typeof ServerConfigSchema>;

export const ClientConfigSchema = z.object({
  proto: ProtoSchema,
  host: HostSchema.min(1, 'a client needs a host to connect to'),
  port: PortSchema.min(1, 'a client needs a port from 1 to 65535'),
  idleTimeoutMs: z.number().int().min(1).max(CLIENT_WAIT_MAX_MS).default(UDP_IDLE_TIMEOUT_MS),
  prepareTimeoutMs: z.number().int().min(1).max(CLIENT_WAIT_MAX_MS).default(UDP_PREPARE_TIMEOUT_MS),
  connectTimeoutMs: z.number().int().min(1).max(TCP_CONNECT_TIMEOUT_MAX_MS).default(TCP_CONNECT_TIMEOUT_MS),
  /** TCP: no reply byte for this long ends the exchange with TIMEOUT (restarts at every byte). */
  replyTimeoutMs: z.number().int().min(1).max(CLIENT_WAIT_MAX_MS).default(TCP_REPLY_TIMEOUT_MS),
  /** UDP: receive buffer asked of the kernel in bytes; 0 = the OS default (classic). */
  udpReceiveBufferBytes: z
    .number()
    .int()
    .min(0)
    .max(UDP_RECV_BUFFER_MAX_BYTES)
    .default(UDP_RECV_BUFFER_BYTES_DEFAULT),
  /**
   * Network conditions between this client and its server: the lab starts a link (127.0.0.1,
   * ephemeral port) that forwards to host:port, and the client's exchanges go through it.
   */
  conditions: LinkConditionsSchema.nullable().default(null),
  /**
   * The MTU the on-wire estimate assumes (wire-size.ts): absent = Ethernet's 1500; loopback's
   * real MTU is 65,536, so a loopback capture shows fewer, larger packets.
   */
  mtuBytes: z
    .number()
    .int('the MTU is a whole number of bytes')
    .min(WIRE_MTU_MIN_BYTES, `the MTU is at least ${formatCount(WIRE_MTU_MIN_BYTES)} bytes (IPv6's minimum)`)
    .max(LOOPBACK_MTU_BYTES, `the MTU is at most ${formatCount(LOOPBACK_MTU_BYTES)} bytes`)
    .optional(),
});
export type ClientConfigInput = z.input<typeof ClientConfigSchema>;
export type ClientConfig = z.output<typeof ClientConfigSchema>;

const EchoCommandSchema = z.object({
  type: z.literal('echo'),
  // The client adds a final newline, which counts towards the request limit.
  text: z.string().refine((t) => encodeUtf8(t).length <= REQUEST_MAX_BYTES - 1, {
    message: `a request is at most ${formatCount(REQUEST_MAX_BYTES)} bytes, with the newline the client adds`,
  }),
});
// Any integer may be sent, so a student can see how a server answers 0 or N over its limit.
const FileCommandSchema = z.object({
  type: z.literal('file'),
  chars: z.number().int('file N is a whole number').safe('file N is at most 2^53 − 1'),
});
const StreamCommandSchema = z.object({
  type: z.literal('stream'),
  intervalMs: z
    .number()
    .min(0, 'the interval is at least 0 ms')
    .max(STREAM_INTERVAL_MAX_MS, `the interval is at most ${formatCount(STREAM_INTERVAL_MAX_MS)} ms`),
  count: z
    .number()
    .int('the count is a whole number')
    .min(1, 'the count is at least 1')
    .max(Number.MAX_SAFE_INTEGER),
  size: z
    .number()
    .int('the size is a whole number of bytes')
    .min(1, 'a segment is at least 1 byte')
    .max(
      STREAM_SEGMENT_MAX_BYTES,
      `a stream segment is at most ${formatCount(STREAM_SEGMENT_MAX_BYTES)} bytes (64 MiB)`,
    ),
});
export const CommandSchema = z.discriminatedUnion('type', [
  EchoCommandSchema,
  FileCommandSchema,
  StreamCommandSchema,
]);
export type Command = z.output<typeof CommandSchema>;

/** A UDP segment is one datagram, so the size limit depends on the protocol. */
export function streamSizeMaxBytes(proto: Proto): number {
  return proto === 'udp' ? UDP_MAX_PAYLOAD_BYTES : STREAM_SEGMENT_MAX_BYTES;
}

export interface FieldProblem {
  /** The field, as a dotted zod path ("size", "command.size"). */
  path: string;
  message: string;
}

/**
 * The one check of a command every face runs (CLI options, PROMPT answers, forms): the contract's
 * schema, then the protocol's segment limit. Problems name their field.
 */
export function checkCommand(
  command: unknown,
  proto: Proto,
): { ok: true; value: Command } | { ok: false; problems: FieldProblem[] } {
  const parsed = CommandSchema.safeParse(command);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  const value = parsed.data;
  if (value.type === 'stream' && proto === 'udp' && value.size > UDP_MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      problems: [
        {
          path: 'size',
          message:
            `a UDP segment is at most ${formatCount(UDP_MAX_PAYLOAD_BYTES)} bytes: ` +
            'one datagram carries no more (65,535 − 8 UDP header − 20 IP header)',
        },
      ],
    };
  }
  return { ok: true, value };
}

const EndpointRef = z.object({ endpointId: z.string().min(1).max(64) });

export type EndpointState = 'idle' | 'listening' | 'open' | 'busy' | 'closing' | 'closed';

export interface EndpointInfo {
  id: string;
  role: Role;
  proto: Proto;
  state: EndpointState;
  /** Bound address (server) or configured target (client), as host:port. */
  local: string | null;
  remote: string | null;
  port: number | null;
  config: ServerConfig | ClientConfig | LinkConfig;
  /** Client with conditions: the id of the link its exchanges go through. */
  link?: string | null;
}

export interface HostsInfo {
  path: string;
  entries: HostEntry[];
  problems: HostsProblem[];
}

export interface CsvExportInfo {
  path: string;
  rows: number;
}

/** A new session journal began (newSession): file names only, never the folder. */
export interface NewSessionInfo {
  /** The journal the events from now on go to. */
  journal: string;
  /** The journal just closed; it stays listed in `netlab sessions`. */
  previous: string;
}

/** Each command: its argument schema (validated at every process boundary) and result type. */
export const labCommands = {
  startServer: ServerConfigSchema,
  stopServer: EndpointRef,
  openClient: ClientConfigSchema,
  closeClient: EndpointRef,
  send: EndpointRef.extend({ command: CommandSchema }),
  cancel: EndpointRef,
  listEndpoints: z.object({}),
  listHosts: z.object({}),
  exportCsv: z.object({ path: z.string().min(1).max(4096) }),
  /** The lab report (one numeric row per exchange) of the session, one endpoint or some exchanges. */
  exportReport: z.object({ path: z.string().min(1).max(4096), scope: ReportScopeSchema }),
  /** Closes the session journal and starts a new one; endpoints keep running. */
  newSession: z.object({}),
  startLink: LinkConfigSchema,
  stopLink: EndpointRef,
} as const;

export interface LabResults {
  startServer: EndpointInfo;
  stopServer: null;
  openClient: EndpointInfo;
  closeClient: null;
  send: ExchangeSummary;
  cancel: null;
  listEndpoints: EndpointInfo[];
  listHosts: HostsInfo;
  exportCsv: CsvExportInfo;
  exportReport: CsvExportInfo;
  newSession: NewSessionInfo;
  startLink: EndpointInfo;
  stopLink: null;
}

export type LabCommandName = keyof typeof labCommands;
export const LAB_COMMAND_NAMES = Object.keys(labCommands) as LabCommandName[];
export type LabArgs<K extends LabCommandName> = z.input<(typeof labCommands)[K]>;
export type LabParsedArgs<K extends LabCommandName> = z.output<(typeof labCommands)[K]>;

export type LabCommands = {
  [K in LabCommandName]: (args: LabArgs<K>) => Promise<LabResult<LabResults[K]>>;
};

export type EventBatchListener = (batch: LabEvent[]) => void;

/** What every face of NetLab offers the renderer / CLI. */
export interface LabApi extends LabCommands {
  onEvents(listener: EventBatchListener): () => void;
}

export function isLabCommandName(name: unknown): name is LabCommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(labCommands, name);
}

/** Validates a command's arguments at a process boundary; the message names the field. */
export function parseLabArgs<K extends LabCommandName>(name: K, args: unknown): LabResult<LabParsedArgs<K>> {
  const parsed = labCommands[name].safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as LabParsedArgs<K> };
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const where = path !== undefined ? `${path}: ` : '';
  const error: LabErrorInfo = {
    code: 'BAD_ARGUMENT',
    message: `${name}: ${where}${issue?.message ?? 'invalid arguments'}`,
  };
  if (path !== undefined) error.path = path;
  return { ok: false, error };
}

export function labOk<T>(value: T): LabResult<T> {
  return { ok: true, value };
}

export function labErr<T = never>(code: ErrorCode, message: string): LabResult<T> {
  return { ok: false, error: { code, message } };
}
