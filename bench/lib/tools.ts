// Reference tools (iperf3, nc). The bench installs a missing one with apt-get when it runs as
// root, as the issue asks; otherwise that reference is skipped with the reason printed.
import { spawnSync } from 'node:child_process';

export interface Tool {
  name: string;
  /** Absolute path, or null with the reason it is unavailable. */
  path: string | null;
  reason: string;
}

const APT_TIMEOUT_MS = 180_000;

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const out = r.stdout.trim();
  return r.status === 0 && out ? out : null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** nc must be the OpenBSD one: the bench relies on its -N (shutdown after stdin EOF). */
function isOpenBsdNc(path: string): boolean {
  const r = spawnSync(path, ['-h'], { encoding: 'utf8' });
  return /OpenBSD netcat/.test(`${r.stdout}${r.stderr}`);
}

function aptInstall(pkg: string, log: (line: string) => void): string | null {
  if (!isRoot()) return 'not root, so not installing it';
  log(`installing ${pkg} with apt-get (reference tool)…`);
  let r = spawnSync('apt-get', ['install', '-y', pkg], { encoding: 'utf8', timeout: APT_TIMEOUT_MS });
  if (r.status !== 0) {
    // A fresh machine has no package lists yet.
    spawnSync('apt-get', ['update'], { encoding: 'utf8', timeout: APT_TIMEOUT_MS });
    r = spawnSync('apt-get', ['install', '-y', pkg], { encoding: 'utf8', timeout: APT_TIMEOUT_MS });
  }
  return r.status === 0
    ? null
    : `apt-get install -y ${pkg} failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`;
}

function find(cmds: readonly string[], ok: (p: string) => boolean): string | null {
  for (const cmd of cmds) {
    const path = which(cmd);
    if (path && ok(path)) return path;
  }
  return null;
}

function ensure(
  cmds: readonly string[],
  pkg: string,
  log: (line: string) => void,
  ok: (p: string) => boolean,
): Tool {
  const name = cmds[cmds.length - 1]!;
  let path = find(cmds, ok);
  if (path) return { name, path, reason: '' };
  const failure = aptInstall(pkg, log);
  path = find(cmds, ok);
  if (path) return { name, path, reason: '' };
  return {
    name,
    path: null,
    reason: `${name} (${pkg}) missing: ${failure ?? 'still not found after install'}`,
  };
}

export interface ToolSet {
  iperf3: Tool;
  nc: Tool;
}

export function ensureReferenceTools(log: (line: string) => void): ToolSet {
  return {
    iperf3: ensure(['iperf3'], 'iperf3', log, () => true),
    // Debian may point `nc` at netcat-traditional; nc.openbsd is unambiguous.
    nc: ensure(['nc.openbsd', 'nc'], 'netcat-openbsd', log, isOpenBsdNc),
  };
}
