import { describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../src-shared/api.js';
import { planRequest } from '../../src-main/engine/server/reply-plan.js';

const config = ServerConfigSchema.parse({
  proto: 'tcp',
  host: '127.0.0.1',
  port: 0,
  streamLimit: 5,
  fileLimit: 1000,
});
const plan = (s: string | Uint8Array, proto: 'tcp' | 'udp' = 'tcp') =>
  planRequest(typeof s === 'string' ? Buffer.from(s) : s, proto, config);

describe('planRequest', () => {
  it('echo: the reply bytes and their length', () => {
    const p = plan('héllo\n');
    expect(p).toMatchObject({ command: 'echo', text: 'héllo', reply: 'HéLLO', expected: 6, detail: 'héllo' });
    expect(p.plan.kind === 'text' && Buffer.from(p.plan.bytes).toString()).toBe('HéLLO');
  });

  it('file: N chars expected', () => {
    expect(plan('1000')).toMatchObject({
      command: 'file',
      expected: 1000,
      plan: { kind: 'file', chars: 1000 },
    });
  });

  it('stream: capped count in the plan and in the log detail', () => {
    expect(plan('stream-2-8-10')).toMatchObject({
      command: 'stream',
      expected: 50,
      segments: 5,
      detail: 'stream-2-8-10: count capped at 5 (stream limit)',
      plan: { kind: 'stream', intervalMs: 2, count: 5, size: 10, sequenceNumbers: true },
    });
    expect(plan('stream-2-3-10').detail).toBe('stream-2-3-10');
  });

  it('bad: the reply text is the error, the detail shows the request', () => {
    expect(plan('1001')).toMatchObject({
      command: 'bad',
      reply: 'Request for file of 1001 chars. Server limit is: 1000 chars.',
      detail: '1001',
    });
    expect(plan(Uint8Array.from([0x61, 0xff]))).toMatchObject({
      command: 'bad',
      detail: 'not UTF-8 (2 bytes): a\uFFFD',
    });
    expect(plan('x'.repeat(2000)).detail).toMatch(/^over 1024 bytes: x{200}…$/);
  });

  it('UDP segments over 65,507 bytes are bad, TCP ones are not', () => {
    expect(plan('stream-1-1-70000', 'udp').command).toBe('bad');
    // Within the file limit (count × size ≤ fileLimit, docs/protocol.md §8).
    const roomy = { ...config, fileLimit: 1_000_000 };
    expect(planRequest(Buffer.from('stream-1-1-70000'), 'tcp', roomy).command).toBe('stream');
    expect(plan('stream-1-1-70000', 'tcp').command).toBe('bad');
  });

  it('empty: no reply', () => {
    expect(plan(' \r\n')).toMatchObject({ command: null, expected: 0, plan: { kind: 'none' } });
  });
});
