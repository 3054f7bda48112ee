// The one place that decides which file a worker thread runs. A build puts the compiled entry
// beside its bundle (out/node/endpoint-worker.cjs for the CLI, out/main/endpoint-worker.js for
// Electron); from TypeScript sources (vitest, tsx) a bootstrap loads the entry through tsx.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const BUILT_NAMES = ['endpoint-worker.cjs', 'endpoint-worker.js'];

export interface WorkerScript {
  file: string;
  /** Set when `file` is the tsx bootstrap: the TypeScript entry it loads. */
  entry?: string;
}

/**
 * `tsEntry`: run this TypeScript entry instead of the endpoint worker (benchmarks). `here` is the
 * running file (this module, or the bundle it was built into); tests pass others.
 */
export function workerScript(tsEntry?: string, here: string = __filename): WorkerScript {
  const dir = dirname(here);
  if (!tsEntry) {
    for (const name of BUILT_NAMES) {
      const built = join(dir, name);
      if (existsSync(built)) return { file: built };
    }
  }
  // Running from source, `dir` is this folder; from a bundle without a built worker, it is
  // out/<bundle>/, two levels below the checkout.
  const sourceDir = here.endsWith('.ts') ? dir : resolve(dir, '../../src-main/engine/worker');
  return {
    file: join(sourceDir, 'tsx-bootstrap.cjs'),
    entry: tsEntry ?? join(sourceDir, 'endpoint-worker.ts'),
  };
}
