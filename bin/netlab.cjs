#!/usr/bin/env node
// The `netlab` command. It runs only the prebuilt bundle out/node/netlab.cjs (scripts/build-node.mjs,
// run by `npm ci`'s prepare step, `npm run build` and `npm start`): no TypeScript is compiled at
// run time, so a tsconfig.json in the user's folder cannot redirect what the CLI imports.
const { existsSync } = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
// `netlab --version` needs nothing but package.json: answered before the bundle is compiled.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
  return;
}

const bundle = path.join(__dirname, '..', 'out', 'node', 'netlab.cjs');
if (!existsSync(bundle)) {
  console.error(
    `netlab: the CLI is not built (${bundle} is missing); run "npm run build:node" (or "node scripts/build-node.mjs") in ${path.dirname(__dirname)}.`,
  );
  process.exit(1);
}
require(bundle);
