// The journal encodes lines into one reused write buffer: lines that do not fit the space left,
// lines larger than the whole buffer, and multi-byte text must all come out whole and in order.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import { JOURNAL_WRITE_BUFFER_BYTES, Journal } from '../../src-main/engine/journal.js';
import type { LabEvent } from '../../src-shared/events.js';

describe('Journal write buffer', () => {
  let dir: string;
  let journal: Journal | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-journal-buffer-'));
  });
  afterEach(() => {
    journal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes batches larger than the buffer, oversized lines and UTF-8 exactly', () => {
    const path = join(dir, 'session.ndjson');
    journal = Journal.open(path);
    const batch: LabEvent[] = [];
    const recorder = new EventRecorder((e) => batch.push(e));
    const huge = 'é'.repeat(JOURNAL_WRITE_BUFFER_BYTES / 2);
    for (let i = 0; i < 5000; i++) {
      const detail = i === 2500 ? huge : `read ${i}: ünïcode — “quotes”, commas\nnewline`;
      recorder.emit({ endpoint: 'cli-1', role: 'client', proto: 'udp', kind: 'rx', bytes: i, detail });
    }
    journal.append(batch);
    journal.append(batch.slice(0, 3));
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(5003);
    expect(lines.map((l) => JSON.parse(l) as LabEvent)).toEqual([...batch, ...batch.slice(0, 3)]);
    expect(journal.bytesWritten).toBe(statSync(path).size);
    expect(journal.eventCount).toBe(5003);
  });
});
