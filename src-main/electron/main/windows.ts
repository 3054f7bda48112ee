// Creates NetLab windows: the tiled launch pair and any number of extra server / client windows.
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { APP_INDEX_URL } from './security-policy.js';
import { cascadeFrom, tileSideBySide } from './tiling.js';
import { createSecureWindow, windowRoute, type WindowRole } from './window-options.js';

export interface WindowManagerOptions {
  preloadPath: string;
  devTools: boolean;
  /** Called once per window after it closed, with the id its webContents had. */
  onClosed(ownerId: number): void;
}

export class WindowManager {
  constructor(private readonly opts: WindowManagerOptions) {}

  /** Launch layout: Server on the left half, Client on the right half of the primary display. */
  openLaunchPair(): void {
    const tiles = tileSideBySide(screen.getPrimaryDisplay().workArea);
    this.open('server', tiles.server);
    this.open('client', tiles.client);
  }

  /** A window opened from the menu, cascaded from the focused one on that window's display. */
  openExtra(role: WindowRole): BrowserWindow {
    const focused = BrowserWindow.getFocusedWindow();
    const from = focused ? focused.getBounds() : null;
    const display = from ? screen.getDisplayMatching(from) : screen.getPrimaryDisplay();
    return this.open(role, cascadeFrom(from, display.workArea));
  }

  private open(role: WindowRole, bounds: Rectangle): BrowserWindow {
    const win = createSecureWindow(BrowserWindow, {
      role,
      bounds,
      preloadPath: this.opts.preloadPath,
      devTools: this.opts.devTools,
    });
    const ownerId = win.webContents.id;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => this.opts.onClosed(ownerId));
    void win.loadURL(`${APP_INDEX_URL}${windowRoute(role)}`);
    return win;
  }
}

export function sendToAllWindows(channel: string, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(channel, payload);
  }
}
