// Finds the Electron executable that `npm ci` normally downloads (electron's postinstall), for
// `npm start` and the Electron smoke test. Never throws: it answers { path } or { reason }.
// Requiring the `electron` package itself would start a download when the binary is missing,
// so the installed-binary check reads the package's own files first.
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

/** A download on a slow or filtered network must not hold `npm start` for ever. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

function electronPackageDir(root) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
}

/** The binary electron's own index.js would return, without its download side effect. */
function installedElectron(pkgDir) {
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, relative || 'electron');
  return relative ? path.join(pkgDir, 'dist', relative) : null;
}

/**
 * @param {{ root?: string, allowDownload?: boolean }} [options]
 * @returns {{ path: string } | { reason: string }}
 */
function findElectron(options = {}) {
  const root = options.root ?? path.resolve(__dirname, '..');
  const pkgDir = electronPackageDir(root);
  if (!pkgDir) return { reason: 'the electron package is not installed (run npm ci)' };
  let binary = installedElectron(pkgDir);
  if ((!binary || !existsSync(binary)) && options.allowDownload) {
    // What `require('electron')` does on a machine where its postinstall did not run.
    const fetched = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
      cwd: root,
      encoding: 'utf8',
      timeout: DOWNLOAD_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (fetched.status === 0 && fetched.stdout) binary = fetched.stdout.trim();
  }
  if (!binary || !existsSync(binary)) {
    const why = options.allowDownload
      ? 'and could not be downloaded from GitHub'
      : 'in node_modules/electron/dist';
    return { reason: `its binary is not installed ${why}` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { path: binary };
}

module.exports = { findElectron };
