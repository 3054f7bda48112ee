// The desktop app's "Recover Last Session" decisions: an unclean session is offered once.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/sessions.js';
import {
  describeUnclean,
  readOfferedIds,
  recoveredCsvName,
  rememberOffered,
  shouldOfferAtStart,
} from '../../src-main/electron/main/recovery-offer.js';

const SESSION: SessionInfo = {
  id: 'netlab-session-20261125-161530-4242-ab12',
  path: '/x/netlab-session-20261125-161530-4242-ab12.ndjson',
  startedAt: '2026-11-25T16:15:30.000Z',
  endedAt: '2026-11-25T16:20:00.000Z',
  endpoints: ['srv-1 server tcp 127.0.0.1:8120'],
  events: 1234,
  exchanges: 5,
  bytes: 4096,
  state: 'unclean',
  capped: false,
};

describe('recovery offer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netlab-recovery-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('offers an unclean session once, never a clean one or none', () => {
    const file = path.join(dir, 'recovery-offered.json');
    expect(readOfferedIds(file)).toEqual([]);
    expect(shouldOfferAtStart(SESSION, readOfferedIds(file))).toBe(true);
    rememberOffered(file, readOfferedIds(file), SESSION.id);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(shouldOfferAtStart(SESSION, readOfferedIds(file))).toBe(false);
    expect(shouldOfferAtStart({ ...SESSION, state: 'clean' }, [])).toBe(false);
    expect(shouldOfferAtStart(null, [])).toBe(false);
  });

  it('names the CSV after the session and says what was kept', () => {
    expect(recoveredCsvName(SESSION)).toBe('netlab-recovered-20261125-161530.csv');
    const text = describeUnclean(SESSION);
    expect(text.message).toMatch(/did not close cleanly/);
    expect(text.detail).toMatch(/1,234 events, 5 exchanges.*File ▸ Recover Last Session…/);
  });
});
