// Many peers at once: one slow or vanished peer never stalls the others.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerHarness, isAllA, splitPrepared } from '../helpers/server-harness.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

describe('TCP server: concurrency', () => {
  it('50 concurrent file requests all arrive exact', async () => {
    const s = await harness.start('tcp');
    const sizes = Array.from({ length: 50 }, (_, i) => 100_000 + i * 7_919);
    const replies = await Promise.all(
      sizes.map((n) => harness.tcpRequest('127.0.0.1', s.port, [`${n}\n`], { timeoutMs: 30_000 })),
    );
    replies.forEach((reply, i) => {
      const { prepared, payload } = splitPrepared(reply);
      expect(prepared).toBe(true);
      expect(payload.length).toBe(sizes[i]);
      expect(isAllA(payload)).toBe(true);
    });
    await s.log.summary(49);
    const summaries = s.log.ofKind('summary').map((e) => e.summary!);
    expect(summaries.every((x) => x.end === 'done' && x.lost === 0)).toBe(true);
    expect(new Set(summaries.map((x) => x.exchange)).size).toBe(50);
  });

  it('a client that disconnects mid-file is logged while another is served fully', async () => {
    const s = await harness.start('tcp');
    const quitter = harness.track(connect({ host: '127.0.0.1', port: s.port }));
    quitter.on('error', () => undefined);
    let received = 0;
    const quit = new Promise<void>((resolve) => {
      quitter.on('data', (d: Buffer) => {
        received += d.length;
        if (received >= 1_000_000 && !quitter.destroyed) {
          quitter.destroy();
          resolve();
        }
      });
    });
    quitter.write('50000000\n');
    const whole = harness.tcpRequest('127.0.0.1', s.port, ['5000000\n'], { timeoutMs: 30_000 });
    await quit;
    expect(splitPrepared(await whole).payload.length).toBe(5_000_000);

    const failed = await s.log.waitFor(
      (e) => e.kind === 'summary' && e.summary!.end === 'error',
      'the quitter’s summary',
    );
    expect(failed.summary).toMatchObject({ command: 'file', expected: 50_000_000 });
    expect(failed.summary!.bytes).toBeLessThan(50_000_000);
    expect(failed.summary!.error?.code).toMatch(/CONNECTION_RESET|IO_ERROR/);
    const error = s.log.ofKind('error', failed.exchange!)[0]!;
    expect(error.detail).toMatch(/^peer vanished after \d+ of 50000000 bytes: /);
    expect(await harness.tcpRequest('127.0.0.1', s.port, ['after\n']).then(String)).toBe('AFTER');
  });

  it('a client that stops reading does not hold up anyone else', async () => {
    const s = await harness.start('tcp');
    const stalled = harness.track(connect({ host: '127.0.0.1', port: s.port }));
    stalled.on('error', () => undefined);
    stalled.write('100000000\n');
    stalled.pause();
    // Wait until the server is blocked on this peer's full buffers: its writes have stopped.
    await s.log.waitFor((e) => e.kind === 'tx', 'first write to the stalled peer');
    const others = await Promise.all([
      harness.tcpRequest('127.0.0.1', s.port, ['echo me\n']),
      harness.tcpRequest('127.0.0.1', s.port, ['2000000\n']),
      harness.tcpRequest('127.0.0.1', s.port, ['stream-1-10-10\n']),
    ]);
    expect(others[0]!.toString()).toBe('ECHO ME');
    expect(splitPrepared(others[1]!).payload.length).toBe(2_000_000);
    expect(others[2]!.length).toBe(100);
    const stalledExchange = s.log.ofKind('accept')[0]!.exchange!;
    expect(s.log.ofKind('summary', stalledExchange)).toHaveLength(0); // still waiting on its reader
  });
});

describe('UDP server: concurrency', () => {
  it('serves concurrent file transfers to different peers, each complete', async () => {
    const s = await harness.start('udp');
    const sizes = [3_000_000, 2_000_000, 1_000_000];
    const results = await Promise.all(
      sizes.map((n) => harness.udpRequest('127.0.0.1', s.port, String(n), { payloadBytes: n })),
    );
    results.forEach((datagrams, i) => {
      expect(datagrams[0]!.toString()).toBe('file_prepared');
      expect(datagrams.slice(1).reduce((n, d) => n + d.length, 0)).toBe(sizes[i]);
    });
  });

  it('answers a new peer while a long transfer to another is under way', async () => {
    const s = await harness.start('udp');
    const big = await harness.udpSocket('127.0.0.1');
    big.send('100000000', s.port, '127.0.0.1');
    await s.log.waitFor((e) => e.kind === 'tx', 'the long transfer to start');
    const [reply] = await harness.udpRequest('127.0.0.1', s.port, 'quick');
    expect(reply!.toString()).toBe('QUICK');
    const summaries = s.log.ofKind('summary');
    expect(summaries.map((e) => e.summary!.command)).toEqual(['echo']); // the file is still going
  });
});
