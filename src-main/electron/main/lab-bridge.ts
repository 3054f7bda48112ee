// The IPC transport's side of the one bridge core (src-main/bridge): the sender-frame check is
// Electron's own; validation, page policy, ownership per window and error codes are the core's.
// ipc.ts wires it to ipcMain; no Electron import here, so tests drive it directly.
import type { LabResult } from '../../../src-shared/api.js';
import { BridgeCore } from '../../bridge/bridge-core.js';
import type { BridgeLab } from '../../bridge/bridge-core.js';
import type { OwnedEndpoint } from '../../bridge/endpoint-owners.js';
import { untrustedSender } from '../../bridge/bridge-errors.js';
import { isTrustedSender } from './security-policy.js';

export type { BridgeLab } from '../../bridge/bridge-core.js';

/** Who sent a call: the webContents id and the URL of the frame it came from. */
export interface CallSender {
  ownerId: number;
  frameUrl: string | null | undefined;
}

export const untrustedSenderResult = untrustedSender;

export class LabBridge {
  private readonly core: BridgeCore;

  constructor(lab: BridgeLab, log: (line: string) => void = () => {}) {
    this.core = new BridgeCore(lab, log);
  }

  async handleCall(sender: CallSender, name: unknown, args: unknown): Promise<LabResult<unknown>> {
    if (!isTrustedSender(sender.frameUrl)) return untrustedSender();
    return this.core.call(sender.ownerId, name, args);
  }

  /** A window closed: stop its servers, clients and links. */
  releaseOwner(ownerId: number): Promise<void> {
    return this.core.release(ownerId);
  }

  owned(ownerId: number): OwnedEndpoint[] {
    return this.core.owned(ownerId);
  }
}
