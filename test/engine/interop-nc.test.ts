// Real peers nobody here wrote: OpenBSD netcat as a TCP client of our server.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSegmentSequence } from '../../src-shared/protocol/stream-segment.js';
import { ServerHarness, isAllA, splitPrepared } from '../helpers/server-harness.js';
import { peerMissing, runShell } from '../helpers/shell-peer.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

const missing = peerMissing('nc');
if (missing) console.log(`interop-nc skipped: ${missing}`);

describe.skipIf(missing !== null)('nc → NetLab TCP server', () => {
  it("printf 'hello\\n' | nc -N 127.0.0.1 P → HELLO", async () => {
    const s = await harness.start('tcp');
    const r = await runShell(`printf 'hello\\n' | nc -N 127.0.0.1 ${s.port}`);
    expect(r.stdout.toString()).toBe('HELLO');
    expect(r.code).toBe(0);
  });

  it("printf '1000000\\n' | nc -N … → file_prepared + 1,000,000 bytes", async () => {
    const s = await harness.start('tcp');
    const r = await runShell(`printf '1000000\\n' | nc -N 127.0.0.1 ${s.port}`);
    const { prepared, payload } = splitPrepared(r.stdout);
    expect(prepared).toBe(true);
    expect(payload.length).toBe(1_000_000);
    expect(isAllA(payload)).toBe(true);
  });

  it('the largest file (123,456,789 characters) arrives whole', async () => {
    const s = await harness.start('tcp');
    const r = await runShell(`printf '123456789\\n' | nc -N 127.0.0.1 ${s.port} | wc -c`, 60_000);
    expect(Number(r.stdout.toString().trim())).toBe(123_456_789 + 13);
  });

  it('a stream, numbered and counting down', async () => {
    const s = await harness.start('tcp');
    const r = await runShell(`printf 'stream-1-10-10\\n' | nc -N 127.0.0.1 ${s.port}`);
    expect(r.stdout.length).toBe(100);
    const seqs = Array.from({ length: 10 }, (_, i) =>
      parseSegmentSequence(r.stdout.subarray(i * 10, i * 10 + 10)),
    );
    expect(seqs).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('a bad request gets its classic reply text', async () => {
    const s = await harness.start('tcp');
    const r = await runShell(`printf 'stream-10-0-5\\n' | nc -N 127.0.0.1 ${s.port}`);
    expect(r.stdout.toString()).toBe(
      'Request for transfer of 0 segments at interval: 10, of size: 5 has errors.',
    );
  });

  it('over IPv6: nc -N ::1 P', async () => {
    const s = await harness.start('tcp', '::1');
    expect((await runShell(`printf 'hello\\n' | nc -N ::1 ${s.port}`)).stdout.toString()).toBe('HELLO');
  });

  it('without -N (nc keeps its side open): the newline ends the request, our FIN ends nc', async () => {
    const s = await harness.start('tcp');
    expect((await runShell(`printf 'hello\\n' | nc 127.0.0.1 ${s.port}`)).stdout.toString()).toBe('HELLO');
  });
});
