// Menu and dialog actions that touch the desktop: the CSV save dialog and opening hosts.txt.
import path from 'node:path';
import { dialog, shell, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { labOk, type CsvExportInfo, type LabResult } from '../../../src-shared/api.js';
import { defaultCsvName } from '../../../src-shared/bridge.js';
import type { ShellLab } from './shell-lab.js';

/** Asks where to save, then streams the journal there; null when the student cancelled. */
export async function exportWithDialog(
  lab: ShellLab,
  parent: BrowserWindow | null,
  documentsDir: string,
): Promise<LabResult<CsvExportInfo | null>> {
  const options: SaveDialogOptions = {
    title: 'Export Session Log as CSV',
    defaultPath: path.join(documentsDir, defaultCsvName(new Date())),
    filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return labOk(null);
  return lab.exportCsv({ path: choice.filePath });
}

/** The menu's export: same dialog, and the outcome told in a message box (no page involved). */
export async function exportFromMenu(
  lab: ShellLab,
  parent: BrowserWindow | null,
  documentsDir: string,
): Promise<void> {
  const result = await exportWithDialog(lab, parent, documentsDir);
  if (!result.ok) {
    dialog.showErrorBox('Export failed', result.error.message);
    return;
  }
  if (result.value === null) return;
  const message = `Saved ${result.value.rows.toLocaleString('en-US')} events to ${result.value.path}`;
  const box = { type: 'info' as const, title: 'Export Session Log', message, buttons: ['OK'] };
  if (parent) await dialog.showMessageBox(parent, box);
  else await dialog.showMessageBox(box);
}

/** Opens the student's hosts.txt in their text editor; the path is ours, never page input. */
export async function openHostsFile(hostsPath: string): Promise<void> {
  const error = await shell.openPath(hostsPath);
  if (error) dialog.showErrorBox('Could not open hosts.txt', `${error}\n\nThe file is at:\n${hostsPath}`);
}
