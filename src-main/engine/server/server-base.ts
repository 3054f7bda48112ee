// What TCP and UDP servers share: the explicit state (idle → listening → closing → closed),
// info(), a close() that is safe to call twice, and the endpoint-level events.
import type { EndpointInfo, EndpointState } from '../../../src-shared/api.js';
import type { EventKind } from '../../../src-shared/events.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import type { ServerEndpoint, ServerOptions } from '../endpoint.js';
import { LabError, toLabError } from '../errors.js';
import { describeBind, socketAddress } from './addresses.js';

export abstract class ServerBase implements ServerEndpoint {
  readonly id: string;
  protected state: EndpointState = 'idle';
  protected local: string | null = null;
  private port: number | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    protected readonly opts: ServerOptions,
    protected readonly proto: Proto,
  ) {
    this.id = opts.id;
  }

  abstract start(): Promise<EndpointInfo>;

  /** Cancels every exchange and releases the socket(s); called once, from close(). */
  protected abstract stop(): Promise<void>;

  info(): EndpointInfo {
    return {
      id: this.id,
      role: 'server',
      proto: this.proto,
      state: this.state,
      local: this.local,
      remote: null,
      port: this.port,
      config: this.opts.config,
    };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const wasListening = this.state === 'listening';
    this.state = 'closing';
    await this.stop();
    this.state = 'closed';
    if (wasListening) this.emit('closed', `${this.label} server on ${this.local} closed`);
  }

  protected get label(): string {
    return this.proto.toUpperCase();
  }

  /** Throws unless start() may run now. */
  protected assertIdle(): void {
    if (this.state !== 'idle')
      throw new LabError('BUSY', `${this.label} server ${this.id} is already ${this.state}.`);
  }

  /** Records the bound address and announces it. */
  protected markListening(address: string, port: number): EndpointInfo {
    this.local = socketAddress(address, port);
    this.port = port;
    this.state = 'listening';
    const where = this.opts.config.host === '' ? `all interfaces, port ${port} (${this.local})` : this.local;
    this.emit('listening', `${this.label} server listening on ${where}`);
    return this.info();
  }

  /** Turns a bind failure into the LabError start() rejects with, and logs it. */
  protected startFailed(err: unknown): LabError {
    this.state = 'closed';
    const { host, port } = this.opts.config;
    const error = toLabError(err, describeBind(host, port));
    this.emit('error', error.message);
    return error;
  }

  protected emit(kind: EventKind, detail: string): void {
    this.opts.sink.emit({
      endpoint: this.id,
      role: 'server',
      proto: this.proto,
      kind,
      local: this.local ?? '',
      detail,
    });
  }
}
