// 1,000 concurrent TCP clients, every one exact, under the default bounds: connected from 20
// loopback addresses (50 each, under the per-host cap), all open at once (exactly maxConnections),
// then every request sent together. The test opens 2,000 sockets (both ends); the default soft
// limit of 1,024 descriptors is too few, so it skips unless `ulimit -n` allows ≥ 4,096.
import { afterEach, describe, expect, it } from 'vitest';
import { TCP_MAX_CONNECTIONS_DEFAULT } from '../../src-shared/protocol/server-limits.js';
import type { IdleSocket } from '../helpers/bounds-helpers.js';
import { LOOPBACK_ALIASES_WORK, fdLimit, idleConnection, loopbackAlias, waitForCount, whenSettled } from '../helpers/bounds-helpers.js';
import { ServerHarness } from '../helpers/server-harness.js';

const CLIENTS = TCP_MAX_CONNECTIONS_DEFAULT;
const WAVE = 250;

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

describe.skipIf(!LOOPBACK_ALIASES_WORK || fdLimit() < 4096)('TCP server: 1,000 concurrent clients', () => {
  it('every file and echo reply exact, none refused', async () => {
    const s = await harness.start('tcp');
    const conns: IdleSocket[] = [];
    // Connected in waves: the listen backlog (511) would otherwise drop SYNs and retry them later.
    for (let wave = 0; wave < CLIENTS / WAVE; wave++) {
      const batch = Array.from({ length: WAVE }, (_, i) => idleConnection(harness, s.port, loopbackAlias(wave * WAVE + i, 20)));
      conns.push(...batch);
      expect((await Promise.all(batch.map((c) => c.connected))).filter((e) => e !== null)).toEqual([]);
    }
    await waitForCount(s.log, (e) => e.kind === 'accept', CLIENTS, 'accept');
    const requests = conns.map((_, i) => (i % 4 === 3 ? `echo number ${i}` : String(20_000 + i)));
    conns.forEach((c, i) => c.socket.end(`${requests[i]}\n`));
    await whenSettled(conns.map((c) => c.closed), CLIENTS, 60_000, 'replies');
    const replies = await Promise.all(conns.map((c) => c.closed));
    const wrong = replies
      .map((reply, i) => {
        const want = i % 4 === 3 ? requests[i]!.toUpperCase() : `file_prepared${'A'.repeat(20_000 + i)}`;
        return reply === want ? null : `#${i}: ${reply.length} bytes`;
      })
      .filter((x) => x !== null);
    expect(wrong).toEqual([]);
    await waitForCount(s.log, (e) => e.kind === 'summary', CLIENTS, 'summary');
    const summaries = s.log.ofKind('summary').map((e) => e.summary!);
    expect(summaries.filter((x) => x.end !== 'done' || x.error !== null)).toEqual([]);
  }, 90_000);
});
