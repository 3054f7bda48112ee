// NetLab desktop entry: one Lab for the whole app, a Server and a Client window side by side,
// the menu, and the IPC bridge. Everything decidable without Electron lives in pure modules.
import path from 'node:path';
import { app, BrowserWindow, Menu } from 'electron';
import { Lab } from '../../engine/lab.js';
import { SESSION_DIR_NAME } from '../../engine/sessions/session-dir.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import {
  exportFromMenu,
  exportReportFromMenu,
  exportReportWithDialog,
  exportWithDialog,
  newSessionFromMenu,
  openHostsFile,
} from './desktop-actions.js';
import { denyPermissions, hardenAllWebContents } from './hardening.js';
import { registerIpc } from './ipc.js';
import { LabBridge } from './lab-bridge.js';
import { buildMenuTemplate } from './menu-template.js';
import { offerUncleanSession, recoverLastSession, type RecoveryContext } from './session-recovery.js';
import type { ShellLab } from './shell-lab.js';
import { bundledHostsPath, ensureUserHostsFile } from './user-hosts.js';
import { WindowManager } from './windows.js';

/** Quitting waits this long at most for the journal flush and the sockets to close. */
const LAB_CLOSE_TIMEOUT_MS = 5_000;

const log = (line: string): void => console.error(`netlab: ${line}`);

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function startDesktop(): Promise<void> {
  const devTools = !app.isPackaged;
  const hosts = ensureUserHostsFile(
    app.getPath('userData'),
    bundledHostsPath({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
  );
  // Session journals live in a private folder under userData and outlive the app, so a session
  // cut off by a crash can be recovered (File ▸ Recover Last Session…, offered once at start-up).
  const sessionDir = path.join(app.getPath('userData'), SESSION_DIR_NAME);
  const lab: ShellLab = await Lab.create({ hostsPath: hosts.path, sessionDir });
  const recovery: RecoveryContext = {
    sessionDir,
    // A getter: File ▸ New Session moves the running session to a new journal.
    get currentJournal() {
      return lab.journalPath;
    },
    documentsDir: app.getPath('documents'),
    offeredFile: path.join(app.getPath('userData'), 'recovery-offered.json'),
  };
  const bridge = new LabBridge(lab, log);

  serveRenderer(path.join(__dirname, '../renderer'));
  denyPermissions();
  registerIpc({
    bridge,
    lab,
    exportWithDialog: (parent) => exportWithDialog(lab, parent, app.getPath('documents')),
    exportReportWithDialog: (parent, scope) =>
      exportReportWithDialog(lab, parent, app.getPath('documents'), scope),
  });

  const windows = new WindowManager({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    devTools,
    onClosed: (ownerId) => void bridge.releaseOwner(ownerId),
  });
  const menu = buildMenuTemplate(
    {
      newServerWindow: () => windows.openExtra('server'),
      newClientWindow: () => windows.openExtra('client'),
      exportSessionCsv: () =>
        void exportFromMenu(lab, BrowserWindow.getFocusedWindow(), app.getPath('documents')).catch((err) =>
          log(`export: ${String(err)}`),
        ),
      exportLabReport: () =>
        void exportReportFromMenu(lab, BrowserWindow.getFocusedWindow(), app.getPath('documents')).catch((err) =>
          log(`report: ${String(err)}`),
        ),
      newSession: () => void newSessionFromMenu(lab).catch((err) => log(`new session: ${String(err)}`)),
      recoverLastSession: () =>
        void recoverLastSession(BrowserWindow.getFocusedWindow(), recovery).catch((err) =>
          log(`recover: ${String(err)}`),
        ),
      editHosts: () => void openHostsFile(hosts.path),
    },
    process.platform,
    devTools,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  let labClosed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (labClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    withTimeout(lab.close(), LAB_CLOSE_TIMEOUT_MS)
      .catch((err) => log(`closing the lab: ${String(err)}`))
      .finally(() => {
        labClosed = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    // macOS keeps the app (and its servers) alive without windows; the Dock icon reopens them.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) windows.openLaunchPair();
  });
  app.on('second-instance', () => {
    const [first] = BrowserWindow.getAllWindows();
    if (!first) windows.openLaunchPair();
    else {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });

  windows.openLaunchPair();
  void offerUncleanSession(BrowserWindow.getFocusedWindow(), recovery).catch((err) =>
    log(`recovery offer: ${String(err)}`),
  );
}

// One running NetLab per user: a second launch focuses the first instead of a second Lab.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents();
  app
    .whenReady()
    .then(startDesktop)
    .catch((err) => {
      log(`could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
    });
}
