// The Lab owns every server and client endpoint, implements the LabApi contract and publishes one
// ordered, batched stream of events that is also journalled to disk. Every face of NetLab (CLI,
// Electron IPC, browser mode) drives this one object.
import { isIP } from 'node:net';
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
import { LinkConfigSchema } from '../../src-shared/link/conditions.js';
import type { LinkConfig } from '../../src-shared/link/conditions.js';
import { checkLinkConditions } from '../../src-shared/link/validate.js';
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
import { createLink } from './link/create-link.js';
import type { LinkEndpoint } from './link/create-link.js';
import { TcpServer } from './server/tcp-server.js';
import { UdpServer } from './server/udp-server.js';

/** DESIGN.md: a crash loses at most the last second, so batches (= journal writes) come faster. */
export const JOURNAL_FLUSH_MAX_MS = 1000;

export interface LabOptions {
  /** NDJSON journal; default: a fresh file under os.tmpdir()/netlab-sessions, removed on close. */
  journalPath?: string;
  /** hosts.txt for listHosts; default: the repository's hosts.txt. */
  hostsPath?: string;
  /** How often event batches reach subscribers and the journal (ms, at most 1000). */
  batchIntervalMs?: number;
}

type Handler<K extends LabCommandName> = (args: LabParsedArgs<K>) => Promise<LabResults[K]>;

export class Lab implements LabApi {
  private readonly servers = new Map<string, ServerEndpoint>();
  private readonly clients = new Map<string, ClientEndpoint>();
  private readonly links = new Map<string, LinkEndpoint>();
  /** Client id → the id of the link the lab started for its conditions. */
  private readonly clientLinks = new Map<string, string>();
  private readonly sink: EventSink;
  private serverCount = 0;
  private clientCount = 0;
  private linkCount = 0;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly batcher: EventBatcher,
    private readonly journal: Journal,
    private readonly hostsPath: string | undefined,
  ) {
    // The journal subscribes first, so it has every batch before any front end sees it.
    batcher.onEvents((batch) => journal.append(batch));
    this.sink = new EventRecorder((event) => batcher.push(event));
  }

  static async create(opts: LabOptions = {}): Promise<Lab> {
    const intervalMs = Math.min(Math.max(opts.batchIntervalMs ?? 25, 1), JOURNAL_FLUSH_MAX_MS);
    const journal = Journal.open(opts.journalPath);
    return new Lab(new EventBatcher({ intervalMs }), journal, opts.hostsPath);
  }

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

  /** For the IPC and WebSocket bridges: validates `args` against the contract, then dispatches. */
  async call(name: string, args: unknown): Promise<LabResult<unknown>> {
    if (!isLabCommandName(name))
      return labErr('BAD_ARGUMENT', `Unknown command: ${String(name).slice(0, 64)}`);
    const method = this[name] as (a: unknown) => Promise<LabResult<unknown>>;
    return method.call(this, args);
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
      this.clientCount += 1;
      const id = `cli-${this.clientCount}`;
      const opts: ClientOptions = { id, config, sink: this.sink };
      if (config.conditions) {
        // The link sits on loopback in front of the chosen server; the client talks to it.
        const ipv6 = isIP(config.host.replace(/^\[|\]$/g, '')) === 6;
        const linkConfig = LinkConfigSchema.parse({
          proto: config.proto,
          listenHost: ipv6 ? '::1' : '127.0.0.1',
          listenPort: 0,
          targetHost: config.host,
          targetPort: config.port,
          conditions: config.conditions,
        });
        const link = await this.openLink(linkConfig, 'openClient');
        const port = link.info().port ?? 0;
        opts.via = { link: link.id, host: ipv6 ? '::1' : '127.0.0.1', port, conditions: link.conditionsText };
        this.clientLinks.set(id, link.id);
      }
      const client = config.proto === 'tcp' ? new TcpClient(opts) : new UdpClient(opts);
      this.clients.set(client.id, client);
      return client.info();
    });
  }

  closeClient(args: LabArgs<'closeClient'>): Promise<LabResult<null>> {
    return this.handle('closeClient', args, async ({ endpointId }) => {
      await this.remove(this.clients, endpointId, 'client');
      const linkId = this.clientLinks.get(endpointId);
      this.clientLinks.delete(endpointId);
      if (linkId !== undefined && this.links.has(linkId)) await this.remove(this.links, linkId, 'link');
      return null;
    });
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

  /** A network-conditions relay between any client and any server (issue 7). */
  startLink(args: LabArgs<'startLink'>): Promise<LabResult<EndpointInfo>> {
    return this.handle('startLink', args, async (config) => (await this.openLink(config, 'startLink')).info());
  }

  stopLink(args: LabArgs<'stopLink'>): Promise<LabResult<null>> {
    return this.handle('stopLink', args, ({ endpointId }) => this.remove(this.links, endpointId, 'link'));
  }

  /** Checks, starts and registers a link; nothing is left behind when it cannot start. */
  private async openLink(config: LinkConfig, command: string): Promise<LinkEndpoint> {
    const problem = checkLinkConditions(config.proto, config.conditions);
    if (problem) throw new LabError('BAD_ARGUMENT', `${command}: conditions.${problem.path}: ${problem.message}`);
    this.linkCount += 1;
    const link = createLink({ id: `link-${this.linkCount}`, config, sink: this.sink });
    try {
      await link.start();
    } catch (err) {
      await link.close().catch(() => undefined);
      throw err;
    }
    this.links.set(link.id, link);
    return link;
  }

  listEndpoints(args: LabArgs<'listEndpoints'> = {}): Promise<LabResult<EndpointInfo[]>> {
    return this.handle('listEndpoints', args, async () =>
      [...this.servers.values(), ...this.clients.values(), ...this.links.values()].map((e) => e.info()),
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
    const endpoints = [...this.clients.values(), ...this.links.values(), ...this.servers.values()];
    this.clients.clear();
    this.links.clear();
    this.clientLinks.clear();
    this.servers.clear();
    await Promise.allSettled(endpoints.map((e) => e.close()));
    this.batcher.close();
    this.journal.close();
  }

  /** Everything emitted so far is on disk after this; returns the journal's length in bytes. */
  private journalSnapshot(): number {
    this.batcher.flush();
    if (this.journal.error) throw this.journal.error;
    return this.journal.bytesWritten;
  }

  private endpoint<E>(map: Map<string, E>, id: string, role: 'server' | 'client' | 'link'): E {
    const found = map.get(id);
    if (found === undefined) throw new LabError('NOT_FOUND', `No ${role} with id "${id}" in this lab.`);
    return found;
  }

  private async remove(
    map: Map<string, { close(): Promise<void> }>,
    id: string,
    role: 'server' | 'client' | 'link',
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
    const parsed = parseLabArgs(name, args);
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
