// The Lab owns every server and client endpoint, implements the LabApi contract and publishes one
// ordered, batched stream of events that is also journalled to disk. Every face of NetLab (CLI,
// Electron IPC, browser mode) drives this one object.
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { ERROR_CODES, isLabCommandName, labErr, labOk, parseLabArgs } from '../../src-shared/api.js';
import type {
  EndpointInfo,
  ErrorCode,
  EventBatchListener,
  LabApi,
  LabArgs,
  LabCommandName,
  LabParsedArgs,
  LabResult,
  LabResults,
} from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { TcpClient } from './client/tcp-client.js';
import { UdpClient } from './client/udp-client.js';
import { exportJournalCsv, journalToCsv } from './csv-export.js';
import type { ClientEndpoint, ClientOptions, ServerEndpoint, ServerOptions } from './endpoint.js';
import { LabError, toLabError } from './errors.js';
import { EventBatcher } from './event-batcher.js';
import { EventRecorder } from './event-sink.js';
import type { EventSink } from './event-sink.js';
import { loadHostsFile } from './hosts-file.js';
import { Journal } from './journal.js';
import { defaultSessionDir, ensurePrivateDir } from './sessions/session-dir.js';
import { pruneSessions } from './sessions/session-store.js';
import { TcpServer } from './server/tcp-server.js';
import { UdpServer } from './server/udp-server.js';

/** DESIGN.md: a crash loses at most the last second, so batches (= journal writes) come faster. */
export const JOURNAL_FLUSH_MAX_MS = 1000;

export interface LabOptions {
  /** NDJSON journal at this exact path; default: a fresh file in `sessionDir`, kept after close. */
  journalPath?: string;
  /** The private folder of session journals (checked); default: defaultSessionDir(). */
  sessionDir?: string;
  /** Past this journal size per-packet events are summarised per exchange (bytes). */
  journalMaxBytes?: number;
  /** hosts.txt for listHosts; default: the repository's hosts.txt. */
  hostsPath?: string;
  /** How often event batches reach subscribers and the journal (ms, at most 1000). */
  batchIntervalMs?: number;
}

/** Arguments the bridge core parsed already (src-main/bridge): the Lab does not parse them twice. */
const VALIDATED_ARGS = new WeakSet<object>();

type Handler<K extends LabCommandName> = (args: LabParsedArgs<K>) => Promise<LabResults[K]>;

export class Lab implements LabApi {
  private readonly servers = new Map<string, ServerEndpoint>();
  private readonly clients = new Map<string, ClientEndpoint>();
  private readonly sink: EventSink;
  private serverCount = 0;
  private clientCount = 0;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly batcher: EventBatcher,
    private readonly journal: Journal,
    private readonly hostsPath: string | undefined,
    sinkRef: { sink: EventSink | null },
  ) {
    // The journal subscribes first, so it has every batch before any front end sees it.
    batcher.onEvents((batch) => journal.append(batch));
    this.sink = new EventRecorder((event) => batcher.push(event));
    sinkRef.sink = this.sink;
  }

  static async create(opts: LabOptions = {}): Promise<Lab> {
    const intervalMs = Math.min(Math.max(opts.batchIntervalMs ?? 25, 1), JOURNAL_FLUSH_MAX_MS);
    // Sessions outlive their process; old ones are pruned when a lab starts in their folder.
    if (opts.journalPath === undefined) {
      // A folder that is not private stops the lab; a failed clean-up of old sessions does not.
      const dir = ensurePrivateDir(opts.sessionDir ?? defaultSessionDir());
      try {
        pruneSessions(dir);
      } catch {
        // Another NetLab pruning the same folder at the same moment; the next start tries again.
      }
    }
    const sinkRef: { sink: EventSink | null } = { sink: null };
    const journal = Journal.open({
      path: opts.journalPath,
      dir: opts.sessionDir,
      maxBytes: opts.journalMaxBytes,
      // The journal's notices (size cap reached, packet counts) are events like any other.
      notify: (input) => sinkRef.sink?.emit(input),
    });
    return new Lab(new EventBatcher({ intervalMs }), journal, opts.hostsPath, sinkRef);
  }

  /** The session journal; it stays after close, for `netlab sessions` and recovery. */
  get journalPath(): string {
    return this.journal.path;
  }

  onEvents(listener: EventBatchListener): () => void {
    return this.batcher.onEvents(listener);
  }

  /** Delivers pending events to subscribers now, instead of at the next batch tick. */
  flushEvents(): void {
    this.batcher.flush();
  }

  /** By name: validates `args` against the contract, then dispatches. */
  async call(name: string, args: unknown): Promise<LabResult<unknown>> {
    if (!isLabCommandName(name))
      return labErr(
        'BAD_REQUEST',
        `unknown method ${JSON.stringify(String(name).slice(0, 64))}: not a NetLab command`,
      );
    const method = this[name] as (a: unknown) => Promise<LabResult<unknown>>;
    return method.call(this, args);
  }

  /** For the bridge core (src-main/bridge), which validated `args` once already: not parsed again. */
  async callValidated<K extends LabCommandName>(
    name: K,
    args: LabParsedArgs<K>,
  ): Promise<LabResult<unknown>> {
    VALIDATED_ARGS.add(args as object);
    return this.call(name, args);
  }

  startServer(args: LabArgs<'startServer'>): Promise<LabResult<EndpointInfo>> {
    return this.handle('startServer', args, async (config) => {
      this.serverCount += 1;
      const opts: ServerOptions = { id: `srv-${this.serverCount}`, config, sink: this.sink };
      const server = config.proto === 'tcp' ? new TcpServer(opts) : new UdpServer(opts);
      try {
        const info = await server.start();
        this.servers.set(server.id, server);
        return info;
      } catch (err) {
        await server.close().catch(() => undefined);
        throw err;
      }
    });
  }

  stopServer(args: LabArgs<'stopServer'>): Promise<LabResult<null>> {
    return this.handle('stopServer', args, ({ endpointId }) =>
      this.remove(this.servers, endpointId, 'server'),
    );
  }

  openClient(args: LabArgs<'openClient'>): Promise<LabResult<EndpointInfo>> {
    return this.handle('openClient', args, async (config) => {
      if (config.conditions)
        throw new LabError('BAD_ARGUMENT', 'Network-conditions links are not available in this build yet.');
      this.clientCount += 1;
      const opts: ClientOptions = { id: `cli-${this.clientCount}`, config, sink: this.sink };
      const client = config.proto === 'tcp' ? new TcpClient(opts) : new UdpClient(opts);
      this.clients.set(client.id, client);
      return client.info();
    });
  }

  closeClient(args: LabArgs<'closeClient'>): Promise<LabResult<null>> {
    return this.handle('closeClient', args, ({ endpointId }) =>
      this.remove(this.clients, endpointId, 'client'),
    );
  }

  /** Runs one exchange. Ends in error (refused, unknown host, server's error reply…) → ok: false. */
  send(args: LabArgs<'send'>): Promise<LabResult<ExchangeSummary>> {
    return this.handle('send', args, async ({ endpointId, command }) => {
      const summary = await this.endpoint(this.clients, endpointId, 'client').run(command);
      const failure = summaryFailure(summary);
      if (failure) throw failure;
      return summary;
    });
  }

  cancel(args: LabArgs<'cancel'>): Promise<LabResult<null>> {
    return this.handle('cancel', args, async ({ endpointId }) => {
      this.endpoint(this.clients, endpointId, 'client').cancel();
      return null;
    });
  }

  /** Network-conditions links land with the link relays (issue 7); until then an honest refusal. */
  startLink(args: LabArgs<'startLink'>): Promise<LabResult<EndpointInfo>> {
    return this.handle('startLink', args, async () => {
      throw new LabError('BAD_ARGUMENT', 'Network-conditions links are not available in this build yet.');
    });
  }

  stopLink(args: LabArgs<'stopLink'>): Promise<LabResult<null>> {
    return this.handle('stopLink', args, async ({ endpointId }) => {
      throw new LabError('NOT_FOUND', `No link with id "${endpointId}" in this lab.`);
    });
  }

  listEndpoints(args: LabArgs<'listEndpoints'> = {}): Promise<LabResult<EndpointInfo[]>> {
    return this.handle('listEndpoints', args, async () =>
      [...this.servers.values(), ...this.clients.values()].map((e) => e.info()),
    );
  }

  listHosts(args: LabArgs<'listHosts'> = {}): Promise<LabResult<LabResults['listHosts']>> {
    return this.handle('listHosts', args, () => loadHostsFile(this.hostsPath));
  }

  exportCsv(args: LabArgs<'exportCsv'>): Promise<LabResult<LabResults['exportCsv']>> {
    return this.handle('exportCsv', args, async ({ path }) => {
      const journalEnd = this.journalSnapshot();
      const full = resolve(path);
      const rows = await exportJournalCsv(this.journal.path, journalEnd, full);
      return { path: full, rows };
    });
  }

  /** The session so far as CSV (header first), streamed from the journal: for browser-mode download. */
  csvStream(): Readable {
    try {
      return journalToCsv(this.journal.path, this.journalSnapshot()).stream;
    } catch (err) {
      // A download handler reads errors from the stream; it should not have to catch a throw too.
      const failure = asLabError(err);
      return new Readable({
        read() {
          this.destroy(failure);
        },
      });
    }
  }

  /** Closes every endpoint, delivers and journals the last events. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    for (const client of this.clients.values()) client.cancel();
    const endpoints = [...this.clients.values(), ...this.servers.values()];
    this.clients.clear();
    this.servers.clear();
    await Promise.allSettled(endpoints.map((e) => e.close()));
    this.journal.flushPacketSummaries();
    this.batcher.close();
    this.journal.close();
  }

  /** Everything emitted so far is on disk after this; returns the journal's length in bytes. */
  private journalSnapshot(): number {
    this.batcher.flush();
    // The journal's own notices (packet counts past its cap) come from that flush: write them too.
    this.batcher.flush();
    if (this.journal.error) throw this.journal.error;
    return this.journal.bytesWritten;
  }

  private endpoint<E>(map: Map<string, E>, id: string, role: 'server' | 'client'): E {
    const found = map.get(id);
    if (found === undefined) throw new LabError('NOT_FOUND', `No ${role} with id "${id}" in this lab.`);
    return found;
  }

  private async remove(
    map: Map<string, { close(): Promise<void> }>,
    id: string,
    role: 'server' | 'client',
  ): Promise<null> {
    const endpoint = this.endpoint(map, id, role);
    map.delete(id);
    await endpoint.close();
    return null;
  }

  /** Validation, the closed check and error mapping, identical for every command. */
  private async handle<K extends LabCommandName>(
    name: K,
    args: unknown,
    body: Handler<K>,
  ): Promise<LabResult<LabResults[K]>> {
    if (this.closing) return labErr('CANCELLED', 'The lab is closed.');
    const validated = typeof args === 'object' && args !== null && VALIDATED_ARGS.has(args);
    const parsed = validated ? labOk(args as LabParsedArgs<K>) : parseLabArgs(name, args);
    if (!parsed.ok) return parsed;
    try {
      return labOk(await body(parsed.value));
    } catch (err) {
      return { ok: false, error: asLabError(err).toInfo() };
    }
  }
}

/** A summary that ended in error (or waiting for `file_prepared`) becomes the send's error. */
function summaryFailure(s: ExchangeSummary): LabError | null {
  if (s.error) return new LabError(knownCode(s.error.code), s.error.message);
  if (s.end === 'prepare-timeout')
    return new LabError('TIMEOUT', 'No file_prepared from the server in time.');
  if (s.end === 'error') return new LabError('IO_ERROR', 'The exchange ended in an error.');
  return null;
}

function knownCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'IO_ERROR';
}

/** Socket errors keep their errno mapping; anything else is a bug in NetLab, said as such. */
function asLabError(err: unknown): LabError {
  if (err instanceof LabError || typeof (err as NodeJS.ErrnoException | null)?.code === 'string') {
    return toLabError(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LabError('INTERNAL', `Internal error: ${message}`);
}
