#!/usr/bin/env node
// `npm test`: typecheck every layer, lint the layering, run vitest and Playwright, and print
// one closing line with the totals over all runners ("N passed, N failed, N skipped").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
mkdirSync('test-results', { recursive: true });

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(label, cmd, args) {
  const status = run(label, cmd, args);
  if (status === 0) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(label);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

for (const layer of ['shared', 'node', 'web']) {
  check(`typecheck ${layer}`, 'npx', ['tsc', '-p', `tsconfig.${layer}.json`]);
}
check('lint', 'npx', ['eslint', '.']);

const vitestJson = 'test-results/vitest.json';
rmSync(vitestJson, { force: true });
const vitestStatus = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson(vitestJson);
if (v) {
  results.passed += v.numPassedTests ?? 0;
  results.failed += v.numFailedTests ?? 0;
  results.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (vitestStatus !== 0 && (v.numFailedTests ?? 0) === 0) {
    results.failed += 1;
    failures.push('vitest (suite error)');
  }
} else {
  results.failed += 1;
  failures.push('vitest (no report)');
}
if ((v?.numFailedTests ?? 0) > 0) failures.push('vitest');

if (existsSync('playwright.config.ts')) {
  const pwJson = 'test-results/playwright.json';
  rmSync(pwJson, { force: true });
  const pwStatus = run('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  const p = readJson(pwJson);
  if (p?.stats) {
    results.passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
    results.failed += p.stats.unexpected ?? 0;
    results.skipped += p.stats.skipped ?? 0;
    if ((p.stats.unexpected ?? 0) > 0) failures.push('playwright');
    if (pwStatus !== 0 && (p.stats.unexpected ?? 0) === 0) {
      results.failed += 1;
      failures.push('playwright (run error)');
    }
  } else {
    results.failed += 1;
    failures.push('playwright (no report)');
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed > 0 ? 1 : 0);
