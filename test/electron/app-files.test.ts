// netlab://app/<path> maps into the built renderer and never outside it (the one renderer asset
// resolver, src-main/bridge/renderer-assets.ts, behind the desktop app's scheme and host check).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../src-main/electron/main/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/main/security-policy.js';

let dir: string;
let ROOT: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'netlab-app-files-')));
  ROOT = path.join(dir, 'out', 'renderer');
  mkdirSync(path.join(ROOT, 'assets'), { recursive: true });
  writeFileSync(path.join(ROOT, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(ROOT, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(ROOT, 'assets', 'font.woff2'), '');
  mkdirSync(path.join(dir, 'out', 'main'), { recursive: true });
  writeFileSync(path.join(dir, 'out', 'main', 'index.js'), 'secret main');
  symlinkSync(path.join(dir, 'out', 'main', 'index.js'), path.join(ROOT, 'assets', 'escape.js'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('serves index.html for the bare origin and the hash routes', async () => {
    for (const url of [
      'netlab://app/',
      'netlab://app/index.html#/server',
      'netlab://app/index.html?x=1#/client',
    ]) {
      const found = await resolveAppFile(ROOT, url);
      expect(found.status).toBe(200);
      expect(found.filePath).toBe(path.join(ROOT, 'index.html'));
      expect(found.headers['Content-Type']).toBe('text/html; charset=utf-8');
    }
  });

  it('serves assets with their MIME type (mime-types) and the CSP', async () => {
    const found = await resolveAppFile(ROOT, 'netlab://app/assets/index-abc.js');
    expect(found).toMatchObject({ status: 200, filePath: path.join(ROOT, 'assets', 'index-abc.js') });
    expect(found.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(found.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await resolveAppFile(ROOT, 'netlab://app/assets/font.woff2')).headers['Content-Type']).toBe(
      'font/woff2',
    );
  });

  it.each([
    'netlab://app/../../out/main/index.js',
    'netlab://app/%2e%2e/main/index.js',
    'netlab://app/assets/%2e%2e%2f%2e%2e%2fmain%2findex.js',
    'netlab://app/..%5cmain%5cindex.js',
    'netlab://app/index.html%00.png',
    'netlab://app/assets/escape.js',
  ])('never resolves outside the renderer folder: %s', async (url) => {
    const found = await resolveAppFile(ROOT, url);
    if (found.status === 200) expect(found.filePath.startsWith(ROOT + path.sep)).toBe(true);
    else expect(found.filePath).toBeNull();
  });

  it('answers 403 to an escape (encoded, backslash, NUL, symlink out) and 404 to a missing file', async () => {
    for (const url of [
      'netlab://app/assets/%2e%2e%2f%2e%2e%2fmain%2findex.js',
      'netlab://app/..%5cmain%5cindex.js',
      'netlab://app/index.html%00.png',
      'netlab://app/assets/escape.js',
    ])
      expect((await resolveAppFile(ROOT, url)).status, url).toBe(403);
    expect((await resolveAppFile(ROOT, 'netlab://app/assets/nope.js')).status).toBe(404);
  });

  it('refuses other hosts and schemes, and bad escapes', async () => {
    expect((await resolveAppFile(ROOT, 'netlab://other/index.html')).status).toBe(403);
    expect((await resolveAppFile(ROOT, `file://${ROOT}/index.html`)).status).toBe(403);
    expect((await resolveAppFile(ROOT, 'netlab://app/%E0%A4%A')).status).toBe(404);
  });
});
