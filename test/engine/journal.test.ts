import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBatcher } from '../../src-main/engine/event-batcher.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import { JOURNAL_END_MARKER, Journal } from '../../src-main/engine/journal.js';
import type { LabEvent } from '../../src-shared/events.js';
import { makeEvent, waitUntil } from './lab-fixtures.js';

const JOURNAL_FLUSH_LIMIT_MS = 1000;

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

describe('Journal', () => {
  let dir: string;
  let journal: Journal | null = null;
  let batcher: EventBatcher | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-journal-test-'));
  });
  afterEach(() => {
    batcher?.close();
    journal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends every event as NDJSON, on disk within a second of the event', async () => {
    const path = join(dir, 'session.ndjson');
    journal = Journal.open(path);
    batcher = new EventBatcher();
    const j = journal;
    batcher.onEvents((b) => j.append(b));
    const recorder = new EventRecorder((e) => batcher!.push(e));
    const detail = 'text with "quotes", commas\nand a newline — ünïcode';
    recorder.emit({ endpoint: 'srv-1', role: 'server', proto: 'tcp', kind: 'listening', detail });
    const tookMs = await waitUntil(() => fileSize(path) > 0, JOURNAL_FLUSH_LIMIT_MS, 'first event on disk');
    expect(tookMs).toBeLessThan(JOURNAL_FLUSH_LIMIT_MS);
    for (let i = 0; i < 99; i++)
      recorder.emit({ endpoint: 'cli-1', role: 'client', proto: 'udp', kind: 'rx', bytes: i });
    await waitUntil(() => j.eventCount === 100, JOURNAL_FLUSH_LIMIT_MS, '100 events on disk');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(100);
    const events = lines.map((l) => JSON.parse(l) as LabEvent);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(events[0]!.detail).toBe(detail);
    expect(statSync(path).size).toBe(j.bytesWritten);
  });

  it('keeps every journal on close, ending it with one end marker line', () => {
    const kept = join(dir, 'kept.ndjson');
    const mine = Journal.open(kept);
    mine.close();
    mine.close();
    expect(existsSync(kept)).toBe(true);
    const lines = readFileSync(kept, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ journal: JOURNAL_END_MARKER, events: 0 });

    const own = Journal.open({ dir: join(dir, 'sessions') });
    expect(own.path).toContain(join(dir, 'sessions'));
    own.append([makeEvent(1)]);
    own.close();
    expect(existsSync(own.path)).toBe(true);
  });

  it('removes a session of its own naming that recorded nothing, so `netlab sessions` lists only real ones', () => {
    const empty = Journal.open({ dir: join(dir, 'sessions') });
    empty.close();
    expect(existsSync(empty.path)).toBe(false);
  });

  it('reports an unwritable path as a LabError', () => {
    const notADir = join(dir, 'plain-file');
    Journal.open(notADir).close();
    expect(() => Journal.open(join(notADir, 'session.ndjson'))).toThrow(
      expect.objectContaining({ code: 'IO_ERROR' }),
    );
  });
});
