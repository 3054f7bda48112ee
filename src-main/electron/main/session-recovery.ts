// "Recover Last Session…": the previous session's journal (also one cut off by a crash) exported
// as CSV through the native save dialog; at start-up, a session that did not end cleanly is
// offered once.
import path from 'node:path';
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { SessionInfo } from '../../../src-shared/sessions.js';
import { exportJournalCsv } from '../../engine/csv-export.js';
import { lastFinishedSession } from '../../engine/sessions/session-store.js';
import {
  describeUnclean,
  readOfferedIds,
  recoveredCsvName,
  rememberOffered,
  shouldOfferAtStart,
} from './recovery-offer.js';

export interface RecoveryContext {
  sessionDir: string;
  /** The running session's journal: never offered as "last". */
  currentJournal: string;
  documentsDir: string;
  /** Remembers which unclean sessions were offered already. */
  offeredFile: string;
}

function showBox(parent: BrowserWindow | null, box: MessageBoxOptions): Promise<{ response: number }> {
  return parent ? dialog.showMessageBox(parent, box) : dialog.showMessageBox(box);
}

async function exportWithDialog(
  session: SessionInfo,
  parent: BrowserWindow | null,
  ctx: RecoveryContext,
): Promise<void> {
  const options = {
    title: 'Recover Last Session',
    defaultPath: path.join(ctx.documentsDir, recoveredCsvName(session)),
    filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as (
      'createDirectory' | 'showOverwriteConfirmation'
    )[],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  try {
    const rows = await exportJournalCsv(session.path, session.bytes, choice.filePath);
    await showBox(parent, {
      type: 'info',
      title: 'Recover Last Session',
      message: `Saved ${rows.toLocaleString('en-US')} events to ${choice.filePath}`,
      buttons: ['OK'],
    });
  } catch (err) {
    dialog.showErrorBox('Recovery failed', err instanceof Error ? err.message : String(err));
  }
}

/** File ▸ Recover Last Session…: the newest earlier session, clean or not. */
export async function recoverLastSession(parent: BrowserWindow | null, ctx: RecoveryContext): Promise<void> {
  const last = await lastFinishedSession(ctx.sessionDir, ctx.currentJournal);
  if (!last) {
    await showBox(parent, {
      type: 'info',
      title: 'Recover Last Session',
      message: 'There is no earlier session to recover.',
      detail: `Session logs are kept in ${ctx.sessionDir}.`,
      buttons: ['OK'],
    });
    return;
  }
  await exportWithDialog(last, parent, ctx);
}

/** At start-up: a session that did not end cleanly is offered once. */
export async function offerUncleanSession(parent: BrowserWindow | null, ctx: RecoveryContext): Promise<void> {
  const last = await lastFinishedSession(ctx.sessionDir, ctx.currentJournal);
  const offered = readOfferedIds(ctx.offeredFile);
  if (!shouldOfferAtStart(last, offered)) return;
  rememberOffered(ctx.offeredFile, offered, last.id);
  const { message, detail } = describeUnclean(last);
  const answer = await showBox(parent, {
    type: 'question',
    title: 'Recover Last Session',
    message,
    detail,
    buttons: ['Recover…', 'Not Now'],
    defaultId: 0,
    cancelId: 1,
  });
  if (answer.response === 0) await exportWithDialog(last, parent, ctx);
}
