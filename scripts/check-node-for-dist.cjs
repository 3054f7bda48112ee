#!/usr/bin/env node
// `npm run dist` needs Node ≥ 22.12 (Electron 45, @electron/get and electron-builder's native
// rebuild tooling require it); the CLI and browser mode keep working on Node 20. Says so in one line.
const MIN = [22, 12, 0];

function atLeast(version, min) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i];
  }
  return true;
}

if (require.main === module && !atLeast(process.version, MIN)) {
  console.error(
    `npm run dist: building the installers needs Node >= ${MIN.join('.')} (this is ${process.version}); ` +
      'the CLI and browser mode work on Node 20, installers do not.',
  );
  process.exit(1);
}

module.exports = { atLeast, MIN };
