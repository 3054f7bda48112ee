// Packs the app with the real electron-builder.yml, offline: `electron-builder --linux dir`
// against a stand-in Electron distribution, in a scratch copy of the project whose out/ holds a
// few known files and whose tree holds decoys that must stay out. Then lists the asar.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStandInElectronDist } from './stand-in-electron.js';

const ROOT = path.resolve(__dirname, '../..');
/** A cold electron-builder run takes 5–25 s here; the bound only stops a hung run. */
const PACK_TIMEOUT_MS = 120_000;

const BUILD_OUTPUT = {
  'out/main/index.js': 'module.exports = {};\n',
  'out/preload/index.js': 'require("electron");\n',
  'out/renderer/index.html': '<!doctype html><title>NetLab</title>\n',
  'out/renderer/assets/index-abc123.js': 'console.log(1);\n',
  'out/renderer/assets/index-abc123.css': 'body{}\n',
};
const DECOYS = {
  'out/main/index.js.map': '{}',
  'src-main/electron/main/index.ts': 'secret source\n',
  'test/electron/x.test.ts': 'test\n',
  'README.md': '# readme\n',
  'release/old/NetLab.AppImage': 'old build\n',
  '.env': 'TOKEN=1\n',
  // The CLI bundle (scripts/build-node.mjs) is for `npx netlab`, not the desktop app.
  'out/node/netlab.cjs': 'cli bundle\n',
};

let work: string;
let unpacked: string;

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'netlab-pack-'));
  const project = path.join(work, 'project');
  mkdirSync(project);
  for (const file of [
    'package.json',
    'electron-builder.yml',
    'hosts.txt',
    'scripts/electron-builder-before-build.cjs',
  ]) {
    cpSync(path.join(ROOT, file), path.join(project, file));
  }
  cpSync(path.join(ROOT, 'build'), path.join(project, 'build'), { recursive: true });
  // The real dependencies sit next to it, so packing them would show up if the hook failed.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeTree(project, { ...BUILD_OUTPUT, ...DECOYS });

  const electronVersion = (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const dist = makeStandInElectronDist(path.join(work, 'electron-dist'), electronVersion);
  const cli = path.join(ROOT, 'node_modules/electron-builder/cli.js');
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--projectDir',
      project,
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${path.join(work, 'release')}`,
    ],
    { timeout: PACK_TIMEOUT_MS, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  );
  unpacked = path.join(work, 'release', 'linux-unpacked');
}, PACK_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir', () => {
  it('packs exactly out/** and package.json into app.asar', () => {
    const listed = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((entry) =>
      entry.replace(/\\/g, '/').replace(/^\//, ''),
    );
    const files = listed.filter((entry) => !listed.some((other) => other.startsWith(`${entry}/`)));
    expect(files.sort()).toEqual([...Object.keys(BUILD_OUTPUT), 'package.json'].sort());
  });

  it('keeps the entry point package.json names', () => {
    const pkg = JSON.parse(
      extractFile(path.join(unpacked, 'resources', 'app.asar'), 'package.json').toString(),
    ) as {
      main: string;
    };
    expect(pkg.main).toBe('out/main/index.js');
    // Electron's app.name comes from here: the user-data folder and "Quit NetLab".
    expect((pkg as { productName?: string }).productName).toBe('NetLab');
  });

  it('puts the default hosts.txt beside the asar and nothing unpacked', () => {
    expect(readFileSync(path.join(unpacked, 'resources', 'hosts.txt'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, 'hosts.txt'), 'utf8'),
    );
    expect(existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked'))).toBe(false);
  });

  it('flips the fuses in the executable as configured', async () => {
    const wire = await getCurrentFuseWire(path.join(unpacked, 'netlab'));
    const DISABLE = 0x30;
    const ENABLE = 0x31;
    // Order: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, FileProtocolExtraPrivileges.
    expect([0, 1, 2, 3, 4, 5, 7].map((i) => wire[i as keyof typeof wire])).toEqual([
      DISABLE,
      ENABLE,
      DISABLE,
      DISABLE,
      ENABLE,
      ENABLE,
      DISABLE,
    ]);
  });
});
