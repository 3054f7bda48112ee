// Session journals as every face describes them: the limits with their units, and one listed
// session. Pure: the engine reads the files, the CLI and the desktop app show these records.

/** A session journal stops recording per-packet events past this size (bytes). */
export const JOURNAL_MAX_BYTES_DEFAULT = 256 * 1024 * 1024;
/** Automatic pruning at start-up keeps at most this many finished sessions… */
export const SESSIONS_KEEP_MAX_COUNT = 20;
/** …none older than this (ms)… */
export const SESSIONS_KEEP_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
/** …and at most this many bytes of them in all. */
export const SESSIONS_KEEP_MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

/** Event kinds that are one packet each: past the size cap they are summarised per exchange. */
export const PER_PACKET_EVENT_KINDS = ['tx', 'rx', 'drop', 'dup', 'delay'] as const;

/** How a session's journal ended: written to the end, still being written, or cut off. */
export type SessionState = 'clean' | 'running' | 'unclean';

export interface SessionInfo {
  /** The journal's file name without `.ndjson`, e.g. `netlab-session-20261125-161530-4242-ab12`. */
  id: string;
  path: string;
  /** Wall-clock time of the first event (or the file's creation when empty), ISO 8601. */
  startedAt: string;
  /** Wall-clock time of the last event, ISO 8601 (null when empty). */
  endedAt: string | null;
  /** `srv-1 tcp 127.0.0.1:8120`, one per endpoint that appears in the journal. */
  endpoints: string[];
  events: number;
  exchanges: number;
  bytes: number;
  state: SessionState;
  /** The per-packet size cap was reached: some packet events are summarised. */
  capped: boolean;
}
