// Which earlier session the desktop app offers back, decided without Electron: at start-up, the
// newest finished session if it did not end cleanly and was not offered before (offered once);
// from the menu, the newest finished session whatever its state.
import { readFileSync, writeFileSync } from 'node:fs';
import type { SessionInfo } from '../../../src-shared/sessions.js';

/** At most this many ids are remembered as offered (the folder keeps fewer sessions anyway). */
const OFFERED_IDS_MAX = 50;

export function shouldOfferAtStart(
  last: SessionInfo | null,
  offered: readonly string[],
): last is SessionInfo {
  return last !== null && last.state === 'unclean' && !offered.includes(last.id);
}

export function readOfferedIds(file: string): string[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(data) ? data.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberOffered(file: string, offered: readonly string[], id: string): void {
  const next = [...offered.filter((x) => x !== id), id].slice(-OFFERED_IDS_MAX);
  writeFileSync(file, `${JSON.stringify(next)}\n`, { mode: 0o600 });
}

/** `netlab-recovered-20261125-161530.csv` from the session's id. */
export function recoveredCsvName(session: SessionInfo): string {
  const stamp = /(\d{8}-\d{6})/.exec(session.id)?.[1] ?? 'session';
  return `netlab-recovered-${stamp}.csv`;
}

/** The question the start-up offer asks, in the student's terms. */
export function describeUnclean(session: SessionInfo): { message: string; detail: string } {
  const when = new Date(session.startedAt).toLocaleString();
  return {
    message: 'NetLab did not close cleanly last time.',
    detail:
      `The session started ${when} (${session.events.toLocaleString('en-US')} events, ` +
      `${session.exchanges.toLocaleString('en-US')} exchanges) was cut off; everything up to about a second ` +
      'before the end was kept. Export it as CSV now? You can also do it later with File ▸ Recover Last Session….',
  };
}
