#!/usr/bin/env node
// `npm run install-electron`: Electron's explicit install step (Electron 45 has no postinstall),
// with progress, for CI and for anyone who wants the binary before `npm start`. Prints the
// binary's path (read from Electron's own path.txt) and exits 0, or one line and exits 1.
const path = require('node:path');
const { obtainElectron } = require('./find-electron.cjs');

obtainElectron({ root: path.resolve(__dirname, '..'), requireDisplay: false }).then((found) => {
  if ('path' in found) {
    console.log(found.path);
  } else {
    console.error(`install-electron: Electron is not installed: ${found.reason}.`);
    process.exitCode = 1;
  }
});
