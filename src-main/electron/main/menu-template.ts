// The application menu as data (type-only electron import), so a test can check its items.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newServerWindow(): void;
  newClientWindow(): void;
  exportSessionCsv(): void;
  exportLabReport(): void;
  newSession(): void;
  recoverLastSession(): void;
  editHosts(): void;
}

export const MENU_LABELS = {
  newServerWindow: 'New Server Window',
  newClientWindow: 'New Client Window',
  exportSessionCsv: 'Export Session Log as CSV…',
  exportLabReport: 'Export Lab Report…',
  newSession: 'New Session',
  recoverLastSession: 'Recover Last Session…',
  editHosts: 'Edit hosts.txt…',
  quit: 'Quit',
} as const;

export function buildMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
  devTools: boolean,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: MENU_LABELS.newServerWindow,
        accelerator: 'CmdOrCtrl+Shift+N',
        click: () => actions.newServerWindow(),
      },
      {
        label: MENU_LABELS.newClientWindow,
        accelerator: 'CmdOrCtrl+N',
        click: () => actions.newClientWindow(),
      },
      { type: 'separator' },
      {
        label: MENU_LABELS.exportSessionCsv,
        accelerator: 'CmdOrCtrl+E',
        click: () => actions.exportSessionCsv(),
      },
      { label: MENU_LABELS.exportLabReport, click: () => actions.exportLabReport() },
      { label: MENU_LABELS.newSession, click: () => actions.newSession() },
      { label: MENU_LABELS.recoverLastSession, click: () => actions.recoverLastSession() },
      { label: MENU_LABELS.editHosts, click: () => actions.editHosts() },
      { type: 'separator' },
      // On macOS Quit lives in the application menu, where users look for it.
      isMac ? { role: 'close' } : { label: MENU_LABELS.quit, role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const) : []),
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
