// Which file a worker thread runs: the built entry beside a bundle, else the sources through tsx.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workerScript } from '../../src-main/engine/worker/worker-script.js';

const SOURCE_DIR = resolve(__dirname, '../../src-main/engine/worker');

describe('workerScript', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A checkout with out/<bundle>/<file> and, optionally, a built worker beside it. */
  function bundle(folder: string, file: string, worker?: string): string {
    const root = mkdtempSync(join(tmpdir(), 'netlab-worker-script-'));
    dirs.push(root);
    mkdirSync(join(root, 'out', folder), { recursive: true });
    if (worker) writeFileSync(join(root, 'out', folder, worker), '');
    return join(root, 'out', folder, file);
  }

  it('runs the TypeScript entry through tsx from the sources', () => {
    expect(workerScript()).toEqual({
      file: join(SOURCE_DIR, 'tsx-bootstrap.cjs'),
      entry: join(SOURCE_DIR, 'endpoint-worker.ts'),
    });
  });

  it.each([
    ['node', 'netlab.cjs', 'endpoint-worker.cjs'],
    ['main', 'index.js', 'endpoint-worker.js'],
  ])('runs the built worker beside the out/%s bundle', (folder, file, worker) => {
    const here = bundle(folder, file, worker);
    expect(workerScript(undefined, here)).toEqual({ file: join(here, '..', worker) });
  });

  it('falls back to the checkout sources from a bundle built without the worker', () => {
    const here = bundle('node', 'netlab.cjs');
    const root = resolve(here, '../../..');
    expect(workerScript(undefined, here)).toEqual({
      file: join(root, 'src-main/engine/worker/tsx-bootstrap.cjs'),
      entry: join(root, 'src-main/engine/worker/endpoint-worker.ts'),
    });
  });

  it('runs a given TypeScript entry through tsx even beside a built worker', () => {
    const here = bundle('node', 'netlab.cjs', 'endpoint-worker.cjs');
    expect(workerScript('/x/bench-worker.ts', here).entry).toBe('/x/bench-worker.ts');
  });
});
