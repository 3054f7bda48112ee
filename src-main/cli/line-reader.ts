// Reads answers line by line from a terminal or a pipe. Piped lines can arrive long before the
// question is asked (readline's question() would drop them), so lines queue until asked for.
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';

/** Lines typed ahead are kept up to this many; a pipe beyond it is paused until they are read. */
const QUEUED_LINES_MAX = 1000;

export class LineReader {
  private readonly rl: Interface;
  private readonly queued: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private ended = false;
  private interruptHandler: (() => void) | null = null;

  constructor(
    private readonly input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {
    const terminal = input.isTTY === true;
    this.rl = createInterface({ input, output: terminal ? output : undefined, terminal });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.ended = true;
      this.deliver(null);
    });
    // On a terminal readline catches Ctrl-C itself; hand it to whoever asked for it.
    this.rl.on('SIGINT', () => {
      if (this.interruptHandler) this.interruptHandler();
      else this.close();
    });
  }

  /** Ctrl-C while reading from a terminal (default: end input, as if Ctrl-D). */
  onInterrupt(handler: (() => void) | null): void {
    this.interruptHandler = handler;
  }

  /** Prints the question, resolves with the next line, or null once input has ended. */
  ask(question: string): Promise<string | null> {
    this.output.write(question);
    const line = this.queued.shift();
    if (this.queued.length < QUEUED_LINES_MAX / 2) this.rl.resume();
    if (line !== undefined) return Promise.resolve(this.echo(line));
    if (this.ended) return Promise.resolve(this.echo(null));
    return new Promise((resolve) => {
      this.waiting = (l) => resolve(this.echo(l));
    });
  }

  close(): void {
    this.rl.close();
  }

  private deliver(line: string | null): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(line);
    } else if (line !== null) {
      this.queued.push(line);
      if (this.queued.length >= QUEUED_LINES_MAX) this.rl.pause();
    }
  }

  /** A piped answer is not echoed by a terminal; print it so the transcript reads like a session. */
  private echo(line: string | null): string | null {
    if (!this.rl.terminal) this.output.write(line === null ? '\n' : `${line}\n`);
    return line;
  }
}
