// Electron face: the preload's window.netlab already speaks LabApi over IPC.
import type { CsvExportInfo, LabResult } from '../../src-shared/api.js';
import type { ExportOutcome, NetlabPreloadApi, Transport } from './transport.js';
import { CONNECTED } from './transport.js';

export function createElectronTransport(netlab: NetlabPreloadApi): Transport {
  return {
    kind: 'electron',
    api: netlab,
    connection: () => CONNECTED,
    // IPC never disconnects while the window lives.
    onConnection: () => () => {},
    reconnectNow: () => {},
    async exportCsv(): Promise<ExportOutcome> {
      if (!netlab.exportSessionCsv) {
        return {
          ok: false,
          error: { code: 'NOT_FOUND', message: 'Use the menu: File ▸ Export Session Log as CSV…' },
        };
      }
      return savedOutcome(await netlab.exportSessionCsv(), 'events');
    },
    async exportReport(scope): Promise<ExportOutcome> {
      if (!netlab.exportLabReport) {
        return { ok: false, error: { code: 'NOT_FOUND', message: 'Use the menu: File ▸ Export Lab Report…' } };
      }
      return savedOutcome(await netlab.exportLabReport(scope), 'exchanges');
    },
  };
}

function savedOutcome(result: LabResult<CsvExportInfo | null>, rowsWord: string): ExportOutcome {
  if (!result.ok) return result;
  if (result.value === null) return { ok: true, value: null };
  const { rows, path } = result.value;
  return { ok: true, value: { message: `Saved ${rows.toLocaleString('en-US')} ${rowsWord} to ${path}` } };
}
