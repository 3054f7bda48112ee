// What TCP and UDP links share, as ServerBase does for servers: the explicit state (idle →
// listening → closing → closed), info(), a close() that is safe to call twice, endpoint events.
import type { EndpointInfo, EndpointState } from '../../../src-shared/api.js';
import type { EventKind } from '../../../src-shared/events.js';
import { formatHostPort } from '../../../src-shared/hosts.js';
import { describeConditions } from '../../../src-shared/link/describe.js';
import { checkLinkConditions } from '../../../src-shared/link/validate.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { LabError, toLabError } from '../errors.js';
import { describeBind, socketAddress } from '../server/addresses.js';
import type { LinkOptions } from './link-options.js';

export abstract class LinkBase {
  readonly id: string;
  /** The conditions in words, for every summary and event detail. */
  readonly conditionsText: string;
  protected state: EndpointState = 'idle';
  protected local: string | null = null;
  protected readonly target: string;
  private port: number | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    protected readonly opts: LinkOptions,
    protected readonly proto: Proto,
  ) {
    this.id = opts.id;
    this.conditionsText = describeConditions(opts.config.conditions, proto);
    this.target = formatHostPort(opts.config.targetHost, opts.config.targetPort);
  }

  abstract start(): Promise<EndpointInfo>;

  /** Ends every exchange (each with its summary) and releases the sockets; once, from close(). */
  protected abstract stop(): Promise<void>;

  info(): EndpointInfo {
    return {
      id: this.id,
      role: 'link',
      proto: this.proto,
      state: this.state,
      local: this.local,
      remote: this.target,
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
    if (wasListening) this.emit('closed', `${this.label} link on ${this.local} closed`);
  }

  protected get label(): string {
    return this.proto.toUpperCase();
  }

  /** Throws unless start() may run now, or the conditions cannot run on this protocol. */
  protected assertStartable(): void {
    if (this.state !== 'idle') throw new LabError('BUSY', `${this.label} link ${this.id} is already ${this.state}.`);
    const problem = checkLinkConditions(this.proto, this.opts.config.conditions);
    if (problem) throw new LabError('BAD_ARGUMENT', `conditions.${problem.path}: ${problem.message}`);
  }

  protected markListening(address: string, port: number): EndpointInfo {
    this.local = socketAddress(address, port);
    this.port = port;
    this.state = 'listening';
    const where = this.opts.config.listenHost === '' ? `all interfaces, port ${port}` : this.local;
    this.emit('listening', `${this.label} link on ${where} → ${this.target}: ${this.conditionsText}`);
    return this.info();
  }

  protected startFailed(err: unknown): LabError {
    this.state = 'closed';
    const { listenHost, listenPort } = this.opts.config;
    const error = toLabError(err, describeBind(listenHost, listenPort));
    this.emit('error', error.message);
    return error;
  }

  protected emit(kind: EventKind, detail: string): void {
    this.opts.sink.emit({ endpoint: this.id, role: 'link', proto: this.proto, kind, local: this.local ?? '', detail });
  }
}
