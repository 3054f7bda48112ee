// @vitest-environment happy-dom
// A student reads the same sentence in the terminal and the window: the panel's headline, the
// CLI's first summary line and the start of the engine's summary detail are one string.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatClientSummary } from '../../src-main/cli/format.js';
import { SummaryPanel } from '../../src-renderer/components/summary-panel.js';
import { describeEnding } from '../../src-shared/endings.js';
import { describeSummary } from '../../src-shared/format/summary.js';
import { TCP_FILE, UDP_STREAM } from '../helpers/summaries.js';

afterEach(cleanup);

describe.each([
  ['TCP file', TCP_FILE],
  ['UDP stream', UDP_STREAM],
  ['cut short', { ...TCP_FILE, end: 'short' as const, bytes: 700_000, lost: 300_000, error: { code: 'CUT_SHORT', message: 'the server closed after 700,000 of 1,000,000 bytes' } }],
])('%s', (_name, s) => {
  it('one headline in the engine detail, the CLI and the panel', () => {
    const cli = formatClientSummary(s).split('\n');
    render(<SummaryPanel summary={s} />);
    const panel = screen.getByRole('region', { name: 'Summary' }).querySelector('.summary-sentence')!.textContent;
    expect(panel).toBe(cli[0]);
    expect(describeSummary(s).startsWith(`${cli[0]!}; `)).toBe(true);
  });

  it('one ending: the CLI "ended:" line and the detail say the same', () => {
    const cli = formatClientSummary(s).split('\n');
    expect(cli).toContain(`  ended: ${describeEnding(s)}`);
    expect(describeSummary(s).endsWith(`ended: ${describeEnding(s)}`)).toBe(true);
  });
});
