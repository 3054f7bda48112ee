#!/usr/bin/env node
// `npm run bench [-- --quick]`: runs the TypeScript benchmark harness from source; bench/run.ts
// reads its arguments from process.argv, which npm forwards after `--`.
require('tsx/cjs');
require('../bench/run.ts');
