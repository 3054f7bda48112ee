// Wires the LabBridge to ipcMain and the Lab's event batches to every window.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { labErr } from '../../../src-shared/api.js';
import type { CsvExportInfo, LabResult } from '../../../src-shared/api.js';
import { ReportScopeSchema } from '../../../src-shared/lab-report.js';
import type { ReportScope } from '../../../src-shared/lab-report.js';
import { IPC_CHANNELS } from '../common/ipc-channels.js';
import { untrustedSenderResult, type LabBridge } from './lab-bridge.js';
import { isTrustedSender } from './security-policy.js';
import type { ShellLab } from './shell-lab.js';
import { sendToAllWindows } from './windows.js';

function senderOf(event: IpcMainInvokeEvent): { ownerId: number; frameUrl: string | null } {
  return { ownerId: event.sender.id, frameUrl: event.senderFrame?.url ?? null };
}

export function registerIpc(opts: {
  bridge: LabBridge;
  lab: ShellLab;
  exportWithDialog(parent: BrowserWindow | null): Promise<LabResult<CsvExportInfo | null>>;
  exportReportWithDialog(parent: BrowserWindow | null, scope: ReportScope): Promise<LabResult<CsvExportInfo | null>>;
}): () => void {
  ipcMain.handle(IPC_CHANNELS.call, (event, name: unknown, args: unknown) =>
    opts.bridge.handleCall(senderOf(event), name, args),
  );
  ipcMain.handle(IPC_CHANNELS.exportSessionCsv, (event) => {
    if (!isTrustedSender(senderOf(event).frameUrl)) return untrustedSenderResult();
    return opts.exportWithDialog(BrowserWindow.fromWebContents(event.sender));
  });
  // The page picks only the scope (checked here, as every payload); the person picks the path.
  ipcMain.handle(IPC_CHANNELS.exportLabReport, (event, scope: unknown) => {
    if (!isTrustedSender(senderOf(event).frameUrl)) return untrustedSenderResult();
    const parsed = ReportScopeSchema.safeParse(scope);
    if (!parsed.success) return labErr('BAD_ARGUMENT', `exportLabReport: scope: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return opts.exportReportWithDialog(BrowserWindow.fromWebContents(event.sender), parsed.data);
  });
  const unsubscribe = opts.lab.onEvents((batch) => sendToAllWindows(IPC_CHANNELS.events, batch));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeHandler(IPC_CHANNELS.exportSessionCsv);
    ipcMain.removeHandler(IPC_CHANNELS.exportLabReport);
  };
}
