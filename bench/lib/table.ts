// Formats rows as a Markdown table, so the same text reads in a terminal and pastes into README.
import type { BenchRow, Figure } from './result.js';

const HEADER = [
  'scenario',
  'NetLab (median, min–max)',
  'reference (median, min–max)',
  'ratio',
  'target',
  'result',
];

/** Three significant digits, thousands separated: 1234.5 → "1,235", 0.01234 → "0.0123". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(digits, 6));
}

export function formatFigure(f: Figure | null): string {
  if (!f) return '—';
  const head = `${f.label ? `${f.label} ` : ''}${formatNumber(f.median)} ${f.unit}`.trim();
  if (f.n <= 1 || f.min === f.max) return `${head} (n=${f.n})`;
  return `${head} (${formatNumber(f.min)}–${formatNumber(f.max)}, n=${f.n})`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? '—' : `${formatNumber(ratio)}×`;
}

function resultCell(row: BenchRow): string {
  const extra = (row.extra ?? []).map((f) => formatFigure(f));
  const detail = [row.note, ...extra].filter(Boolean).join('; ');
  return detail ? `${row.status}: ${detail}` : row.status;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [HEADER, HEADER.map(() => '---')].map((cells) => `| ${cells.join(' | ')} |`);
  for (const row of rows) {
    const cells = [
      row.scenario,
      formatFigure(row.figure),
      formatFigure(row.reference),
      formatRatio(row.ratio),
      row.target,
      resultCell(row),
    ];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}
