// The one bridge core: the only place a page's call becomes a Lab call. Both faces adapt it —
// Electron IPC (src-main/electron/main/ipc.ts) and the browser-mode WebSocket
// (src-main/web/bridge-connection.ts) keep only their transport. Here, once for both:
// the command name is checked, the arguments validated against the src-shared schema (the Lab
// then trusts them), the page policy applied, ownership per window / tab tracked, and every
// failure returned with the same code.
import { isLabCommandName, parseLabArgs } from '../../src-shared/api.js';
import type { LabCommandName, LabParsedArgs, LabResult } from '../../src-shared/api.js';
import { internalError, unknownMethod } from './bridge-errors.js';
import { pageRefusal } from './bridge-policy.js';
import { EndpointOwners, RELEASE_COMMAND } from './endpoint-owners.js';
import type { OwnedEndpoint, OwnerId } from './endpoint-owners.js';

/** What the bridge needs from the engine's Lab (src-main/engine/lab.ts). */
export interface BridgeLab {
  /** Runs a command whose arguments the bridge has validated already. */
  callValidated<K extends LabCommandName>(name: K, args: LabParsedArgs<K>): Promise<LabResult<unknown>>;
}

export class BridgeCore {
  private readonly owners = new EndpointOwners();

  constructor(
    private readonly lab: BridgeLab,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** One call from a page, on behalf of `owner` (a window or a tab). Never throws. */
  async call(owner: OwnerId, method: unknown, args: unknown): Promise<LabResult<unknown>> {
    if (!isLabCommandName(method)) return unknownMethod(method);
    const refused = pageRefusal(method);
    if (refused) return refused;
    const parsed = parseLabArgs(method, args);
    if (!parsed.ok) return parsed;
    let result: LabResult<unknown>;
    try {
      result = await this.lab.callValidated(method, parsed.value);
    } catch (err) {
      result = internalError(err);
    }
    if (result.ok) this.track(owner, method, parsed.value, result.value);
    return result;
  }

  /** The window or tab went away: stops what it started. Failures are logged, never thrown. */
  async release(owner: OwnerId): Promise<void> {
    await Promise.all(this.owners.takeAll(owner).map((e) => this.stop(e)));
  }

  /** What `owner` started and has not stopped. */
  owned(owner: OwnerId): OwnedEndpoint[] {
    return this.owners.owned(owner);
  }

  private track(owner: OwnerId, method: LabCommandName, args: unknown, value: unknown): void {
    const stopWith = RELEASE_COMMAND[method];
    if (stopWith !== undefined) {
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      // The window closed while its start was running: nobody will ever stop this one but us.
      if (!this.owners.add(owner, id, stopWith)) void this.stop({ id, release: stopWith });
    } else if (this.owners.isStop(method)) {
      this.owners.forget((args as { endpointId: string }).endpointId);
    }
  }

  private async stop({ id, release }: OwnedEndpoint): Promise<void> {
    try {
      const parsed = parseLabArgs(release, { endpointId: id });
      if (!parsed.ok) return;
      const result = await this.lab.callValidated(release, parsed.value);
      if (!result.ok && result.error.code !== 'NOT_FOUND')
        this.log(`${release} ${id} when its window closed: ${result.error.message}`);
    } catch (err) {
      this.log(`${release} ${id} when its window closed: ${String(err)}`);
    }
  }
}
