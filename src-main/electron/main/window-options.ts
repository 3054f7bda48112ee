// The one place a NetLab window is constructed, pure (type-only electron import): main passes
// Electron's BrowserWindow class in, a unit test passes a recorder and fails the moment a
// hardening flag regresses. The options are one object literal on purpose, so static scanners
// (electronegativity) see every flag at the `new BrowserWindow({...})` call.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export type WindowRole = 'server' | 'client';

/** Small enough for half of a 1280 px screen, large enough for the forms. */
export const WINDOW_MIN_WIDTH_PX = 480;
export const WINDOW_MIN_HEIGHT_PX = 400;

export const WINDOW_TITLES: Record<WindowRole, string> = {
  server: 'NetLab — Server',
  client: 'NetLab — Client',
};

export interface WindowInput {
  role: WindowRole;
  bounds: Rectangle;
  preloadPath: string;
  /** Developer tools only when running from source (`npm start`), never in an installed app. */
  devTools: boolean;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/** Electron security checklist: isolation, sandbox, no Node in pages, web security, no webviews. */
export function createSecureWindow<W>(BrowserWindow: WindowConstructor<W>, input: WindowInput): W {
  return new BrowserWindow({
    x: input.bounds.x,
    y: input.bounds.y,
    width: input.bounds.width,
    height: input.bounds.height,
    minWidth: WINDOW_MIN_WIDTH_PX,
    minHeight: WINDOW_MIN_HEIGHT_PX,
    title: WINDOW_TITLES[input.role],
    // Shown once the first paint is ready, so the student never sees a white flash.
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click must not open links in new windows (they are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  });
}

/** The route each window opens: the renderer's hash routes #/server and #/client. */
export function windowRoute(role: WindowRole): string {
  return `#/${role}`;
}
