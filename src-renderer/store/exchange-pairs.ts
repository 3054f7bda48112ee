// One id for both ends of an exchange when the server and the client run in one lab: every view
// sees the whole lab's events (its own and the others'), so it can match a server's exchange to
// the client's by their address pair: the client's local port is the server's remote port, and
// the client's remote port the server's local one. Through a network-conditions link the pairs
// differ (the link sits in between), so those exchanges keep their own ids.
import type { LabEvent } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

/** Pairs remembered at most (oldest forgotten first); a view keeps 500 exchanges. */
export const PAIRS_MAX = 2000;

export interface ExchangePair {
  client?: string;
  server?: string;
}

function portOf(address: string): string | null {
  const m = /:(\d+)$/.exec(address);
  return m ? m[1]! : null;
}

/** `tcp|51234|8120`: protocol, the client's port, the server's port (null: no address yet). */
export function pairKey(proto: Proto, role: LabEvent['role'], local: string, remote: string): string | null {
  if (role === 'link') return null;
  const clientPort = portOf(role === 'client' ? local : remote);
  const serverPort = portOf(role === 'client' ? remote : local);
  return clientPort && serverPort ? `${proto}|${clientPort}|${serverPort}` : null;
}

/** Mutable (like the event ring): `record` says whether it learnt a new pairing. */
export class PairIndex {
  private readonly pairs = new Map<string, ExchangePair>();

  /** Learns from a batch (any endpoint's events); true when a pair gained an end. */
  record(events: readonly LabEvent[]): boolean {
    let changed = false;
    for (const e of events) {
      if (e.exchange === null || e.kind === 'tx' || e.kind === 'rx' || e.role === 'link') continue;
      const key = pairKey(e.proto, e.role, e.local, e.remote);
      if (key === null) continue;
      let pair = this.pairs.get(key);
      if (!pair) {
        pair = {};
        this.pairs.set(key, pair);
        if (this.pairs.size > PAIRS_MAX) this.pairs.delete(this.pairs.keys().next().value!);
      }
      const side = e.role === 'client' ? 'client' : 'server';
      if (pair[side] !== e.exchange) {
        // A port used again by a later exchange: the other end is someone else's now.
        if (pair[side] !== undefined) delete pair[side === 'client' ? 'server' : 'client'];
        pair[side] = e.exchange;
        changed = true;
      }
    }
    return changed;
  }

  get(proto: Proto, role: LabEvent['role'], local: string, remote: string): ExchangePair | undefined {
    const key = pairKey(proto, role, local, remote);
    return key === null ? undefined : this.pairs.get(key);
  }

  clear(): void {
    this.pairs.clear();
  }
}

/** The id both views show for an exchange (the client's), and the other end's own id, if known. */
export function sharedIdOf(
  index: PairIndex,
  x: { id: string; proto: Proto; role: LabEvent['role']; local: string; remote: string },
): { id: string; other: string | null } {
  const pair = index.get(x.proto, x.role, x.local, x.remote);
  if (x.role === 'server') {
    const client = pair?.server === x.id ? pair.client : undefined;
    return client ? { id: client, other: x.id } : { id: x.id, other: null };
  }
  const server = pair?.client === x.id ? pair.server : undefined;
  return { id: x.id, other: server ?? null };
}
