// The IPC bridge's logic without Electron: sender check, payload validation against the shared
// schema, dispatch to the Lab, and endpoint ownership per window. ipc.ts only wires it up.
import {
  isLabCommandName,
  labErr,
  parseLabArgs,
  type EndpointInfo,
  type LabResult,
} from '../../../src-shared/api.js';
import type { EndpointTracker } from './endpoint-tracker.js';
import { isTrustedSender } from './security-policy.js';

/** What the bridge needs from the engine's Lab (src-main/engine/lab.ts). */
export interface BridgeLab {
  call(name: string, args: unknown): Promise<LabResult<unknown>>;
}

/** Who sent a call: the webContents id and the URL of the frame it came from. */
export interface CallSender {
  ownerId: number;
  frameUrl: string | null | undefined;
}

/**
 * In the desktop app a file is written only where the student chose in the native save dialog
 * (exportSessionCsv); a page may not name an arbitrary path on disk.
 */
const COMMANDS_DENIED_OVER_IPC = new Set<string>(['exportCsv']);

export function untrustedSenderResult(): LabResult<never> {
  return labErr('PERMISSION_DENIED', 'NetLab answers only its own windows.');
}

export class LabBridge {
  constructor(
    private readonly lab: BridgeLab,
    private readonly tracker: EndpointTracker,
  ) {}

  async handleCall(sender: CallSender, name: unknown, args: unknown): Promise<LabResult<unknown>> {
    if (!isTrustedSender(sender.frameUrl)) return untrustedSenderResult();
    if (!isLabCommandName(name))
      return labErr('BAD_ARGUMENT', `Unknown command: ${JSON.stringify(String(name)).slice(0, 80)}`);
    if (COMMANDS_DENIED_OVER_IPC.has(name)) {
      return labErr(
        'PERMISSION_DENIED',
        'Use File ▸ Export Session Log as CSV… to choose where the CSV goes.',
      );
    }
    const parsed = parseLabArgs(name, args);
    if (!parsed.ok) return parsed;
    const result = await this.lab.call(name, parsed.value);
    if (result.ok) this.track(sender.ownerId, name, parsed.value, result.value);
    return result;
  }

  /** A window closed: stop its servers and close its clients; failures are logged, not thrown. */
  async releaseOwner(ownerId: number, log: (line: string) => void = () => {}): Promise<void> {
    const owned = this.tracker.takeAll(ownerId);
    await Promise.all(
      owned.map(async ({ id, role }) => {
        const command = role === 'server' ? 'stopServer' : 'closeClient';
        try {
          const result = await this.lab.call(command, { endpointId: id });
          if (!result.ok) log(`${command} ${id} on window close: ${result.error.message}`);
        } catch (err) {
          log(`${command} ${id} on window close: ${String(err)}`);
        }
      }),
    );
  }

  private track(ownerId: number, name: string, args: unknown, value: unknown): void {
    if (name === 'startServer' || name === 'openClient') {
      const info = value as EndpointInfo;
      this.tracker.add(ownerId, { id: info.id, role: info.role });
    } else if (name === 'stopServer' || name === 'closeClient') {
      this.tracker.forget((args as { endpointId: string }).endpointId);
    }
  }
}
