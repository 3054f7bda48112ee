// Which window created which endpoint, so closing a window stops exactly its servers and clients.
import type { Role } from '../../../src-shared/events.js';

export interface TrackedEndpoint {
  id: string;
  role: Role;
}

export class EndpointTracker {
  /** webContents id → endpoints it created and that are still open. */
  private readonly byOwner = new Map<number, Map<string, Role>>();

  add(ownerId: number, endpoint: TrackedEndpoint): void {
    let owned = this.byOwner.get(ownerId);
    if (!owned) {
      owned = new Map();
      this.byOwner.set(ownerId, owned);
    }
    owned.set(endpoint.id, endpoint.role);
  }

  /** An endpoint was stopped (by any window): nobody owns it any more. */
  forget(endpointId: string): void {
    for (const owned of this.byOwner.values()) owned.delete(endpointId);
  }

  /** Removes and returns everything a closing window owned. */
  takeAll(ownerId: number): TrackedEndpoint[] {
    const owned = this.byOwner.get(ownerId);
    this.byOwner.delete(ownerId);
    return owned ? [...owned].map(([id, role]) => ({ id, role })) : [];
  }

  owned(ownerId: number): TrackedEndpoint[] {
    return [...(this.byOwner.get(ownerId) ?? [])].map(([id, role]) => ({ id, role }));
  }
}
