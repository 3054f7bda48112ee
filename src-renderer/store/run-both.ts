// One command over TCP, then over UDP, to the same host:port, and the comparison of the two.
// The client endpoint is re-opened for each protocol (send() does it), then for the form's own.
import type { StoreApi } from 'zustand';
import type { Proto } from '../../src-shared/protocol/limits.js';
import type { ClientState } from './client-slice.js';
import { commandFromForm } from './client-slice.js';

const BOTH: readonly Proto[] = ['tcp', 'udp'];

/** Resolves with the two exchange ids (fewer when one could not be sent). */
export async function runOverBoth(
  store: StoreApi<ClientState>,
  onProto: (proto: Proto) => void = () => {},
): Promise<string[]> {
  const s = store.getState();
  if (s.sending) return [];
  const original = s.clientForm.proto;
  const ids: string[] = [];
  for (const proto of BOTH) {
    store.getState().setClientField('proto', proto);
    // A command UDP cannot carry (a segment over its limit) stops here, its field says why.
    if (!commandFromForm(store.getState().clientForm).ok) {
      await store.getState().send();
      break;
    }
    onProto(proto);
    await store.getState().send();
    const after = store.getState();
    const id = after.lastSummary?.exchange ?? after.currentExchange;
    if (!id || ids.includes(id)) break;
    ids.push(id);
    // Cancelled by the student: the other protocol is not sent either.
    if (after.lastSummary?.end === 'cancelled') break;
  }
  const errors = store.getState().clientErrors;
  store.getState().setClientField('proto', original);
  // Keep the last send's sentence visible (setClientField clears the general error).
  if (errors.general) store.setState({ clientErrors: { ...store.getState().clientErrors, general: errors.general } });
  if (ids.length >= 2) store.getState().openCompare(ids);
  return ids;
}
