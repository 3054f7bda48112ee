// The CLI and browser mode run from out/node/netlab.cjs (scripts/build-node.mjs). Tests that spawn
// bin/netlab.cjs build it first when it is missing or older than its sources, so they always drive
// what the sources say today; a fresh bundle costs one directory walk.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BUILD_TIMEOUT_MS = 120_000;

export function ensureNodeBundle(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-node.mjs'), '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: BUILD_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(`"node scripts/build-node.mjs" failed (status ${result.status ?? result.signal})`);
  }
}
