// The page's own CSP allows what the renderer needs and no more, and the icon it links exists.
// (Read through Vite's ?raw imports: this folder is type-checked for the browser, without node:fs.)
import { describe, expect, it } from 'vitest';
import html from '../../src-renderer/index.html?raw';

/** The renderer's public assets, as the build copies them next to index.html. */
const PUBLIC_FILES = Object.keys(import.meta.glob('../../src-renderer/public/*', { query: '?raw', eager: true })).map((f) =>
  f.replace('../../src-renderer/public/', ''),
);

function metaCsp(): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!content) throw new Error('no CSP meta tag in index.html');
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('index.html', () => {
  it('CSP: nothing by default, scripts and styles from the app only, WebSocket to loopback only', () => {
    const csp = metaCsp();
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'"]);
    // Never a bare scheme (ws: would let the page talk to any WebSocket server on the internet).
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*']);
    for (const sources of csp.values()) {
      for (const s of sources) expect(s).not.toMatch(/^[a-z-]+:$|unsafe-eval|^\*$/);
    }
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('links an icon that the build copies (no 404 per page load)', () => {
    const icons = [...html.matchAll(/<link rel="icon" href="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) expect(PUBLIC_FILES).toContain(icon);
  });
});
