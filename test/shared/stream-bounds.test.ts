// NetLab's stream bounds (docs/protocol.md §8) in the classifier: each attack refused with its line.
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src-shared/protocol/classify.js';
import { badStreamReply } from '../../src-shared/protocol/replies.js';

const tcp = { proto: 'tcp' } as const;

describe('classifyText: stream bounds', () => {
  it('an interval over one hour is a bad stream (classic wording)', () => {
    expect(classifyText('stream-3000000000-3-5', tcp)).toMatchObject({
      kind: 'bad',
      reason: 'bad-stream',
      reply: badStreamReply('3', '3000000000', '5'),
    });
    expect(classifyText('stream-3600000-1-5', tcp).kind).toBe('stream');
    expect(classifyText('stream-3600000.5-1-5', tcp).kind).toBe('bad');
  });

  it('a segment over 64 MiB is a bad stream on TCP too, so the expected bytes stay a safe integer', () => {
    expect(classifyText('stream-0-10001-9007199254740991', tcp)).toMatchObject({
      kind: 'bad',
      reason: 'bad-stream',
      reply: 'Request for transfer of 10001 segments at interval: 0, of size: 9007199254740991 has errors.',
    });
    expect(classifyText(`stream-0-1-${64 * 1024 * 1024 + 1}`, { ...tcp, fileLimit: 1e12 }).kind).toBe('bad');
    expect(classifyText(`stream-0-1-${64 * 1024 * 1024}`, { ...tcp, fileLimit: 1e12 }).kind).toBe('stream');
  });

  it('count × interval over the duration limit is refused, naming the limit', () => {
    expect(classifyText('stream-3600000-10001-1', tcp)).toMatchObject({
      kind: 'bad',
      reason: 'stream-too-long',
      reply: 'Request for transfer of 10001 segments at interval: 3600000 lasts too long. Server limit is: 3600 s.',
    });
    // The capped count is what would be sent: 20,000 asked, 10,001 sent, 10,001 × 350 ms ≤ 1 h.
    expect(classifyText('stream-350-20000-1', tcp)).toMatchObject({ kind: 'stream', count: 10_001 });
    expect(classifyText('stream-10-100-1', { ...tcp, streamMaxDurationMs: 999 }).kind).toBe('bad');
    expect(classifyText('stream-10-100-1', { ...tcp, streamMaxDurationMs: 1000 }).kind).toBe('stream');
  });

  it('count × size over the file limit is refused, naming the limit', () => {
    expect(classifyText('stream-0-10001-65507', { proto: 'udp' })).toMatchObject({
      kind: 'bad',
      reason: 'stream-too-large',
      reply: 'Request for transfer of 10001 segments of size: 65507 is 655135507 bytes. Server limit is: 123456789 bytes.',
    });
    expect(classifyText('stream-0-1000-1000', { ...tcp, fileLimit: 1_000_000 }).kind).toBe('stream');
    expect(classifyText('stream-0-1000-1001', { ...tcp, fileLimit: 1_000_000 }).kind).toBe('bad');
  });

  it('classic requests are unchanged', () => {
    expect(classifyText('stream-10.0-1000-1024', tcp)).toMatchObject({ kind: 'stream', count: 1000, size: 1024 });
    expect(classifyText('stream-1e400-1-1', tcp).kind).toBe('bad');
  });
});
