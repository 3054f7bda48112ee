// Real peers nobody here wrote, through the link: nc over TCP, socat over UDP and TCP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { peerMissing, runShell } from '../../helpers/shell-peer.js';
import { LinkLab, ok } from './link-helpers.js';

let t: LinkLab;
beforeEach(async () => {
  t = await LinkLab.create();
});
afterEach(() => t.close());

async function linkTo(proto: 'tcp' | 'udp', conditions = {}): Promise<number> {
  const server = await t.server(proto);
  const link = ok(
    await t.lab.startLink({
      proto,
      listenHost: '127.0.0.1',
      listenPort: 0,
      targetHost: '127.0.0.1',
      targetPort: server.port!,
      conditions,
    }),
  );
  return link.port!;
}

const noNc = peerMissing('nc');
const noSocat = peerMissing('socat');

describe.skipIf(noNc !== null)('nc through the link', () => {
  it("printf 'hello\\n' | nc -N → HELLO, with 20 ms each way", async () => {
    const port = await linkTo('tcp', { upstream: { delayMs: 20 }, downstream: { delayMs: 20 } });
    const started = performance.now();
    const r = await runShell(`printf 'hello\\n' | nc -N 127.0.0.1 ${port}`);
    expect(r.stdout.toString()).toBe('HELLO');
    expect(performance.now() - started).toBeGreaterThan(40);
  });

  it('a 1,000,000-char file arrives whole through the slicer', async () => {
    const port = await linkTo('tcp', { downstream: { sliceBytes: 1000, sliceVarBytes: 500 } });
    const r = await runShell(`printf '1000000\\n' | nc -N 127.0.0.1 ${port} | wc -c`);
    expect(Number(r.stdout.toString().trim())).toBe(1_000_000 + 13);
  });
});

describe.skipIf(noSocat !== null)('socat through the link', () => {
  it('echo hi | socat - UDP:… → HI', async () => {
    const port = await linkTo('udp', { downstream: { delayMs: 5 } });
    expect((await runShell(`echo hi | socat - UDP:127.0.0.1:${port}`)).stdout.toString()).toBe('HI');
  });

  it('a UDP stream through 50 % seeded loss: socat receives what the link did not drop', async () => {
    const port = await linkTo('udp', { seed: 42, downstream: { lossPct: 50 } });
    const r = await runShell(`echo stream-1-40-5 | socat -t 1 - UDP:127.0.0.1:${port}`);
    const got = r.stdout.length / 5;
    expect(got).toBeGreaterThan(5);
    expect(got).toBeLessThan(35);
  });

  it('echo hello | socat - TCP:… → HELLO', async () => {
    const port = await linkTo('tcp');
    expect((await runShell(`echo hello | socat - TCP:127.0.0.1:${port}`)).stdout.toString()).toBe('HELLO');
  });
});
