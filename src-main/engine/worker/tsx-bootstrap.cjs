// Runs the TypeScript worker entry from source (vitest, tsx, an unbuilt checkout); a build ships a
// compiled endpoint-worker beside its bundle instead (worker-script.ts picks which).
require('tsx/cjs');
require(require('node:worker_threads').workerData.entry);
