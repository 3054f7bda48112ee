// Entry of an endpoint's worker thread (built as endpoint-worker.cjs / .js beside the bundles).
import { ENDPOINT_KINDS } from './endpoint-kinds.js';
import { serveEndpoint } from './worker-runtime.js';

serveEndpoint(ENDPOINT_KINDS);
