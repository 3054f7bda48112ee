#!/usr/bin/env node
// `npm start`: builds the desktop app with electron-vite and launches it. Where Electron cannot
// be obtained (an offline lab machine, a headless box), it says so in one line and starts
// browser mode instead, so the command always gives the student a working lab.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { findElectron } = require('./find-electron.cjs');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const build = spawnSync(npx, ['electron-vite', 'build', '--logLevel', 'warn'], {
  cwd: ROOT,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) {
  console.error('npm start: the build failed (npx electron-vite build); see the errors above.');
  process.exit(build.status ?? 1);
}

/** Runs a child with our stdio, passes Ctrl-C on, and exits with its code. */
function runForeground(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`npm start: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectron({ root: ROOT, allowDownload: true });
if ('path' in electron) {
  runForeground(electron.path, ['.']);
} else {
  console.log(`NetLab: Electron is not available here (${electron.reason}); starting browser mode instead.`);
  runForeground(process.execPath, [path.join(ROOT, 'bin', 'netlab.cjs'), 'web', '--open']);
}
