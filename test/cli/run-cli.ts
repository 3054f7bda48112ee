// Spawns the real `netlab` command (node bin/netlab.cjs) for the CLI tests.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'netlab.cjs');
const WAIT_LIMIT_MS = 30_000;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<CliResult>;

  constructor(args: string[], input?: string) {
    this.child = spawn(process.execPath, [BIN, ...args], {
      stdio: 'pipe',
      env: { ...process.env, NO_COLOR: '1' },
    });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) =>
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr }),
      );
    });
    if (input !== undefined) this.child.stdin.end(input);
  }

  /** Resolves with the first match of `re` on stdout; fails after a bounded wait or if the process exits. */
  waitFor(re: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = re.exec(this.stdout);
        if (!m) return false;
        cleanup();
        resolve(m);
        return true;
      };
      const onExit = (): void => {
        if (check()) return;
        cleanup();
        reject(new Error(`exited before ${re}; stdout: ${this.stdout} stderr: ${this.stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`no ${re} within ${WAIT_LIMIT_MS} ms; stdout: ${this.stdout} stderr: ${this.stderr}`),
        );
      }, WAIT_LIMIT_MS);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout.off('data', check);
        this.child.off('close', onExit);
      };
      this.child.stdout.on('data', check);
      this.child.on('close', onExit);
      check();
    });
  }

  /** Resolves when the process has exited (killed after a bounded wait). */
  done(): Promise<CliResult> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), WAIT_LIMIT_MS);
    return this.exited.finally(() => clearTimeout(timer));
  }

  async stop(): Promise<CliResult> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.done();
  }
}

export function runCli(args: string[], input = ''): Promise<CliResult> {
  return new CliProcess(args, input).done();
}
