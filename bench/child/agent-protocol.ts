// What the bench says to an agent child over stdin/stdout (one JSON object per line each way).
import type { ClientConfigInput, Command, LabResult } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';

/** One client read, for pacing: ms on the agent's lab clock and payload bytes. */
export interface RxPoint {
  t: number;
  bytes: number;
}

export interface ClientsRequest {
  config: ClientConfigInput;
  command: Command;
  /** Clients opened and run at once. */
  count: number;
  /** Record request time and every rx (t, bytes) per exchange — only for small transfers. */
  recordRx?: boolean;
}

export interface ClientRun {
  summary: ExchangeSummary | null;
  error: string | null;
  /** Lab clock (ms) when the request went out, and each read after it, when recorded. */
  requestT?: number;
  rx?: RxPoint[];
}

export interface ClientsResult {
  runs: ClientRun[];
  /** From the first send to the last summary, ms (aggregate throughput of concurrent clients). */
  wallMs: number;
}

export interface PlainSendResult {
  bytes: number;
  datagrams: number;
  ms: number;
}

export interface PlainReceiveResult {
  bytes: number;
  datagrams: number;
  /** From the first datagram to the last, ms. */
  ms: number;
}

export type AgentRequest =
  | { id: number; op: 'lab'; method: string; args: unknown }
  | { id: number; op: 'clients'; args: ClientsRequest }
  /** Server-side summaries seen since the last call, once there are at least `atLeast`. */
  | { id: number; op: 'serverSummaries'; args: { atLeast: number } }
  | { id: number; op: 'plainReceive'; args: { idleMs: number; expectBytes: number } }
  | { id: number; op: 'plainReceiveResult' }
  | { id: number; op: 'plainSend'; args: { port: number; bytes: number; chunkBytes: number } }
  | { id: number; op: 'exit' };

export type AgentReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export type { LabResult };
