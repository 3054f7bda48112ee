// scripts/build-node.mjs: one list of entries, each emitted as out/node/<name>.cjs when its source
// exists (the endpoint worker lands in another branch), and bundles that need nothing from
// node_modules at run time but Node's own modules (and ws's optional native helpers).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKER_SOURCE = path.join(ROOT, 'src-main/engine/worker/endpoint-worker.ts');

interface Entry {
  name: string;
  source: string;
  outfile: string;
}

async function entries(): Promise<Entry[]> {
  const mod = (await import(path.join(ROOT, 'scripts/build-node.mjs'))) as { presentEntries(): Entry[] };
  return mod.presentEntries();
}

describe('scripts/build-node.mjs', () => {
  it('builds the CLI, and the endpoint worker beside it exactly when its source exists', async () => {
    const list = await entries();
    expect(list[0]).toEqual({
      name: 'netlab',
      source: 'src-main/cli/main.ts',
      outfile: path.join(ROOT, 'out/node/netlab.cjs'),
    });
    const worker = list.find((e) => e.name === 'endpoint-worker');
    if (existsSync(WORKER_SOURCE))
      expect(worker?.outfile).toBe(path.join(ROOT, 'out/node/endpoint-worker.cjs'));
    else expect(worker).toBeUndefined();
  });

  it('the bundle requires only Node built-ins at run time (commander, zod, ws… are inside)', () => {
    const bundle = readFileSync(path.join(ROOT, 'out/node/netlab.cjs'), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const others = [...required].filter((m) => !builtins.has(m)).sort();
    expect(others).toEqual(['bufferutil', 'utf-8-validate']);
    expect(others.some((m) => m.startsWith('tsx'))).toBe(false);
  });
});
