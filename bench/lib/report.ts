// bench/results/latest.json: every row with its runs, the machine, and how the bench was run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadReport } from './load.js';
import type { MachineInfo } from './machine.js';
import type { BenchRow, Figure } from './result.js';

export interface JsonFigure {
  name: string;
  unit: string;
  median: number | null;
  min: number | null;
  max: number | null;
  runs: number[];
}

export interface JsonRow {
  scenario: string;
  /** NetLab's figure (name is the row's scenario when the figure has no label of its own). */
  figure: JsonFigure | null;
  reference: JsonFigure | null;
  ratio: number | null;
  target: string;
  status: string;
  note: string;
  extra: JsonFigure[];
}

export interface BenchReport {
  date: string;
  command: string;
  quick: boolean;
  runs: number;
  durationS: number;
  machine: MachineInfo;
  load: LoadReport;
  rows: JsonRow[];
}

/** JSON has no NaN: an unmeasured number is null. */
function num(n: number | null | undefined): number | null {
  return n === null || n === undefined || !Number.isFinite(n) ? null : n;
}

function jsonFigure(f: Figure | null, fallbackName: string): JsonFigure | null {
  if (!f) return null;
  return {
    name: f.label || fallbackName,
    unit: f.unit,
    median: num(f.median),
    min: num(f.min),
    max: num(f.max),
    runs: f.runs,
  };
}

export function toJsonRow(row: BenchRow): JsonRow {
  return {
    scenario: row.scenario,
    figure: jsonFigure(row.figure, 'NetLab'),
    reference: jsonFigure(row.reference, 'reference'),
    ratio: num(row.ratio),
    target: row.target,
    status: row.status,
    note: row.note,
    extra: (row.extra ?? []).flatMap((e) => jsonFigure(e, '') ?? []),
  };
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
