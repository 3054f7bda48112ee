// The one renderer asset resolver both faces use: inside the root only, symlinks resolved,
// content types from mime-types.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveRendererAsset } from '../../src-main/bridge/renderer-assets.js';

let dir: string;
let root: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'netlab-assets-')));
  root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets', 'sub'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), 'x');
  writeFileSync(path.join(root, 'assets', 'a.css'), 'x');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'out.txt'));
  symlinkSync(path.join(root, 'assets', 'a.css'), path.join(root, 'assets', 'in.css'));
  symlinkSync(dir, path.join(root, 'assets', 'sub', 'up'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveRendererAsset', () => {
  it('serves files inside the root, a symlink that stays inside too', async () => {
    expect(await resolveRendererAsset(root, '/')).toMatchObject({
      status: 200,
      filePath: path.join(root, 'index.html'),
    });
    expect(await resolveRendererAsset(root, '/assets/in.css')).toMatchObject({
      status: 200,
      filePath: path.join(root, 'assets', 'a.css'),
      contentType: 'text/css; charset=utf-8',
    });
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/out.txt',
    '/assets/sub/up/secret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
  ])('refuses %s with 403', async (p) => {
    expect(await resolveRendererAsset(root, p)).toEqual({ status: 403, filePath: null });
  });

  it('answers 404 for missing files, folders and bad escapes', async () => {
    for (const p of ['/nope.js', '/assets', '/assets/', '/%E0%A4%A'])
      expect((await resolveRendererAsset(root, p)).status, p).toBe(404);
  });

  it('types files with mime-types, unknown ones as octet-stream', () => {
    expect(contentTypeFor('x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.wasm')).toBe('application/wasm');
    expect(contentTypeFor('x.unknownext')).toBe('application/octet-stream');
  });
});
