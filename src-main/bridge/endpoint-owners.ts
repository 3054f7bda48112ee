// Which window (Electron webContents id) or tab (browser-mode WebSocket) started which endpoint,
// so that when it goes, exactly its servers, clients and links are stopped.
import type { LabCommandName } from '../../src-shared/api.js';

export type OwnerId = number | string;

/** Owners that went are remembered (a start may still be running for one), the newest this many. */
const GONE_OWNERS_REMEMBERED = 1000;

/** The command that starts each kind of endpoint, and the one that stops it. */
export const RELEASE_COMMAND: Partial<Record<LabCommandName, LabCommandName>> = {
  startServer: 'stopServer',
  openClient: 'closeClient',
  startLink: 'stopLink',
};
const STOP_COMMANDS: ReadonlySet<LabCommandName> = new Set(Object.values(RELEASE_COMMAND));

export interface OwnedEndpoint {
  id: string;
  /** The command that stops it. */
  release: LabCommandName;
}

export class EndpointOwners {
  private readonly byOwner = new Map<OwnerId, Map<string, LabCommandName>>();
  private readonly gone = new Set<OwnerId>();

  isStop(method: LabCommandName): boolean {
    return STOP_COMMANDS.has(method);
  }

  /** Records an endpoint; false when its owner has already gone (the caller stops it at once). */
  add(owner: OwnerId, id: string, release: LabCommandName): boolean {
    if (this.gone.has(owner)) return false;
    let owned = this.byOwner.get(owner);
    if (!owned) {
      owned = new Map();
      this.byOwner.set(owner, owned);
    }
    owned.set(id, release);
    return true;
  }

  /** An endpoint was stopped (by any owner): nobody owns it any more. */
  forget(id: string): void {
    for (const owned of this.byOwner.values()) owned.delete(id);
  }

  /** The owner went away: removes and returns what it owned; later adds for it are refused. */
  takeAll(owner: OwnerId): OwnedEndpoint[] {
    this.gone.add(owner);
    if (this.gone.size > GONE_OWNERS_REMEMBERED) this.gone.delete(this.gone.values().next().value as OwnerId);
    const owned = this.byOwner.get(owner);
    this.byOwner.delete(owner);
    return owned ? [...owned].map(([id, release]) => ({ id, release })) : [];
  }

  owned(owner: OwnerId): OwnedEndpoint[] {
    return [...(this.byOwner.get(owner) ?? [])].map(([id, release]) => ({ id, release }));
  }
}
