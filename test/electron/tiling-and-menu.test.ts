// Launch layout, cascading of extra windows, and the menu items.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  buildMenuTemplate,
  MENU_LABELS,
  type MenuActions,
} from '../../src-main/electron/main/menu-template.js';
import { CASCADE_OFFSET_PX, cascadeFrom, tileSideBySide } from '../../src-main/electron/main/tiling.js';

describe('tileSideBySide', () => {
  it('puts the server on the left half and the client on the right half of the work area', () => {
    // A 1280×800 display with a 25 px menu bar on top.
    const { server, client } = tileSideBySide({ x: 0, y: 25, width: 1280, height: 775 });
    expect(server).toEqual({ x: 0, y: 25, width: 640, height: 775 });
    expect(client).toEqual({ x: 640, y: 25, width: 640, height: 775 });
  });

  it('covers an odd width exactly, on a display that does not start at 0,0', () => {
    const area = { x: 1920, y: -200, width: 1367, height: 900 };
    const { server, client } = tileSideBySide(area);
    expect(server.x + server.width).toBe(client.x);
    expect(client.x + client.width).toBe(area.x + area.width);
  });
});

describe('cascadeFrom', () => {
  const area = { x: 0, y: 0, width: 1280, height: 800 };

  it('offsets a new window from the focused one', () => {
    expect(cascadeFrom({ x: 100, y: 100, width: 600, height: 500 }, area)).toEqual({
      x: 100 + CASCADE_OFFSET_PX,
      y: 100 + CASCADE_OFFSET_PX,
      width: 600,
      height: 500,
    });
  });

  it('wraps back inside the work area instead of running off screen', () => {
    const next = cascadeFrom({ x: 680, y: 0, width: 600, height: 800 }, area);
    expect(next.x + next.width).toBeLessThanOrEqual(1280);
    expect(next.y + next.height).toBeLessThanOrEqual(800);
  });

  it('uses the left half when no window has focus', () => {
    expect(cascadeFrom(null, area)).toEqual({ x: CASCADE_OFFSET_PX, y: 0, width: 640, height: 800 });
  });
});

describe('buildMenuTemplate', () => {
  function collect(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? collect(item.submenu) : [])]);
  }

  function actionsRecorder(): { actions: MenuActions; calls: string[] } {
    const calls: string[] = [];
    const actions: MenuActions = {
      newServerWindow: () => calls.push('server'),
      newClientWindow: () => calls.push('client'),
      exportSessionCsv: () => calls.push('export'),
      exportLabReport: () => calls.push('report'),
      newSession: () => calls.push('new-session'),
      recoverLastSession: () => calls.push('recover'),
      editHosts: () => calls.push('hosts'),
    };
    return { actions, calls };
  }

  it('has the seven NetLab items wired to their actions, and Quit', () => {
    const { actions, calls } = actionsRecorder();
    const items = collect(buildMenuTemplate(actions, 'linux', false));
    for (const label of [
      MENU_LABELS.newServerWindow,
      MENU_LABELS.newClientWindow,
      MENU_LABELS.exportSessionCsv,
      MENU_LABELS.exportLabReport,
      MENU_LABELS.newSession,
      MENU_LABELS.recoverLastSession,
      MENU_LABELS.editHosts,
    ]) {
      const item = items.find((i) => i.label === label);
      expect(item, label).toBeDefined();
      (item?.click as unknown as () => void)();
    }
    expect(calls).toEqual(['server', 'client', 'export', 'report', 'new-session', 'recover', 'hosts']);
    expect(items.find((i) => i.role === 'quit')?.label).toBe('Quit');
  });

  it('keeps Quit in the application menu on macOS', () => {
    const items = buildMenuTemplate(actionsRecorder().actions, 'darwin', false);
    expect(items[0]).toEqual({ role: 'appMenu' });
  });

  it('offers developer tools only when running from source', () => {
    const roles = (devTools: boolean): unknown[] =>
      collect(buildMenuTemplate(actionsRecorder().actions, 'win32', devTools)).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
