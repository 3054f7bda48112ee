// What every scenario gets from the runner, and what it gives back.
import type { BenchRow } from './result.js';
import type { ToolSet } from './tools.js';

export interface BenchContext {
  quick: boolean;
  /** Runs per scenario (several, so a median and min–max mean something). */
  runs: number;
  /** Runs for the slow scenarios (big UDP file, pacing, pipeline, CSV, browser): fewer. */
  heavyRuns: number;
  tools: ToolSet;
  /** Scratch folder for payload files and journals, removed at the end. */
  tmpDir: string;
  log(line: string): void;
}

export interface RowSpec {
  title: string;
  target: string;
}

export interface Scenario {
  /** For `--only`: a short kebab-case name. */
  id: string;
  /** The rows this scenario prints, so a crash still prints every one of them as broken. */
  rows: readonly RowSpec[];
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
