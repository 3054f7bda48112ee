// vitest global setup: the CLI tests spawn bin/netlab.cjs, which runs only the built bundle.
import { ensureNodeBundle } from './helpers/node-bundle.js';

export default function setup(): void {
  ensureNodeBundle();
}
