// Paths to hosts.txt and out/renderer come from the package root, found the same way from the
// TypeScript sources and from the bundles in out/, never from the working folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHostsPath } from '../../src-main/engine/hosts-file.js';
import { findPackageRoot, packageRoot } from '../../src-main/engine/package-root.js';
import { RENDERER_DIR } from '../../src-main/web/renderer-build.js';

const ROOT = path.resolve(__dirname, '..', '..');

describe('package root', () => {
  it('is the repository from the sources and from out/node (where the CLI bundle runs)', () => {
    expect(packageRoot()).toBe(ROOT);
    expect(findPackageRoot(path.join(ROOT, 'src-main', 'engine'))).toBe(ROOT);
    expect(findPackageRoot(path.join(ROOT, 'out', 'node'))).toBe(ROOT);
    expect(defaultHostsPath()).toBe(path.join(ROOT, 'hosts.txt'));
    expect(RENDERER_DIR).toBe(path.join(ROOT, 'out', 'renderer'));
  });

  it("skips other packages' package.json on the way up", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'netlab-root-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{"name":"netlab"}');
      mkdirSync(path.join(dir, 'out', 'node'), { recursive: true });
      writeFileSync(path.join(dir, 'out', 'package.json'), '{"name":"something-else"}');
      expect(findPackageRoot(path.join(dir, 'out', 'node'))).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers null when there is none (packageRoot then falls back to two levels up)', () => {
    expect(findPackageRoot(path.parse(ROOT).root)).toBeNull();
  });
});
