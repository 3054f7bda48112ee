// `netlab web --port 0` as a child process, as a student starts browser mode: its URL and token.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
/** A fresh clone builds the renderer first (vite build), which takes a while on a shared box. */
const STARTUP_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 10_000;
const URL_RE = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)#\//;

export interface WebLabProcess {
  origin: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startWebLab(): Promise<WebLabProcess> {
  // BENCH_NODE_FLAGS (e.g. --cpu-prof) reaches browser mode's Node as it reaches the agents.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, 'bin/netlab.cjs', 'web', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output = (output + s).slice(-8000)));
  const match = await new Promise<RegExpExecArray>((resolveMatch, reject) => {
    const timer = setTimeout(
      () => fail(`printed no URL within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    );
    const poll = setInterval(() => {
      const m = URL_RE.exec(output);
      if (m) done(() => resolveMatch(m));
    }, 50);
    const onExit = (code: number | null): void => fail(`exited (${code}) before printing its URL`);
    function done(then: () => void): void {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      then();
    }
    function fail(why: string): void {
      done(() => reject(new Error(`netlab web ${why}: ${output.trim().slice(-500)}`)));
      child.kill('SIGKILL');
    }
    child.once('exit', onExit);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  return { origin: match[1]!, token: match[2]!, pid: child.pid!, stop };
}
