// Child processes with hard time limits: a hung reference tool or child ends the run, never hangs it.
import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit, ms. */
  ms: number;
}

export interface RunOptions {
  timeoutMs: number;
  stdin?: 'ignore' | number;
  /** Discard stdout (e.g. nc's payload), so collecting it costs nothing. */
  discardStdout?: boolean;
}

export function runProcess(cmd: string, args: readonly string[], opts: RunOptions): Promise<ProcessResult> {
  const stdio: StdioOptions = [opts.stdin ?? 'ignore', opts.discardStdout ? 'ignore' : 'pipe', 'pipe'];
  const started = performance.now();
  const child = spawn(cmd, args, { stdio });
  return collect(child, started, opts.timeoutMs, `${cmd} ${args.join(' ')}`);
}

/** Waits for an already spawned child, killing it after `timeoutMs`. */
export function collect(
  child: ChildProcess,
  started: number,
  timeoutMs: number,
  what: string,
): Promise<ProcessResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what}: no exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** A port that was free a moment ago (for tools that cannot listen on port 0 and report it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** True when some process listens on 127.0.0.1:port (TCP), read from /proc/net/tcp without connecting. */
export function isListening(port: number): boolean {
  let table: string;
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return false;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  // Columns: sl local_address rem_address st …; state 0A is LISTEN.
  return table.split('\n').some((line) => {
    const cols = line.trim().split(/\s+/);
    return cols[1]?.endsWith(`:${hexPort}`) === true && cols[3] === '0A';
  });
}

/**
 * Polls until a tool listens. Connecting to probe would use up a one-shot listener (nc -l,
 * iperf3 -1), so this reads the kernel's socket table instead.
 */
export async function waitForListening(port: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!isListening(port)) {
    if (performance.now() > deadline)
      throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
