#!/usr/bin/env node
// `npm start [-- electron flags]`: builds the desktop app (electron-vite) and the CLI bundle, then
// launches Electron. The first run downloads Electron's binary (Electron 45 has no postinstall)
// with progress. Where Electron cannot be obtained (an offline lab machine, a headless box), it
// says so in one line and starts browser mode instead, so the command always gives a working lab.
// On Linux it watches Electron's stderr (still showing it) for the sandbox abort and says what to
// do; it never turns the sandbox off itself.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { obtainElectron } = require('./find-electron.cjs');
const { watchForSandboxAbort } = require('./linux-sandbox.cjs');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** Flags after `npm start --` go to Electron unchanged (e.g. --no-sandbox, by the user's choice). */
const electronArgs = process.argv.slice(2);

function buildOrExit(command, args, what) {
  const build = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error(`npm start: the build failed (${what}); see the errors above.`);
    process.exit(build.status ?? 1);
  }
}

buildOrExit(npx, ['electron-vite', 'build', '--logLevel', 'warn'], 'npx electron-vite build');
buildOrExit(
  process.execPath,
  [path.join(ROOT, 'scripts', 'build-node.mjs'), '--if-stale'],
  'node scripts/build-node.mjs',
);

/** Runs a child, passes Ctrl-C on, and exits with its code (after the sandbox advice, if it applies). */
function runForeground(command, args, { watchStderr = false } = {}) {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['inherit', 'inherit', watchStderr ? 'pipe' : 'inherit'],
  });
  const watcher = watchStderr ? watchForSandboxAbort(child.stderr, process.stderr) : null;
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`npm start: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    const advice = code !== 0 ? watcher?.advice() : null;
    if (advice) console.error(advice);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

const electron = await obtainElectron({ root: ROOT });
if ('path' in electron) {
  runForeground(electron.path, ['.', ...electronArgs], { watchStderr: process.platform === 'linux' });
} else {
  console.log(`NetLab: Electron is not available here (${electron.reason}); starting browser mode instead.`);
  runForeground(process.execPath, [path.join(ROOT, 'bin', 'netlab.cjs'), 'web', '--open']);
}
