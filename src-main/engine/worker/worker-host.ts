// The main thread's handle on one endpoint worker: spawn, calls matched to replies by id, event
// batches in, and a failure path that turns any death of the thread into data, never a hang.
import { Worker } from 'node:worker_threads';
import type { EndpointInfo, LabResult } from '../../../src-shared/api.js';
import type { LabEvent } from '../../../src-shared/events.js';
import { decodeEvents } from './event-columns.js';
import type { WorkerCommand, WorkerInit, WorkerMessage, WorkerRequest } from './worker-protocol.js';
import { workerFailure } from './worker-protocol.js';
import type { WorkerScript } from './worker-script.js';

/** A worker that does not finish closing its endpoint by then is terminated anyway. */
export const WORKER_CLOSE_GRACE_MS = 5000;

export interface WorkerHostEvents {
  /** A batch of the worker's events, in its emit order. */
  onEvents(events: LabEvent[]): void;
  /** The thread died without being asked to: `message` says how, for the endpoint's error event. */
  onFailure(host: WorkerHost, message: string): void;
}

export class WorkerHost {
  readonly id: string;
  readonly threadId: number;
  /** Resolves when the thread has stopped, whichever way. */
  readonly exited: Promise<void>;
  private readonly worker: Worker;
  private readonly calls = new Map<number, (result: LabResult<unknown>) => void>();
  private nextCall = 1;
  private cached: EndpointInfo;
  private thrown: Error | null = null;
  private stopping = false;
  private dead = false;
  private closing: Promise<void> | null = null;

  /**
   * `holdsProcess`: whether the thread keeps the process alive while no call is pending — yes for
   * a server (its listening socket did so in one thread), no for an idle client, so a script that
   * never closes its lab still exits as it did before endpoints had threads.
   */
  constructor(
    init: WorkerInit,
    script: WorkerScript,
    placeholder: EndpointInfo,
    private readonly on: WorkerHostEvents,
    private readonly holdsProcess = true,
  ) {
    this.id = init.endpointId;
    this.cached = placeholder;
    this.worker = new Worker(script.file, { workerData: { ...init, entry: script.entry } });
    this.threadId = this.worker.threadId;
    this.worker.on('message', (m: WorkerMessage) => this.receive(m));
    // 'error' (an uncaught exception) is followed by 'exit'; the exit handler reports both.
    this.worker.on('error', (err) => (this.thrown = err));
    this.worker.on('messageerror', (err) => (this.thrown = err));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.onExit(code);
        resolve();
      }),
    );
  }

  /** The endpoint's state as of its latest batch or reply. */
  info(): EndpointInfo {
    return this.cached;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Resolves with the worker's result; with an INTERNAL error if the thread is or becomes dead. */
  call(cmd: WorkerCommand): Promise<LabResult<unknown>> {
    if (this.dead) return Promise.resolve(workerFailure(`Endpoint ${this.id} has stopped.`));
    const id = this.nextCall++;
    const request: WorkerRequest = { id, cmd };
    this.worker.ref();
    return new Promise((resolve) => {
      this.calls.set(id, resolve);
      this.worker.postMessage(request);
    });
  }

  /** As call(), but gives up waiting after `ms` (a hung thread must not hold its caller). */
  async callWithin(cmd: WorkerCommand, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([this.call(cmd), limit]);
    clearTimeout(timer);
  }

  /** Closes the endpoint in its thread, then ends the thread and awaits its exit. Safe twice. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** Ends the thread at once, as a crash would (tests of the failure path). */
  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private async shutDown(): Promise<void> {
    if (!this.dead) await this.callWithin({ op: 'close' }, WORKER_CLOSE_GRACE_MS);
    this.stopping = true;
    // Held until the exit, so the Lab's last flush and journal close run before the process may end.
    this.worker.ref();
    await this.worker.terminate();
    await this.exited;
  }

  private receive(m: WorkerMessage): void {
    this.cached = m.info;
    if (m.type === 'events') {
      this.on.onEvents(decodeEvents(m.events));
      return;
    }
    const settle = this.calls.get(m.id);
    this.calls.delete(m.id);
    if (this.calls.size === 0 && !this.holdsProcess) this.worker.unref();
    settle?.(m.result);
  }

  private onExit(code: number): void {
    this.dead = true;
    const expected = this.stopping && this.thrown === null;
    const why = this.thrown
      ? `its thread threw: ${this.thrown.message}`
      : `its thread exited unexpectedly (exit code ${code})`;
    const message = `Endpoint ${this.id} stopped: ${why}`;
    this.cached = { ...this.cached, state: 'closed' };
    for (const settle of this.calls.values()) settle(workerFailure(message));
    this.calls.clear();
    if (!expected) this.on.onFailure(this, message);
  }
}
