// Where windows go: the launch pair side by side on the primary display's work area, later
// windows cascaded from the focused one and kept on screen. Pure geometry.
import type { Rectangle } from 'electron';

/** How far each new window is offset from the one it was opened from. */
export const CASCADE_OFFSET_PX = 32;

/** Server on the left half, client on the right half of the work area (menu bar and taskbar excluded). */
export function tileSideBySide(workArea: Rectangle): { server: Rectangle; client: Rectangle } {
  const leftWidth = Math.floor(workArea.width / 2);
  return {
    server: { x: workArea.x, y: workArea.y, width: leftWidth, height: workArea.height },
    client: {
      x: workArea.x + leftWidth,
      y: workArea.y,
      width: workArea.width - leftWidth,
      height: workArea.height,
    },
  };
}

/** A new window: the size of `from` (or half the work area), shifted down-right, wrapped back inside. */
export function cascadeFrom(from: Rectangle | null, workArea: Rectangle): Rectangle {
  const base = from ?? tileSideBySide(workArea).server;
  const width = Math.min(base.width, workArea.width);
  const height = Math.min(base.height, workArea.height);
  let x = base.x + CASCADE_OFFSET_PX;
  let y = base.y + CASCADE_OFFSET_PX;
  if (x + width > workArea.x + workArea.width) x = workArea.x;
  if (y + height > workArea.y + workArea.height) y = workArea.y;
  return { x: Math.max(x, workArea.x), y: Math.max(y, workArea.y), width, height };
}
