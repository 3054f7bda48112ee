// A bench agent: one process holding a NetLab Lab (servers or clients), driven by JSON lines on
// stdin, so server and client never share an event loop — as with the real tool — and the
// bench can read the server's memory from /proc without measuring its own.
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import { Lab } from '../../src-main/engine/lab.js';
import type {
  AgentReply,
  AgentRequest,
  ClientRun,
  ClientsRequest,
  ClientsResult,
  RxPoint,
} from './agent-protocol.js';
import { PlainReceiver, plainSend } from './plain-udp.js';

/** How long to wait for the batch holding an exchange's last events after its send resolved. */
const EVENTS_SETTLE_MS = 5_000;

class Agent {
  private serverSummaries: ExchangeSummary[] = [];
  /** Exchanges whose rx events are recorded, by exchange id. */
  private recording: Map<string, { requestT?: number; rx: RxPoint[] }> | null = null;
  private readonly clientSummariesSeen = new Set<string>();
  /** The latest client summary per endpoint: what a failed send (e.g. a UDP file cut short) still reports. */
  private readonly clientSummaryByEndpoint = new Map<string, ExchangeSummary>();
  private waiters: (() => void)[] = [];
  private plain: PlainReceiver | null = null;

  constructor(private readonly lab: Lab) {
    lab.onEvents((batch) => this.onBatch(batch));
  }

  private onBatch(batch: readonly LabEvent[]): void {
    for (const e of batch) {
      if (e.kind === 'summary' && e.summary) {
        if (e.role === 'server') this.serverSummaries.push(e.summary);
        else if (e.exchange) {
          this.clientSummariesSeen.add(e.exchange);
          this.clientSummaryByEndpoint.set(e.endpoint, e.summary);
        }
      }
      if (this.recording && e.role === 'client' && e.exchange) {
        let rec = this.recording.get(e.exchange);
        if (!rec) this.recording.set(e.exchange, (rec = { rx: [] }));
        if (e.kind === 'request') rec.requestT = e.t;
        else if (e.kind === 'rx' && e.bytes) rec.rx.push({ t: e.t, bytes: e.bytes });
      }
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits (bounded) until `ready()` holds, re-checking after every batch of events. */
  private async until(ready: () => boolean, what: string): Promise<void> {
    const deadline = performance.now() + EVENTS_SETTLE_MS;
    while (!ready()) {
      if (performance.now() > deadline)
        throw new Error(`${what}: not in any event batch within ${EVENTS_SETTLE_MS} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async clients(req: ClientsRequest): Promise<ClientsResult> {
    const ids: string[] = [];
    for (let i = 0; i < req.count; i++) {
      const opened = await this.lab.openClient(req.config);
      if (!opened.ok) throw new Error(`openClient: ${opened.error.message}`);
      ids.push(opened.value.id);
    }
    this.recording = req.recordRx ? new Map() : null;
    const started = performance.now();
    const results = await Promise.all(
      ids.map((endpointId) => this.lab.send({ endpointId, command: req.command })),
    );
    const wallMs = performance.now() - started;
    // A failed send still has the summary its event carried (lost datagrams end a UDP file short):
    // the scenario decides whether that is a broken run or a figure.
    this.lab.flushEvents();
    const runs: ClientRun[] = results.map((r, i) =>
      r.ok
        ? { summary: r.value, error: null }
        : {
            summary: this.clientSummaryByEndpoint.get(ids[i]!) ?? null,
            error: `${r.error.code}: ${r.error.message}`,
          },
    );
    if (req.recordRx) {
      const exchanges = runs.flatMap((r) => (r.summary ? [r.summary.exchange] : []));
      // The batch with an exchange's summary holds all of its earlier events too.
      await this.until(() => exchanges.every((x) => this.clientSummariesSeen.has(x)), 'client events');
      for (const run of runs) {
        const rec = run.summary ? this.recording?.get(run.summary.exchange) : undefined;
        if (rec) Object.assign(run, rec);
      }
    }
    this.recording = null;
    for (const endpointId of ids) await this.lab.closeClient({ endpointId });
    return { runs, wallMs };
  }

  async handle(req: AgentRequest): Promise<unknown> {
    switch (req.op) {
      case 'lab':
        return this.lab.call(req.method, req.args);
      case 'clients':
        return this.clients(req.args);
      case 'serverSummaries': {
        await this.until(() => this.serverSummaries.length >= req.args.atLeast, 'server summaries');
        const out = this.serverSummaries;
        this.serverSummaries = [];
        return out;
      }
      case 'plainReceive': {
        this.plain = new PlainReceiver(req.args.idleMs, req.args.expectBytes);
        return { port: await this.plain.bind() };
      }
      case 'plainReceiveResult':
        if (!this.plain) throw new Error('plainReceive first');
        return this.plain.result;
      case 'plainSend':
        return plainSend(req.args.port, req.args.bytes, req.args.chunkBytes);
      case 'exit':
        await this.lab.close();
        setImmediate(() => process.exit(0));
        return null;
    }
  }
}

function reply(message: AgentReply): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const agent = new Agent(await Lab.create());
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const req = JSON.parse(line) as AgentRequest;
    agent.handle(req).then(
      (value) => reply({ id: req.id, ok: true, value }),
      (err: unknown) =>
        reply({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  // The bench went away: do not linger.
  lines.on('close', () => process.exit(0));
  reply({ id: 0, ok: true, value: { pid: process.pid } });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
