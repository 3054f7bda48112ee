// Recognises Chromium's Linux sandbox abort in Electron's stderr and says in one line what to do.
// On Ubuntu ≥ 24.04 AppArmor forbids unprivileged user namespaces to programs without a profile,
// so an Electron run from node_modules (or an AppImage) falls back to the SUID helper, which is not
// root-owned there, and aborts. The .deb installs an AppArmor profile and is not affected.
// Nothing here disables the sandbox: --no-sandbox is only ever the user's own, informed choice.

/** Chromium's two wordings: the SUID helper check (setuid_sandbox_host.cc) and "No usable sandbox!". */
const SUID_HELPER_RE = /The SUID sandbox helper binary was found, but is not configured correctly/;
const HELPER_PATH_RE = /make sure that (\S+) is owned by root and has mode 4755/;
const NO_USABLE_RE = /No usable sandbox!/;

/**
 * @param {string} stderr what Electron wrote to stderr (all of it, or its end)
 * @returns {string | null} one line for the user, or null when this is not the sandbox abort
 */
function sandboxAdvice(stderr) {
  if (!SUID_HELPER_RE.test(stderr) && !NO_USABLE_RE.test(stderr)) return null;
  const helperPath = HELPER_PATH_RE.exec(stderr)?.[1];
  const helper = helperPath ? ` (or make ${helperPath} root-owned with mode 4755)` : '';
  return (
    "NetLab: Electron's Linux sandbox cannot start here (AppArmor restricts unprivileged user namespaces, " +
    `as on Ubuntu 24.04+): install the .deb, which brings an AppArmor profile, or add such a profile for this Electron${helper}; ` +
    'only for a trusted dev checkout, "npm start -- --no-sandbox" runs without it (see README, Linux notes).'
  );
}

/**
 * Watches a child's stderr for the abort while passing every byte on to `out` unchanged.
 * @param {NodeJS.ReadableStream} stream the child's stderr
 * @param {NodeJS.WritableStream} out where the user sees it (our stderr)
 * @returns {{ advice(): string | null }}
 */
function watchForSandboxAbort(stream, out, keepChars = 16_000) {
  let tail = '';
  stream.on('data', (chunk) => {
    out.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-keepChars);
  });
  return { advice: () => sandboxAdvice(tail) };
}

module.exports = { sandboxAdvice, watchForSandboxAbort };
