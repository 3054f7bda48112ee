// The bench's side of an agent child (bench/child/agent.ts): spawn, call with a time limit, stop.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { EndpointInfo, LabResult, ServerConfigInput } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import type {
  AgentReply,
  AgentRequest,
  ClientsRequest,
  ClientsResult,
  PlainReceiveResult,
  PlainSendResult,
} from '../child/agent-protocol.js';

const START_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 5_000;

/** Distributive Omit, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** `node -r tsx/cjs FILE`: bench-only TypeScript children without a build step (tsx is a dev tool). */
export function nodeTsArgs(file: string, extraNodeFlags: readonly string[] = []): string[] {
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  return [
    ...flags,
    ...extraNodeFlags,
    '-r',
    require.resolve('tsx/cjs'),
    resolve(__dirname, '..', 'child', file),
  ];
}

export class AgentHandle {
  private nextId = 1;
  private readonly pending = new Map<number, (r: AgentReply) => void>();
  private exited = false;
  private stderr = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: AgentReply;
      try {
        msg = JSON.parse(line) as AgentReply;
      } catch {
        return; // not ours (a stray log line)
      }
      this.pending.get(msg.id)?.(msg);
      this.pending.delete(msg.id);
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      const why = `${name} agent exited (${code ?? signal}): ${this.stderr.trim()}`;
      for (const settle of this.pending.values()) settle({ id: 0, ok: false, error: why });
      this.pending.clear();
    });
  }

  static async spawn(name: string): Promise<AgentHandle> {
    const child = spawn(process.execPath, nodeTsArgs('agent.ts'), { stdio: ['pipe', 'pipe', 'pipe'] });
    const agent = new AgentHandle(name, child);
    const ready = new Promise<AgentReply>((resolve) => agent.pending.set(0, resolve));
    const first = await withTimeout(ready, START_TIMEOUT_MS, `${name} agent start`);
    if (!first.ok) throw new Error(first.error);
    return agent;
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(req: WithoutId<AgentRequest>, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} agent has exited: ${this.stderr.trim()}`));
    const id = this.nextId++;
    const reply = new Promise<AgentReply>((resolve) => this.pending.set(id, resolve));
    this.child.stdin!.write(`${JSON.stringify({ ...req, id })}\n`);
    return withTimeout(reply, timeoutMs, `${this.name} agent ${req.op}`).then((r) => {
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    });
  }

  async lab<T>(method: string, args: unknown, timeoutMs = 10_000): Promise<T> {
    const result = await this.call<LabResult<T>>({ op: 'lab', method, args }, timeoutMs);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  startServer(config: ServerConfigInput): Promise<EndpointInfo> {
    return this.lab<EndpointInfo>('startServer', config);
  }

  clients(args: ClientsRequest, timeoutMs: number): Promise<ClientsResult> {
    return this.call<ClientsResult>({ op: 'clients', args }, timeoutMs);
  }

  /** The server summaries since the last call, waiting until there are at least `atLeast`. */
  serverSummaries(atLeast: number): Promise<ExchangeSummary[]> {
    return this.call<ExchangeSummary[]>({ op: 'serverSummaries', args: { atLeast } }, 10_000);
  }

  plainReceive(idleMs: number, expectBytes: number): Promise<{ port: number }> {
    return this.call({ op: 'plainReceive', args: { idleMs, expectBytes } }, 5_000);
  }

  plainReceiveResult(timeoutMs: number): Promise<PlainReceiveResult> {
    return this.call({ op: 'plainReceiveResult' }, timeoutMs);
  }

  plainSend(port: number, bytes: number, chunkBytes: number, timeoutMs: number): Promise<PlainSendResult> {
    return this.call({ op: 'plainSend', args: { port, bytes, chunkBytes } }, timeoutMs);
  }

  /** Asks the agent to close its lab and exit; kills it if it does not. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.call({ op: 'exit' }, EXIT_TIMEOUT_MS);
      await withTimeout(gone, EXIT_TIMEOUT_MS, `${this.name} agent exit`);
    } catch {
      this.child.kill('SIGKILL');
      await gone;
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `body` with agents that are stopped afterwards whatever happens. */
export async function withAgents<T>(
  names: readonly string[],
  body: (agents: AgentHandle[]) => Promise<T>,
): Promise<T> {
  const agents: AgentHandle[] = [];
  try {
    for (const name of names) agents.push(await AgentHandle.spawn(name));
    return await body(agents);
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
  }
}
