// Number formats used across the views, under the names the components know. The formatters
// themselves live in src-shared/format/numbers.ts, so the views, the CLI and the engine's details
// print the same numbers the same way.
export {
  formatBitRate as fmtBits,
  formatBytes as fmtBytes,
  formatCount as fmtInt,
  formatDuration as fmtMs,
  formatPercent as fmtPercent,
  formatRate as fmtRate,
} from '../../src-shared/format/numbers.js';
