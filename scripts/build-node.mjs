#!/usr/bin/env node
// Builds the Node side of NetLab that runs outside Electron — the `netlab` CLI, which also hosts
// browser mode (`netlab web`) — into plain CommonJS bundles in out/node, so nothing compiles
// TypeScript at run time (no tsx: a tsconfig.json in the user's folder cannot redirect imports).
// Run by `npm ci` / `npm install` (the `prepare` script), `npm run build` and `npm start`.
//   node scripts/build-node.mjs           build
//   node scripts/build-node.mjs --if-stale  build only when a bundle is missing or older than its sources
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'out', 'node');

/**
 * Every bundle, in one list: source → out/node/<name>.cjs. An entry whose source does not exist
 * (yet) is left out, so this script works before and after that file is merged.
 */
const ENTRIES = [
  { name: 'netlab', source: 'src-main/cli/main.ts' },
  { name: 'endpoint-worker', source: 'src-main/engine/worker/endpoint-worker.ts' },
];

/** What the bundles are built from: a change to any of these makes them stale. */
const SOURCES = ['src-main', 'src-shared', 'package.json', 'scripts/build-node.mjs'];
const MAX_FILES_SCANNED = 20_000;

export function presentEntries() {
  return ENTRIES.filter((e) => existsSync(path.join(ROOT, e.source))).map((e) => ({
    ...e,
    outfile: path.join(OUT_DIR, `${e.name}.cjs`),
  }));
}

function newestSourceMtimeMs() {
  let newest = 0;
  let scanned = 0;
  const stack = SOURCES.map((s) => path.join(ROOT, s)).filter((p) => existsSync(p));
  while (stack.length > 0 && scanned < MAX_FILES_SCANNED) {
    const current = stack.pop();
    scanned += 1;
    const info = statSync(current);
    if (info.isDirectory()) for (const name of readdirSync(current)) stack.push(path.join(current, name));
    else newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

/** True when some bundle is missing or older than the newest source file. */
export function bundlesAreStale() {
  const newest = newestSourceMtimeMs();
  return presentEntries().some((e) => !existsSync(e.outfile) || statSync(e.outfile).mtimeMs < newest);
}

export async function buildNode({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const entries = presentEntries();
  await build({
    entryPoints: Object.fromEntries(entries.map((e) => [e.name, path.join(ROOT, e.source)])),
    outdir: OUT_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Every dependency is bundled: one file to read at start-up, no module resolution through
    // node_modules at run time. Only ws's optional native helpers stay out (ws loads them in a
    // try/catch and works without them).
    external: ['bufferutil', 'utf-8-validate'],
    // The TypeScript config is ours, never one found above the user's working folder.
    tsconfig: path.join(ROOT, 'tsconfig.node.json'),
    // Not minified: on this project's machines a minified bundle started no faster (within the
    // noise of `npm run bench -- --only cli-startup`), and a crash keeps readable stack lines.
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'warning' : 'info',
    absWorkingDir: ROOT,
  });
  return entries;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !bundlesAreStale()) process.exit(0);
  try {
    const built = await buildNode({ quiet: ifStale });
    if (ifStale) console.error(`built ${built.map((e) => path.relative(ROOT, e.outfile)).join(', ')}`);
  } catch (err) {
    console.error(`build-node: esbuild failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
