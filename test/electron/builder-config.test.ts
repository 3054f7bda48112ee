// electron-builder.yml validates against electron-builder's own schema and says what the
// installers need: targets per platform, asar, fuses, only the build output, icons.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, '../..');

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
}
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as ConfigModule;
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function loadConfig(): Promise<Configuration> {
  return getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
}

function targets(value: unknown): { target: string; arch: string[] }[] {
  return (value as { target: string; arch: string[] }[]).map((t) => ({ target: t.target, arch: t.arch }));
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator does reject a typo (so the check above means something)', async () => {
    const config = await loadConfig();
    const typo = { ...config, mac: { ...config.mac, targett: 'dmg' } } as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  it('names the app and builds dmg (x64 + arm64), nsis, AppImage and deb', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.netlab.app');
    expect(config.productName).toBe('NetLab');
    expect(targets(config.mac?.target)).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(targets(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(targets(config.linux?.target).map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.publish).toBeNull();
  });

  it('packs only the build output and package.json into an asar, with hosts.txt beside it', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    const files = config.files as { filter: string[] }[];
    expect(files.flatMap((f) => f.filter).filter((p) => !p.startsWith('!'))).toEqual([
      'out/**',
      'package.json',
    ]);
    expect(config.extraResources).toEqual([{ from: 'hosts.txt', to: 'hosts.txt' }]);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      type?: string;
    };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.type ?? 'commonjs').toBe('commonjs');
  });

  it('skips node_modules: the beforeBuild hook resolves to false', async () => {
    const config = await loadConfig();
    const hook = require(path.join(ROOT, config.beforeBuild as string)) as () => Promise<boolean>;
    await expect(hook()).resolves.toBe(false);
  });

  it('sets the Electron fuses', async () => {
    expect((await loadConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('has the icons each platform needs', async () => {
    const config = await loadConfig();
    expect(pngSize(path.join(ROOT, 'build/icon.png'))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(path.join(ROOT, config.linux?.icon as string, `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
    const ico = readFileSync(path.join(ROOT, config.win?.icon as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(6);
    const icns = readFileSync(path.join(ROOT, config.mac?.icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(existsSync(path.join(ROOT, 'build/icon.svg'))).toBe(true);
  });
});

describe('.github/workflows/release.yml', () => {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const workflow = yaml.load(readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    jobs: Record<
      string,
      { strategy?: { matrix: { include: { os: string; builder: string }[] } }; steps: { run?: string }[] }
    >;
  };

  it('builds each platform on its own runner with electron-builder', () => {
    const matrix = workflow.jobs.installers?.strategy?.matrix.include ?? [];
    expect(matrix.map((m) => [m.os, m.builder])).toEqual([
      ['macos-latest', '--mac'],
      ['windows-latest', '--win'],
      ['ubuntu-latest', '--linux'],
    ]);
    const runs = (workflow.jobs.installers?.steps ?? []).map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx electron-vite build');
    expect(runs.some((r) => r.startsWith('npx electron-builder ${{ matrix.builder }}'))).toBe(true);
  });
});

describe('package.json metadata the app and the installers read', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    productName?: string;
    homepage?: string;
    repository?: { url: string };
    author: string;
    engines: { node: string };
    scripts: Record<string, string>;
  };

  it('names the app NetLab (app.name: the user-data folder, "Quit NetLab")', () => {
    expect(pkg.productName).toBe('NetLab');
  });

  it("has a homepage and a repository, so the .deb's metadata check passes outside a GitHub checkout", async () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
    const config = await loadConfig();
    // electron-builder 26's own check (FpmTarget.computeFpmMetaInfoOptions), run on our metadata.
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
      default: {
        prototype: { computeFpmMetaInfoOptions(this: unknown): Promise<{ url: string; maintainer: string }> };
      };
    };
    const fakeTarget = (homepage: string | undefined) => ({
      packager: {
        appInfo: { computePackageUrl: () => Promise.resolve(homepage ?? null), linuxPackageName: pkg.name },
        info: { metadata: { author: pkg.author } },
      },
      options: { ...config.linux, ...config.deb },
    });
    await expect(
      FpmTarget.prototype.computeFpmMetaInfoOptions.call(fakeTarget(pkg.homepage)),
    ).resolves.toMatchObject({
      url: pkg.homepage,
      maintainer: 'NetLab team',
    });
    await expect(FpmTarget.prototype.computeFpmMetaInfoOptions.call(fakeTarget(undefined))).rejects.toThrow(
      /specify project homepage/,
    );
  });

  it('keeps npm ci quiet on Node 20 for our package, and the dist script checks Node >= 22.12', () => {
    expect(pkg.engines.node).toBe('>=20.19');
    expect(pkg.scripts.dist).toMatch(/^node scripts\/check-node-for-dist\.cjs && /);
    const { atLeast, MIN } = require(path.join(ROOT, 'scripts/check-node-for-dist.cjs')) as {
      atLeast(version: string, min: number[]): boolean;
      MIN: number[];
    };
    expect(MIN).toEqual([22, 12, 0]);
    expect(atLeast('v22.12.0', MIN)).toBe(true);
    expect(atLeast('v24.1.0', MIN)).toBe(true);
    expect(atLeast('v22.11.9', MIN)).toBe(false);
    expect(atLeast('v20.19.5', MIN)).toBe(false);
  });
});
