// The sandboxed preload: exposes window.netlab with one method per LabApi command, the native
// CSV export, and onEvents. The raw IpcRendererEvent never reaches the page, and nothing but
// these functions crosses the context bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventBatchListener } from '../../../src-shared/api.js';
import type { LabEvent } from '../../../src-shared/events.js';
import {
  EXPOSED_API_NAME,
  IPC_CHANNELS,
  PRELOAD_COMMAND_NAMES,
  type NetlabDesktopApi,
} from '../common/ipc-channels.js';

function buildApi(): NetlabDesktopApi {
  const commands = Object.fromEntries(
    PRELOAD_COMMAND_NAMES.map((name) => [
      name,
      (args: unknown) => ipcRenderer.invoke(IPC_CHANNELS.call, name, args),
    ]),
  ) as Omit<NetlabDesktopApi, 'onEvents' | 'exportSessionCsv' | 'exportLabReport'>;
  return {
    ...commands,
    exportSessionCsv: () => ipcRenderer.invoke(IPC_CHANNELS.exportSessionCsv),
    exportLabReport: (scope) => ipcRenderer.invoke(IPC_CHANNELS.exportLabReport, scope),
    onEvents(listener: EventBatchListener): () => void {
      const forward = (_event: IpcRendererEvent, batch: LabEvent[]): void => listener(batch);
      ipcRenderer.on(IPC_CHANNELS.events, forward);
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.events, forward);
      };
    },
  };
}

contextBridge.exposeInMainWorld(EXPOSED_API_NAME, buildApi());
