// Menu and dialog actions that touch the desktop: the CSV save dialogs and opening hosts.txt.
import path from 'node:path';
import { dialog, shell, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { labOk, type CsvExportInfo, type LabResult } from '../../../src-shared/api.js';
import { defaultCsvName } from '../../../src-shared/bridge.js';
import { WHOLE_SESSION, defaultReportName } from '../../../src-shared/lab-report.js';
import type { ReportScope } from '../../../src-shared/lab-report.js';
import type { ShellLab } from './shell-lab.js';

/** What each export asks in its dialog, writes, and says when done. */
interface ExportKind {
  title: string;
  defaultName: (date: Date) => string;
  write: (path: string) => Promise<LabResult<CsvExportInfo>>;
  /** `Saved 12 events to …` */
  rowsWord: string;
}

const sessionLog = (lab: ShellLab): ExportKind => ({
  title: 'Export Session Log as CSV',
  defaultName: defaultCsvName,
  write: (p) => lab.exportCsv({ path: p }),
  rowsWord: 'events',
});

const labReport = (lab: ShellLab, scope: ReportScope): ExportKind => ({
  title: 'Export Lab Report',
  defaultName: defaultReportName,
  write: (p) => lab.exportReport({ path: p, scope }),
  rowsWord: 'exchanges',
});

async function saveWithDialog(
  kind: ExportKind,
  parent: BrowserWindow | null,
  documentsDir: string,
): Promise<LabResult<CsvExportInfo | null>> {
  const options: SaveDialogOptions = {
    title: kind.title,
    defaultPath: path.join(documentsDir, kind.defaultName(new Date())),
    filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return labOk(null);
  return kind.write(choice.filePath);
}

/** Asks where to save, then streams the journal there; null when the student cancelled. */
export function exportWithDialog(
  lab: ShellLab,
  parent: BrowserWindow | null,
  documentsDir: string,
): Promise<LabResult<CsvExportInfo | null>> {
  return saveWithDialog(sessionLog(lab), parent, documentsDir);
}

/** The lab report of `scope` (one numeric row per exchange), through the same dialog. */
export function exportReportWithDialog(
  lab: ShellLab,
  parent: BrowserWindow | null,
  documentsDir: string,
  scope: ReportScope,
): Promise<LabResult<CsvExportInfo | null>> {
  return saveWithDialog(labReport(lab, scope), parent, documentsDir);
}

async function exportAndTell(kind: ExportKind, parent: BrowserWindow | null, documentsDir: string): Promise<void> {
  const result = await saveWithDialog(kind, parent, documentsDir);
  if (!result.ok) {
    dialog.showErrorBox('Export failed', result.error.message);
    return;
  }
  if (result.value === null) return;
  const message = `Saved ${result.value.rows.toLocaleString('en-US')} ${kind.rowsWord} to ${result.value.path}`;
  const box = { type: 'info' as const, title: kind.title, message, buttons: ['OK'] };
  if (parent) await dialog.showMessageBox(parent, box);
  else await dialog.showMessageBox(box);
}

/** The menu's export: same dialog, and the outcome told in a message box (no page involved). */
export function exportFromMenu(lab: ShellLab, parent: BrowserWindow | null, documentsDir: string): Promise<void> {
  return exportAndTell(sessionLog(lab), parent, documentsDir);
}

/** File ▸ Export Lab Report…: the whole session's report. */
export function exportReportFromMenu(
  lab: ShellLab,
  parent: BrowserWindow | null,
  documentsDir: string,
): Promise<void> {
  return exportAndTell(labReport(lab, WHOLE_SESSION), parent, documentsDir);
}

/** File ▸ New Session: a new journal; every window clears on its `session` event. */
export async function newSessionFromMenu(lab: ShellLab): Promise<void> {
  const result = await lab.newSession({});
  if (!result.ok) dialog.showErrorBox('New session failed', result.error.message);
}

/** Opens the student's hosts.txt in their text editor; the path is ours, never page input. */
export async function openHostsFile(hostsPath: string): Promise<void> {
  const error = await shell.openPath(hostsPath);
  if (error) dialog.showErrorBox('Could not open hosts.txt', `${error}\n\nThe file is at:\n${hostsPath}`);
}
