// The Lab owns every server and client endpoint, implements the LabApi contract and publishes one
// ordered, batched stream of events that is also journalled to disk. Every face of NetLab (CLI,
// Electron IPC, browser mode) drives this one object. Each endpoint runs on a worker thread of its
// own (worker/), like a separate host; the Lab only talks to them and merges their events.
import { isIP } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { ERROR_CODES, isLabCommandName, labErr, labOk, parseLabArgs } from '../../src-shared/api.js';
import type {
  ClientConfig,
  EndpointInfo,
  ErrorCode,
  EventBatchListener,
  LabApi,
  LabArgs,
  LabCommandName,
  LabParsedArgs,
  LabResult,
  LabResults,
  ServerConfig,
} from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import type { ReportScope } from '../../src-shared/lab-report.js';
import { LinkConfigSchema } from '../../src-shared/link/conditions.js';
import type { LinkConfig } from '../../src-shared/link/conditions.js';
import { describeConditions } from '../../src-shared/link/describe.js';
import { checkLinkConditions } from '../../src-shared/link/validate.js';
import { exportJournalCsv, journalToCsv } from './csv-export.js';
import { LabError, asLabError } from './errors.js';
import { EventBatcher } from './event-batcher.js';
import { loadHostsFile } from './hosts-file.js';
import { Journal } from './journal.js';
import type { JournalOptions } from './journal.js';
import { exportJournalReport, journalToReportCsv } from './report-export.js';
import type { ClientRoute } from './endpoint.js';
import { eventFromInput } from './event-sink.js';
import type { LabEventInput } from './event-sink.js';
import { defaultSessionDir, ensurePrivateDir } from './sessions/session-dir.js';
import { pruneSessions } from './sessions/session-store.js';
import { EventOrder } from './worker/event-order.js';
import { LabClock, startLabClock } from './worker/lab-clock.js';
import { WorkerHost } from './worker/worker-host.js';
import type { EndpointKind, WorkerInit } from './worker/worker-protocol.js';
import { workerScript } from './worker/worker-script.js';

/** DESIGN.md: a crash loses at most the last second, so batches (= journal writes) come faster. */
export const JOURNAL_FLUSH_MAX_MS = 1000;
/** How long a send waits for the other workers' pending events; a hung worker delays it no more. */
export const PEER_FLUSH_WAIT_MS = 250;

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
  /** A TypeScript worker entry to run instead of the endpoint worker (the pipeline benchmark). */
  workerEntry?: string;
}

/** Arguments the bridge core parsed already (src-main/bridge): the Lab does not parse them twice. */
const VALIDATED_ARGS = new WeakSet<object>();

type Handler<K extends LabCommandName> = (args: LabParsedArgs<K>) => Promise<LabResults[K]>;

export class Lab implements LabApi {
  private readonly servers = new Map<string, WorkerHost>();
  private readonly clients = new Map<string, WorkerHost>();
  private readonly links = new Map<string, WorkerHost>();
  /** Client id → the id of the link the lab started for its conditions. */
  private readonly clientLinks = new Map<string, string>();
  /** Every worker started and not yet exited, also one whose start() is still pending. */
  private readonly workers = new Set<WorkerHost>();
  private readonly origin = startLabClock();
  private readonly clock = new LabClock(this.origin);
  private serverCount = 0;
  private clientCount = 0;
  private linkCount = 0;
  private workerCount = 0;
  private closing: Promise<void> | null = null;
  /** The running session's journal; newSession() replaces it. */
  private journal: Journal;
  private sessionSwitch: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly batcher: EventBatcher,
    journal: Journal,
    /** How the next session's journal is opened (same folder, size cap and notices). */
    private readonly nextJournal: JournalOptions,
    private readonly hostsPath: string | undefined,
    private readonly workerEntry: string | undefined,
    labRef: { lab: Lab | null },
  ) {
    this.journal = journal;
    // The journal subscribes first, so it has every batch before any front end sees it.
    batcher.onEvents((batch) => this.journal.append(batch));
    labRef.lab = this;
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
    const labRef: { lab: Lab | null } = { lab: null };
    const shared: JournalOptions = {
      maxBytes: opts.journalMaxBytes,
      // The journal's notices (size cap reached, packet counts) are events like any other.
      notify: (input) => labRef.lab?.emitLocal(input),
    };
    const journal = Journal.open({ ...shared, path: opts.journalPath, dir: opts.sessionDir });
    // A new session's journal goes next to the first one (an exact path names its folder).
    const nextJournal: JournalOptions = {
      ...shared,
      dir: opts.journalPath !== undefined ? dirname(resolve(opts.journalPath)) : opts.sessionDir,
    };
    const order = new EventOrder();
    return new Lab(
      new EventBatcher({ intervalMs, prepare: order.stamp }),
      journal,
      nextJournal,
      opts.hostsPath,
      opts.workerEntry,
      labRef,
    );
  }

  /** The session journal; it stays after close, for `netlab sessions` and recovery. */
  get journalPath(): string {
    return this.journal.path;
  }

  /** Events journalled so far (the pipeline benchmark checks none was lost). */
  get journalEventCount(): number {
    return this.journal.eventCount;
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
      const host = this.spawn(`srv-${this.serverCount}`, 'server', config);
      const info = await this.started(host);
      this.servers.set(host.id, host);
      return info;
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
      let via: ClientRoute | undefined;
      if (config.conditions) {
        // The link sits on loopback in front of the chosen server; the client talks to it.
        const ipv6 = isIP(config.host.replace(/^\[|\]$/g, '')) === 6;
        const listenHost = ipv6 ? '::1' : '127.0.0.1';
        const link = await this.openLink(
          LinkConfigSchema.parse({
            proto: config.proto,
            listenHost,
            listenPort: 0,
            targetHost: config.host,
            targetPort: config.port,
            conditions: config.conditions,
          }),
          'openClient',
        );
        via = {
          link: link.id,
          host: listenHost,
          port: link.port ?? 0,
          conditions: describeConditions(config.conditions, config.proto),
        };
        this.clientLinks.set(id, link.id);
      }
      const host = this.spawn(id, 'client', config, via);
      let info: EndpointInfo;
      try {
        info = await this.started(host);
      } catch (err) {
        await this.closeClientLink(id);
        throw err;
      }
      this.clients.set(host.id, host);
      return info;
    });
  }

  closeClient(args: LabArgs<'closeClient'>): Promise<LabResult<null>> {
    return this.handle('closeClient', args, async ({ endpointId }) => {
      await this.remove(this.clients, endpointId, 'client');
      await this.closeClientLink(endpointId);
      return null;
    });
  }

  /** The link the lab started for a client's conditions goes with the client. */
  private async closeClientLink(clientId: string): Promise<void> {
    const linkId = this.clientLinks.get(clientId);
    this.clientLinks.delete(clientId);
    if (linkId !== undefined && this.links.has(linkId)) await this.remove(this.links, linkId, 'link');
  }

  /** Runs one exchange. Ends in error (refused, unknown host, server's error reply…) → ok: false. */
  send(args: LabArgs<'send'>): Promise<LabResult<ExchangeSummary>> {
    return this.handle('send', args, async ({ endpointId, command }) => {
      const host = this.endpoint(this.clients, endpointId, 'client');
      const summary = unwrap(await host.call({ op: 'run', command })) as ExchangeSummary;
      // The client's events came before its reply; a server's in this lab (its summary) may still
      // be in its worker: fetch those too, so what the send resolved after is in the stream. Other
      // clients' events are no part of this exchange (and 200 busy clients would delay it).
      const peers = [...this.servers.values(), ...this.links.values()].filter((w) => w.alive);
      await Promise.all(peers.map((w) => w.callWithin({ op: 'flush' }, PEER_FLUSH_WAIT_MS)));
      const failure = summaryFailure(summary);
      if (failure) throw failure;
      return summary;
    });
  }

  cancel(args: LabArgs<'cancel'>): Promise<LabResult<null>> {
    return this.handle('cancel', args, async ({ endpointId }) => {
      unwrap(await this.endpoint(this.clients, endpointId, 'client').call({ op: 'cancel' }));
      return null;
    });
  }

  /** A network-conditions relay between any client and any server, on its own worker (issue 7). */
  startLink(args: LabArgs<'startLink'>): Promise<LabResult<EndpointInfo>> {
    return this.handle('startLink', args, (config) => this.openLink(config, 'startLink'));
  }

  stopLink(args: LabArgs<'stopLink'>): Promise<LabResult<null>> {
    return this.handle('stopLink', args, ({ endpointId }) => this.remove(this.links, endpointId, 'link'));
  }

  /** Checks, starts and registers a link; nothing is left running when it cannot start. */
  private async openLink(config: LinkConfig, command: string): Promise<EndpointInfo> {
    const problem = checkLinkConditions(config.proto, config.conditions);
    if (problem)
      throw new LabError('BAD_ARGUMENT', `${command}: conditions.${problem.path}: ${problem.message}`);
    this.linkCount += 1;
    const host = this.spawn(`link-${this.linkCount}`, 'link', config);
    const info = await this.started(host);
    this.links.set(host.id, host);
    return info;
  }

  listEndpoints(args: LabArgs<'listEndpoints'> = {}): Promise<LabResult<EndpointInfo[]>> {
    return this.handle('listEndpoints', args, async () =>
      [...this.servers.values(), ...this.clients.values(), ...this.links.values()].map((host) => host.info()),
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

  /** The lab report of the session so far (or of some endpoints / exchanges), from the journal. */
  exportReport(args: LabArgs<'exportReport'>): Promise<LabResult<LabResults['exportReport']>> {
    return this.handle('exportReport', args, async ({ path, scope }) => {
      const journalEnd = this.journalSnapshot();
      const full = resolve(path);
      const rows = await exportJournalReport(this.journal.path, journalEnd, full, scope);
      return { path: full, rows };
    });
  }

  /**
   * Closes the session journal cleanly (its end marker; it stays in `netlab sessions`) and opens a
   * new one; endpoints keep running. Everything emitted before the call is in the old journal;
   * the new one begins with a `session` event, on which every view clears what it shows.
   */
  newSession(args: LabArgs<'newSession'> = {}): Promise<LabResult<LabResults['newSession']>> {
    return this.handle('newSession', args, () => {
      // One switch at a time: two clicks make two sessions, one after the other.
      const next = this.sessionSwitch.then(() => this.switchJournal());
      this.sessionSwitch = next.catch(() => undefined);
      return next;
    });
  }

  private async switchJournal(): Promise<LabResults['newSession']> {
    // What the workers hold back in their own batches belongs to the old session too.
    const alive = [...this.workers].filter((w) => w.alive);
    await Promise.all(alive.map((w) => w.callWithin({ op: 'flush' }, PEER_FLUSH_WAIT_MS)));
    if (this.closing) throw new LabError('CANCELLED', 'The lab is closed.');
    // Delivered (so journalled in the old file) first; a failed old journal is no reason to stay in it.
    this.journal.flushPacketSummaries();
    this.batcher.flush();
    this.batcher.flush();
    const fresh = Journal.open(this.nextJournal);
    const old = this.journal;
    this.journal = fresh;
    old.close();
    const info = { journal: basename(fresh.path), previous: basename(old.path) };
    this.emitLocal({
      endpoint: 'lab',
      role: 'server',
      proto: 'tcp',
      kind: 'session',
      detail: `New session: journal ${info.journal}; the previous one, ${info.previous}, is kept (netlab sessions).`,
    });
    this.batcher.flush();
    return info;
  }

  /** The session so far as CSV (header first), streamed from the journal: for browser-mode download. */
  csvStream(): Readable {
    return this.snapshotStream(() => journalToCsv(this.journal.path, this.journalSnapshot()).stream);
  }

  /** The lab report so far (header first), streamed from the journal: GET /report.csv. */
  reportStream(scope: ReportScope): Readable {
    return this.snapshotStream(() => journalToReportCsv(this.journal.path, this.journalSnapshot(), scope).stream);
  }

  private snapshotStream(open: () => Readable): Readable {
    try {
      return open();
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

  /** Thread ids of the workers still running: none after close() (the tests check). */
  runningWorkers(): number[] {
    return [...this.workers].filter((w) => w.alive).map((w) => w.threadId);
  }

  /** The worker an endpoint runs on, for tests of the failure path. */
  endpointWorker(endpointId: string): WorkerHost | undefined {
    return this.servers.get(endpointId) ?? this.clients.get(endpointId) ?? this.links.get(endpointId);
  }

  private async closeAll(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    this.servers.clear();
    this.links.clear();
    this.clientLinks.clear();
    // Clients first (closing one cancels its exchange), so an exchange ends 'cancelled' rather than
    // cut off by its server; each close is bounded by WORKER_CLOSE_GRACE_MS, even for a hung worker.
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled([...this.workers].map((w) => w.close()));
    this.journal.flushPacketSummaries();
    this.batcher.close();
    this.journal.close();
  }

  private spawn(
    id: string,
    role: 'server' | 'client' | 'link',
    config: ServerConfig | ClientConfig | LinkConfig,
    via?: ClientRoute,
  ): WorkerHost {
    const kind: EndpointKind = `${role}:${config.proto}`;
    // What listEndpoints says until the worker's first reply.
    const placeholder: EndpointInfo = {
      id,
      role,
      proto: config.proto,
      state: 'idle',
      local: null,
      remote: null,
      port: null,
      config,
    };
    this.workerCount += 1;
    const init: WorkerInit = {
      endpointId: id,
      kind,
      config,
      clock: this.origin,
      exchangePrefix: `x${this.workerCount}.`,
      ...(via ? { via } : {}),
    };
    const host = new WorkerHost(
      init,
      workerScript(this.workerEntry),
      placeholder,
      {
        onEvents: (events) => {
          for (const event of events) this.batcher.push(event);
        },
        onFailure: (failed, message) => this.reportFailure(failed, message),
      },
      role !== 'client',
    );
    this.workers.add(host);
    void host.exited.then(() => this.workers.delete(host));
    return host;
  }

  /** Starts the endpoint in its worker; on failure the worker is ended before the error is returned. */
  private async started(host: WorkerHost): Promise<EndpointInfo> {
    const result = await host.call({ op: 'start' });
    if (!result.ok) await host.close();
    return unwrap(result) as EndpointInfo;
  }

  /** A dead worker is an error event on its endpoint, stamped on the lab's clock like any other. */
  private reportFailure(host: WorkerHost, message: string): void {
    const info = host.info();
    this.emitLocal({
      endpoint: host.id,
      role: info.role,
      proto: info.proto,
      kind: 'error',
      local: info.local ?? '',
      remote: info.remote ?? '',
      detail: message,
    });
  }

  /** An event the main thread itself reports (a dead worker, the journal's notices). */
  private emitLocal(input: LabEventInput): void {
    const t = this.clock.now();
    this.batcher.push(eventFromInput(input, 0, t, this.clock.wallIso(t)));
  }


  /** Everything emitted so far is on disk after this; returns the journal's length in bytes. */
  private journalSnapshot(): number {
    this.batcher.flush();
    // The journal's own notices (packet counts past its cap) come from that flush: write them too.
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
    map: Map<string, WorkerHost>,
    id: string,
    role: 'server' | 'client' | 'link',
  ): Promise<null> {
    const host = this.endpoint(map, id, role);
    map.delete(id);
    await host.close();
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

/** A worker's result record back into the LabError it stood for. */
function unwrap(result: LabResult<unknown>): unknown {
  if (!result.ok) throw new LabError(result.error.code, result.error.message);
  return result.value;
}
