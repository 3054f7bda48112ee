// A reference tool measured run by run beside NetLab. A tool that fails (not installed, bad
// exit) costs only its own row, marked "not run" with the reason; NetLab's figure still stands.
import type { Tool } from './tools.js';
import { figure, metOrMissed, ratioOf } from './result.js';
import type { BenchRow, Figure } from './result.js';

export class ReferenceRuns {
  readonly runs: number[] = [];
  failure: string | null;

  constructor(
    readonly name: string,
    readonly unit: string,
    private readonly tool: Tool,
  ) {
    this.failure = tool.path ? null : tool.reason;
  }

  /** Measures once, unless the tool is missing or already failed; never throws. */
  async measure(body: (toolPath: string) => Promise<number>): Promise<void> {
    if (this.failure !== null || !this.tool.path) return;
    try {
      this.runs.push(await body(this.tool.path));
    } catch (err) {
      this.failure = `${this.name} failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  get last(): string {
    return this.runs.length > 0 ? this.runs.at(-1)!.toFixed(0) : '—';
  }

  /** NetLab's figure ÷ this reference, met when the ratio is at least `minRatio`. */
  ratioRow(scenario: string, target: string, mine: Figure, minRatio: number): BenchRow {
    if (this.failure !== null || this.runs.length === 0) {
      const reason = this.failure ?? `${this.name} did not run`;
      return {
        scenario,
        figure: mine,
        reference: null,
        ratio: null,
        target,
        status: 'not run',
        note: reason,
      };
    }
    const reference = figure(this.name, this.unit, this.runs);
    const ratio = ratioOf(mine, reference);
    return {
      scenario,
      figure: mine,
      reference,
      ratio,
      target,
      status: metOrMissed((ratio ?? 0) >= minRatio),
      note: '',
    };
  }
}
