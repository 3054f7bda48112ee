// The `netlab` command runs the prebuilt bundle, never TypeScript compiled at run time: a
// tsconfig.json in the user's folder (or a parent) cannot redirect its imports, and a missing
// bundle is one line saying how to build it, not a silent fallback to a compiler.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'netlab.cjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function netlab(args: string[], cwd: string, bin = BIN) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
}

describe('bin/netlab.cjs', () => {
  let dir: string;
  let marker: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-hostile-'));
    marker = join(dir, 'evil-ran');
    // What an attacker leaves in a shared folder: a tsconfig whose paths send `commander` (and
    // everything else) to evil.ts, which writes a marker file when it runs.
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { baseUrl: '.', paths: { commander: ['./evil.ts'], '*': ['./evil.ts'] } },
      }),
    );
    writeFileSync(
      join(dir, 'evil.ts'),
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'pwned');\nexport const Command = class {};\n`,
    );
    writeFileSync(join(dir, 'package.json'), '{"name":"innocent","version":"6.6.6"}');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads no compiler: tsx is not a run-time dependency and bin/netlab.cjs never requires it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(readFileSync(BIN, 'utf8')).not.toMatch(/require\(['"]tsx/);
    expect(existsSync(join(ROOT, 'out', 'node', 'netlab.cjs'))).toBe(true);
  });

  it('netlab --version in a folder with a hostile tsconfig.json does not run evil.ts', () => {
    const r = netlab(['--version'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
    expect(existsSync(marker)).toBe(false);
  });

  it('commands that load the whole bundle (--help, client --help) do not run it either', () => {
    for (const args of [['--help'], ['client', '--help'], ['web', '--help']]) {
      const r = netlab(args, dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Usage: netlab/);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('without the bundle it says in one line how to build it, and exits 1', () => {
    const pkgDir = mkdtempSync(join(tmpdir(), 'netlab-unbuilt-'));
    try {
      mkdirSync(join(pkgDir, 'bin'));
      copyFileSync(BIN, join(pkgDir, 'bin', 'netlab.cjs'));
      copyFileSync(join(ROOT, 'package.json'), join(pkgDir, 'package.json'));
      const r = netlab(['client', '--help'], pkgDir, join(pkgDir, 'bin', 'netlab.cjs'));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/not built.*npm run build:node/);
    } finally {
      rmSync(pkgDir, { recursive: true, force: true });
    }
  });
});
