// Runs real peers for interop and measurement tests: nc / socat through sh as a person would type them,
// and small Node scripts in their own process. Every run is bounded in time.
import { spawn, spawnSync } from 'node:child_process';

export interface PeerResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/** The reason a peer cannot be used here, or null when it can. */
export function peerMissing(binary: 'nc' | 'socat'): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;
  if (!found)
    return `${binary} is not installed (apt-get install -y ${binary === 'nc' ? 'netcat-openbsd' : 'socat'})`;
  if (binary === 'nc') {
    const help = spawnSync('nc', ['-h'], { encoding: 'utf8' });
    if (!`${help.stdout}${help.stderr}`.includes('-N')) return 'nc is not the OpenBSD netcat (no -N option)';
  }
  return null;
}

export function runShell(command: string, timeoutMs = 20_000): Promise<PeerResult> {
  // detached: the pipeline gets its own process group, so a timeout stops nc as well as sh.
  const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`"${command}" did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out), stderr, code });
    });
  });
}

/** Runs a small Node script (`node -e`) as a separate peer and resolves with its stdout. */
export function runNodeChild(script: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const child = spawn(process.execPath, ['-e', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node peer did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}
