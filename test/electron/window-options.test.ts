// Fails the moment a BrowserWindow hardening flag regresses. createSecureWindow is the one
// place windows are built; a recorder stands in for Electron's class, so no binary is needed.
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  createSecureWindow,
  WINDOW_MIN_WIDTH_PX,
  windowRoute,
  type WindowInput,
} from '../../src-main/electron/main/window-options.js';

class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const INPUT: WindowInput = {
  role: 'server',
  bounds: { x: 10, y: 20, width: 640, height: 800 },
  preloadPath: '/app/out/preload/index.js',
  devTools: false,
};

function optionsFor(input: WindowInput = INPUT): BrowserWindowConstructorOptions {
  return createSecureWindow(RecordingWindow, input).options;
}

describe('createSecureWindow', () => {
  it('keeps every Electron security-checklist flag', () => {
    const prefs = optionsFor().webPreferences;
    expect(prefs).toMatchObject({
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
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs?.enableBlinkFeatures).toBeUndefined();
    expect(prefs?.preload).toBe(INPUT.preloadPath);
  });

  it('never leaves a flag to its default that a future Electron could flip', () => {
    const prefs = optionsFor().webPreferences ?? {};
    for (const key of [
      'contextIsolation',
      'sandbox',
      'nodeIntegration',
      'webSecurity',
      'webviewTag',
    ] as const) {
      expect(Object.prototype.hasOwnProperty.call(prefs, key), key).toBe(true);
    }
  });

  it('enables developer tools only when asked (running from source)', () => {
    expect(optionsFor().webPreferences?.devTools).toBe(false);
    expect(optionsFor({ ...INPUT, devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('places the window where the tiler said, hidden until its first paint', () => {
    const options = optionsFor({ ...INPUT, role: 'client' });
    expect(options).toMatchObject({
      x: 10,
      y: 20,
      width: 640,
      height: 800,
      show: false,
      title: 'NetLab — Client',
    });
    expect(options.minWidth).toBe(WINDOW_MIN_WIDTH_PX);
  });

  it('opens the renderer routes #/server and #/client', () => {
    expect(windowRoute('server')).toBe('#/server');
    expect(windowRoute('client')).toBe('#/client');
  });
});
