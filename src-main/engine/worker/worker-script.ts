// The one place that decides which file a worker thread runs. A build puts the compiled entry
// beside its bundle (out/node/endpoint-worker.cjs for the CLI, out/main/endpoint-worker.js for
// Electron); from TypeScript sources (vitest, tsx) a bootstrap loads the entry through tsx.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BUILT_NAMES = ['endpoint-worker.cjs', 'endpoint-worker.js'];

export interface WorkerScript {
  file: string;
  /** Set when `file` is the tsx bootstrap: the TypeScript entry it loads. */
  entry?: string;
}

/** `tsEntry`: run this TypeScript entry instead of the endpoint worker (benchmarks). */
export function workerScript(tsEntry?: string): WorkerScript {
  if (!tsEntry) {
    for (const name of BUILT_NAMES) {
      const built = join(__dirname, name);
      if (existsSync(built)) return { file: built };
    }
  }
  // Running from source, __dirname is this folder; from a bundle without a built worker, it is
  // out/<bundle>/, two levels below the checkout.
  const sourceDir = __filename.endsWith('.ts')
    ? __dirname
    : resolve(__dirname, '../../src-main/engine/worker');
  return {
    file: join(sourceDir, 'tsx-bootstrap.cjs'),
    entry: tsEntry ?? join(sourceDir, 'endpoint-worker.ts'),
  };
}
