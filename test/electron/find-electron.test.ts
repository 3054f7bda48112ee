// scripts/find-electron.cjs against stand-in `electron` packages in temp folders: the binary
// present, Electron's own installer succeeding while printing noise on stdout (the answer comes
// from path.txt), and the installer failing (one line, no stack). No network, no real Electron.
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Found = { path: string } | { reason: string };
interface FindOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  platform?: string;
  requireDisplay?: boolean;
  progress?: NodeJS.WritableStream | null;
  stallTimeoutMs?: number;
}
const { findElectron, obtainElectron, failureLine } = require('../../scripts/find-electron.cjs') as {
  findElectron(o: FindOptions): Found;
  obtainElectron(o: FindOptions): Promise<Found>;
  failureLine(stderr: string): string;
};

const DISPLAY_ENV = { PATH: process.env.PATH, DISPLAY: ':99' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project folder with node_modules/electron whose install.js is `installer` (CommonJS text). */
function standIn(installer: string, opts: { installed?: boolean } = {}): { root: string; pkg: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'netlab-find-electron-'));
  dirs.push(root);
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), '{"name":"netlab-stand-in","private":true}');
  writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({
      name: 'electron',
      version: '45.5.0',
      bin: { electron: 'cli.js', 'install-electron': 'install.js' },
    }),
  );
  // What the real index.js does when the binary is missing: print to stdout, then download.
  writeFileSync(
    path.join(pkg, 'index.js'),
    'console.log("Downloading Electron binary..."); throw new Error("never require me");\n',
  );
  writeFileSync(path.join(pkg, 'install.js'), installer);
  if (opts.installed) {
    mkdirSync(path.join(pkg, 'dist'));
    writeFileSync(path.join(pkg, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(pkg, 'dist', 'electron'), 0o755);
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
  }
  return { root, pkg };
}

/** install.js that downloads (a file in os.tmpdir(), as @electron/get does), then extracts. */
const NOISY_SUCCESS = `
const fs = require('fs'), os = require('os'), path = require('path');
console.log('Downloading Electron binary...');
for (let i = 0; i < 50; i++) console.log('noise line ' + i + ' /not/the/path/electron');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-download-'));
fs.writeFileSync(path.join(tmp, 'electron-v45.5.0-linux-x64.zip'), Buffer.alloc(3 * 1024 * 1024));
setTimeout(() => {
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n');
  fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
  fs.writeFileSync(path.join(__dirname, 'tmpdir-used'), os.tmpdir());
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write('/some/other/path\\n');
}, 2500);
`;

/** install.js as it fails offline: @electron/get's error stack on stderr, exit 1. */
const OFFLINE_FAILURE = `
console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13\\n    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)');
process.exit(1);
`;

const MARKS_IF_RUN = `require('fs').writeFileSync(require('path').join(__dirname, 'installer-ran'), '1');`;

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
  return { stream, text: () => text };
}

describe('find-electron', () => {
  it('binary present: answers its path from path.txt and never runs the installer', async () => {
    const { root, pkg } = standIn(MARKS_IF_RUN, { installed: true });
    const binary = path.join(pkg, 'dist', 'electron');
    expect(findElectron({ root, env: DISPLAY_ENV, platform: 'linux' })).toEqual({ path: binary });
    await expect(
      obtainElectron({ root, env: DISPLAY_ENV, platform: 'linux', progress: null }),
    ).resolves.toEqual({
      path: binary,
    });
    expect(existsSync(path.join(pkg, 'installer-ran'))).toBe(false);
  });

  it('binary missing: findElectron does not download, and says how to', () => {
    const { root, pkg } = standIn(MARKS_IF_RUN);
    const found = findElectron({ root, env: DISPLAY_ENV, platform: 'linux' });
    expect(found).toEqual({ reason: expect.stringMatching(/not installed yet.*npm run install-electron/) });
    expect(existsSync(path.join(pkg, 'installer-ran'))).toBe(false);
  });

  it('download succeeds with noisy stdout: shows progress and reads the path from path.txt', async () => {
    const { root, pkg } = standIn(NOISY_SUCCESS);
    const progress = collect();
    const found = await obtainElectron({
      root,
      env: DISPLAY_ENV,
      platform: 'linux',
      progress: progress.stream,
    });
    expect(found).toEqual({ path: path.join(pkg, 'dist', 'electron') });
    expect(progress.text()).toMatch(/^Downloading Electron 45\.5\.0 for linux-\w+ \(about 100 MB, once\)…\n/);
    // The child downloaded into the private folder the progress meter watches, since removed.
    expect(progress.text()).toMatch(/\nDownloading Electron 45\.5\.0: 3\.0 MB in \d+ s\n/);
    const used = readFileSync(path.join(pkg, 'tmpdir-used'), 'utf8');
    expect(path.basename(used)).toMatch(/^netlab-electron-download-/);
    expect(existsSync(used)).toBe(false);
    expect(progress.text()).not.toMatch(/noise line/);
  });

  it('download fails (offline): one line with the cause, no stack', async () => {
    const { root } = standIn(OFFLINE_FAILURE);
    const found = await obtainElectron({ root, env: DISPLAY_ENV, platform: 'linux', progress: null });
    expect(found).toEqual({ reason: 'the download of its binary failed: TypeError: fetch failed' });
  });

  it('an installer that exits 0 but writes no path.txt is not believed', async () => {
    const { root } = standIn('console.log("/usr/bin/true");');
    const found = await obtainElectron({ root, env: DISPLAY_ENV, platform: 'linux', progress: null });
    expect(found).toEqual({ reason: expect.stringMatching(/path\.txt names no binary/) });
  });

  it('a stalled download is stopped', async () => {
    const { root } = standIn('setInterval(() => {}, 1000);');
    const found = await obtainElectron({
      root,
      env: DISPLAY_ENV,
      platform: 'linux',
      progress: null,
      stallTimeoutMs: 1500,
    });
    expect(found).toEqual({ reason: 'the download of its binary failed: it stalled (no data for too long)' });
  });

  it('no display on Linux: the binary is there but cannot open windows', () => {
    const { root } = standIn(MARKS_IF_RUN, { installed: true });
    expect(findElectron({ root, env: { PATH: process.env.PATH }, platform: 'linux' })).toEqual({
      reason: expect.stringMatching(/no graphical display/),
    });
    expect(findElectron({ root, env: {}, platform: 'linux', requireDisplay: false })).toHaveProperty('path');
  });

  it('no electron package at all', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'netlab-find-electron-'));
    dirs.push(root);
    expect(findElectron({ root, env: DISPLAY_ENV })).toEqual({ reason: expect.stringMatching(/run npm ci/) });
  });

  it("failureLine keeps the error, drops the stack and @electron/get's noise", () => {
    expect(
      failureLine(
        'Downloading Electron binary...\nRequestError: getaddrinfo ENOTFOUND github.com\n    at x (y:1:2)\n',
      ),
    ).toBe('RequestError: getaddrinfo ENOTFOUND github.com');
    expect(failureLine('')).toBe('');
  });
});
