#!/usr/bin/env node
// Runs the TypeScript CLI straight from source, so `npx netlab` works right after `npm ci`.
require('tsx/cjs');
require('../src-main/cli/main.ts');
