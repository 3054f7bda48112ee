// Finds the Electron executable for `npm start`, `npm run install-electron` and the Electron smoke
// test, and obtains it when it is missing. Electron 45 has no postinstall: `npm ci` never
// downloads the binary. The documented explicit step is the package's own `install-electron`
// (node_modules/electron/install.js, which uses @electron/get and writes node_modules/electron/
// path.txt when done); `obtainElectron` runs exactly that, shows progress, and then reads the
// result from path.txt, never from the child's output (which may say anything).
// Neither function throws: they answer { path } or { reason } (one line, for the user).
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** No byte for this long: the network is not going to deliver (a filtered proxy, a dead link). */
const STALL_TIMEOUT_MS = 90_000;
/** Even a slow link moves Electron's ~100 MB zip in this time. */
const TOTAL_TIMEOUT_MS = 20 * 60_000;
const PROGRESS_INTERVAL_MS = 1_000;
/** On a terminal the progress line is rewritten every second; in a log, one line this often. */
const LOG_PROGRESS_INTERVAL_MS = 10_000;
/** The end of install.js's stderr we keep, for the one-line reason when it fails. */
const STDERR_TAIL_CHARS = 8_000;
const MB = 1024 * 1024;

function electronPackageDir(root) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
}

/** The binary electron's own index.js would return, without its download side effect. */
function installedElectron(pkgDir, env) {
  const pathFile = path.join(pkgDir, 'path.txt');
  let relative;
  try {
    relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() || null : null;
  } catch {
    relative = null;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, relative || 'electron');
  return relative ? path.join(pkgDir, 'dist', relative) : null;
}

function hasDisplay(env, platform) {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

function packageInfo(pkgDir) {
  try {
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    const bin = pkg.bin && typeof pkg.bin === 'object' ? pkg.bin['install-electron'] : null;
    return { version: String(pkg.version ?? '?'), installer: path.join(pkgDir, bin || 'install.js') };
  } catch {
    return { version: '?', installer: path.join(pkgDir, 'install.js') };
  }
}

function common(options) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const root = options.root ?? path.resolve(__dirname, '..');
  return { env, platform, root, requireDisplay: options.requireDisplay ?? true };
}

function finish(binary, { env, platform, requireDisplay }) {
  if (requireDisplay && !hasDisplay(env, platform)) {
    return { reason: 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { path: binary };
}

/**
 * The installed binary, or why there is none. Never downloads.
 * @param {{ root?: string, env?: NodeJS.ProcessEnv, platform?: string, requireDisplay?: boolean }} [options]
 * @returns {{ path: string } | { reason: string }}
 */
function findElectron(options = {}) {
  const ctx = common(options);
  const pkgDir = electronPackageDir(ctx.root);
  if (!pkgDir) return { reason: 'the electron package is not installed (run npm ci)' };
  const binary = installedElectron(pkgDir, ctx.env);
  if (!binary || !existsSync(binary)) {
    return { reason: 'its binary is not installed yet (npm run install-electron downloads it)' };
  }
  return finish(binary, ctx);
}

/** Bytes under `dir` (the download's temporary folder), bounded and tolerant of files moving. */
function bytesUnder(dir) {
  let total = 0;
  const stack = [dir];
  let visited = 0;
  while (stack.length > 0 && visited < 1000) {
    const current = stack.pop();
    visited += 1;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else {
        try {
          total += statSync(full).size;
        } catch {
          // moved into @electron/get's cache meanwhile
        }
      }
    }
  }
  return total;
}

/** The first line that says what went wrong in install.js's stderr (it prints err.stack). */
function failureLine(stderr) {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l) && !/^\[?=*\]?$/.test(l) && !/^Downloading /.test(l));
  const error = lines.find((l) => /(Error|error:|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|failed)/.test(l));
  const line = error ?? lines.at(-1) ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** A progress reporter: one rewritten line on a terminal, a line every few seconds in a log. */
function progressPrinter(stream, label) {
  const tty = Boolean(stream.isTTY);
  let lastLogged = -Infinity;
  let wroteLine = false;
  return {
    update(bytes, elapsedMs) {
      if (bytes === 0) return;
      const text = `${label}: ${(bytes / MB).toFixed(1)} MB in ${Math.round(elapsedMs / 1000)} s`;
      if (tty) {
        stream.write(`\r${text}\u001b[K`);
        wroteLine = true;
      } else if (elapsedMs - lastLogged >= LOG_PROGRESS_INTERVAL_MS) {
        lastLogged = elapsedMs;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (tty && wroteLine) stream.write('\n');
    },
  };
}

/**
 * The installed binary; when it is missing, runs Electron's own explicit install step
 * (`install-electron`) with progress on `options.progress` (default stderr), then reads path.txt.
 * @param {{ root?: string, env?: NodeJS.ProcessEnv, platform?: string, requireDisplay?: boolean,
 *   progress?: NodeJS.WritableStream | null, stallTimeoutMs?: number, totalTimeoutMs?: number }} [options]
 * @returns {Promise<{ path: string } | { reason: string }>}
 */
async function obtainElectron(options = {}) {
  const ctx = common(options);
  const pkgDir = electronPackageDir(ctx.root);
  if (!pkgDir) return { reason: 'the electron package is not installed (run npm ci)' };
  const already = installedElectron(pkgDir, ctx.env);
  if (already && existsSync(already)) return finish(already, ctx);

  const { version, installer } = packageInfo(pkgDir);
  if (!existsSync(installer)) return { reason: `its installer ${installer} is missing (run npm ci)` };
  const out = options.progress === undefined ? process.stderr : options.progress;
  out?.write(`Downloading Electron ${version} for ${ctx.platform}-${process.arch} (about 100 MB, once)…\n`);
  // A private temporary folder for the child: @electron/get downloads into os.tmpdir(), so its
  // size there is the download's progress. Its own bar (shown only after 30 s) is turned off.
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'netlab-electron-download-'));
  const printer = out ? progressPrinter(out, `Downloading Electron ${version}`) : null;
  const result = await new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      cwd: pkgDir,
      env: { ...ctx.env, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir, ELECTRON_GET_NO_PROGRESS: '1' },
      // stdout is drained and ignored: whatever install.js prints is not the answer.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr = (stderr + d).slice(-STDERR_TAIL_CHARS);
    });
    const started = Date.now();
    let lastBytes = 0;
    let lastChange = started;
    let killedFor = null;
    const timer = setInterval(() => {
      const now = Date.now();
      const bytes = bytesUnder(tempDir);
      if (bytes !== lastBytes) {
        lastBytes = bytes;
        lastChange = now;
      }
      printer?.update(bytes, now - started);
      const stalled = now - lastChange > (options.stallTimeoutMs ?? STALL_TIMEOUT_MS);
      const tooLong = now - started > (options.totalTimeoutMs ?? TOTAL_TIMEOUT_MS);
      if ((stalled || tooLong) && killedFor === null) {
        killedFor = stalled ? 'it stalled (no data for too long)' : 'it took too long';
        child.kill('SIGKILL');
      }
    }, PROGRESS_INTERVAL_MS);
    const end = (value) => {
      clearInterval(timer);
      printer?.done();
      resolve(value);
    };
    child.on('error', (err) => end({ ok: false, why: err.message }));
    child.on('close', (code, signal) => {
      if (killedFor) end({ ok: false, why: killedFor });
      else if (code === 0) end({ ok: true });
      else end({ ok: false, why: failureLine(stderr) || `install-electron ended with ${code ?? signal}` });
    });
  });
  rmSync(tempDir, { recursive: true, force: true });
  // The answer is what Electron's installer recorded in path.txt, whatever it printed.
  const binary = installedElectron(pkgDir, ctx.env);
  if (result.ok && binary && existsSync(binary)) return finish(binary, ctx);
  const why = result.ok ? 'it finished but path.txt names no binary' : result.why;
  return { reason: `the download of its binary failed: ${why}` };
}

module.exports = { findElectron, obtainElectron, failureLine };
