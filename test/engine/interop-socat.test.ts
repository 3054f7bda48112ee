// Real peers nobody here wrote: socat as a UDP (and TCP) client of our servers.
import { afterEach, describe, expect, it } from 'vitest';
import { ServerHarness } from '../helpers/server-harness.js';
import { peerMissing, runShell } from '../helpers/shell-peer.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

const missing = peerMissing('socat');
if (missing) console.log(`interop-socat skipped: ${missing}`);

describe.skipIf(missing !== null)('socat → NetLab servers', () => {
  it('echo hi | socat - UDP:127.0.0.1:P → HI', async () => {
    const s = await harness.start('udp');
    const r = await runShell(`echo hi | socat - UDP:127.0.0.1:${s.port}`);
    expect(r.stdout.toString()).toBe('HI');
    expect(r.code).toBe(0);
  });

  it('echo hi | socat - UDP6:[::1]:P → HI', async () => {
    const s = await harness.start('udp', '::1');
    expect((await runShell(`echo hi | socat - UDP6:[::1]:${s.port}`)).stdout.toString()).toBe('HI');
  });

  it('a small UDP file: file_prepared, then the payload', async () => {
    const s = await harness.start('udp');
    const r = await runShell(`echo 5000 | socat -t 1 - UDP:127.0.0.1:${s.port}`);
    expect(r.stdout.toString()).toBe(`file_prepared${'A'.repeat(5000)}`);
  });

  it('a UDP stream', async () => {
    const s = await harness.start('udp');
    const r = await runShell(`echo stream-1-3-4 | socat -t 1 - UDP:127.0.0.1:${s.port}`);
    expect(r.stdout.toString()).toBe('3AAA2AAA1AAA');
  });

  it('a bad UDP request gets its reply text', async () => {
    const s = await harness.start('udp');
    const r = await runShell(`echo 0 | socat - UDP:127.0.0.1:${s.port}`);
    expect(r.stdout.toString()).toBe('Request for file of 0 chars. File size must be at least 1 char.');
  });

  it('echo hello | socat - TCP:127.0.0.1:P → HELLO', async () => {
    const s = await harness.start('tcp');
    expect((await runShell(`echo hello | socat - TCP:127.0.0.1:${s.port}`)).stdout.toString()).toBe('HELLO');
  });
});
