// Matching both ends of an exchange from events alone: by address pair, through a link by its
// upstream address, a reused client socket, order pairing around the link's drops, and bounds.
import { describe, expect, it } from 'vitest';
import { BOTH_ENDS_MAX_EXCHANGES, BOTH_ENDS_MAX_POINTS, BothEnds } from '../../src-shared/both-ends.js';
import type { LabEvent } from '../../src-shared/events.js';

const CLIENT = '127.0.0.1:50001';
const SERVER = '127.0.0.1:8120';
const LINK = '127.0.0.1:40000';

function ev(p: Partial<LabEvent> & Pick<LabEvent, 'role' | 'kind' | 't' | 'exchange'>): LabEvent {
  return {
    seq: 0, time: '', endpoint: p.role, proto: 'udp', command: 'stream', local: '', remote: '',
    bytes: null, segment: null, detail: '', ...p,
  };
}
const tx = (x: string, t: number, segment: number | null, remote = CLIENT, bytes = 100) =>
  ev({ role: 'server', kind: 'tx', t, exchange: x, local: SERVER, remote, bytes, segment });
const rx = (x: string, t: number, segment: number | null, remote = SERVER, bytes = 100) =>
  ev({ role: 'client', kind: 'rx', t, exchange: x, local: CLIENT, remote, bytes, segment });

describe('BothEnds', () => {
  it('matches server and client by address pair and pairs segments by number', () => {
    const b = new BothEnds();
    b.feed([
      ev({ role: 'client', kind: 'request', t: 0, exchange: 'c1', local: CLIENT, remote: SERVER }),
      ev({ role: 'server', kind: 'request', t: 0.1, exchange: 's1', local: SERVER, remote: '127.0.0.1:59999' }),
      tx('s9', 0.2, 3, '127.0.0.1:59999'), // another client's exchange: not ours
      ev({ role: 'server', kind: 'request', t: 0.2, exchange: 's2', local: SERVER, remote: CLIENT }),
      tx('s2', 1, 3), tx('s2', 2, 2), tx('s2', 3, 1),
      rx('c1', 1.5, 3), rx('c1', 3.25, 1),
      ev({ role: 'client', kind: 'summary', t: 4, exchange: 'c1', local: CLIENT, remote: SERVER, summary: {} as never }),
    ]);
    const v = b.view('c1')!;
    expect(v.server).toBe('s2');
    expect(v.matchedBy).toBe('sequence');
    expect(v.points.map((p) => [p.key, p.delayMs])).toEqual([[3, 0.5], [1, 0.25]]);
    expect(v.missing).toEqual([{ t: 2, segment: 2 }]);
    expect(v.delay).toMatchObject({ min: 0.25, max: 0.5, count: 2 });
  });

  it('through a link: client ↔ link by the link’s remote, link ↔ server by its upstream port', () => {
    const b = new BothEnds();
    const link = (kind: LabEvent['kind'], t: number, extra: Partial<LabEvent> = {}) =>
      ev({ role: 'link', kind, t, exchange: 'l1', local: LINK, remote: CLIENT, ...extra });
    b.feed([
      ev({ role: 'client', kind: 'request', t: 0, exchange: 'c1', local: CLIENT, remote: LINK, command: 'file' }),
      link('accept', 0.1),
      link('connect', 0.1, { detail: `upstream socket to ${SERVER} from port 50500` }),
      ev({ role: 'server', kind: 'request', t: 0.2, exchange: 's1', local: SERVER, remote: '127.0.0.1:50500' }),
      tx('s1', 1, null, '127.0.0.1:50500', 1000), tx('s1', 2, null, '127.0.0.1:50500', 1000),
      link('drop', 2.01, { bytes: 1000, detail: 'downstream: dropped 1000-byte datagram: random' }),
      tx('s1', 3, null, '127.0.0.1:50500', 1000),
      rx('c1', 1.5, null, LINK, 1000), rx('c1', 3.5, null, LINK, 1000),
      ev({ role: 'client', kind: 'summary', t: 5, exchange: 'c1', local: CLIENT, remote: LINK, summary: {} as never }),
    ]);
    const v = b.view('c1')!;
    expect(v.link).toBe('l1');
    expect(v.server).toBe('s1');
    expect(v.matchedBy).toBe('order');
    // The second arrival is the third datagram sent: the link dropped the second.
    expect(v.points.map((p) => [p.key, p.delayMs])).toEqual([[1, 0.5], [3, 0.5]]);
    expect(v.lostSpans).toEqual([{ from: 1000, to: 1999, t: 2.01 }]);
    expect(v.notes.join(' ')).toMatch(/inferred/);
  });

  it('a UDP file through a link that names its drops’ places: exact keys and byte offsets', () => {
    const b = new BothEnds();
    const link = (kind: LabEvent['kind'], t: number, extra: Partial<LabEvent> = {}) =>
      ev({ role: 'link', kind, t, exchange: 'l1', local: LINK, remote: CLIENT, ...extra });
    const batch: LabEvent[] = [
      ev({ role: 'client', kind: 'request', t: 0, exchange: 'c1', local: CLIENT, remote: LINK, command: 'file' }),
      link('connect', 0.1, { detail: `upstream socket to ${SERVER} from port 50500` }),
    ];
    // 6 chunks of 1000 B; the link drops flow datagrams #3 and #4 (chunks 2 and 3: file_prepared is #1).
    for (let k = 1; k <= 6; k++) batch.push({ ...tx('s1', k, null, '127.0.0.1:50500', 1000), command: 'file' });
    batch.push(link('drop', 6.1, { bytes: 1000, detail: 'downstream: dropped 1000-byte datagram #3: random' }));
    batch.push(link('drop', 6.2, { bytes: 1000, detail: 'downstream: dropped 1000-byte datagram #4: random' }));
    for (const k of [1, 4, 5, 6]) batch.push({ ...rx('c1', 10 + k, null, LINK, 1000), command: 'file' });
    batch.push(ev({ role: 'client', kind: 'summary', t: 20, exchange: 'c1', local: CLIENT, remote: LINK, command: 'file', summary: {} as never }));
    b.feed(batch);
    const v = b.view('c1')!;
    expect(v.points.map((p) => p.key)).toEqual([1, 4, 5, 6]);
    expect(v.points.every((p) => p.delayMs === 10)).toBe(true);
    expect(v.lostSpans).toEqual([{ from: 1000, to: 1999, t: 2 }, { from: 2000, to: 2999, t: 3 }]);
    expect(v.notes.join(' ')).toMatch(/named each dropped datagram/);
  });

  it('a client socket reused for two exchanges takes the server exchange that started after its request', () => {
    const b = new BothEnds();
    b.feed([
      ev({ role: 'client', kind: 'request', t: 0, exchange: 'c1', local: CLIENT, remote: SERVER }),
      ev({ role: 'server', kind: 'request', t: 0.1, exchange: 's1', local: SERVER, remote: CLIENT }),
      ev({ role: 'client', kind: 'request', t: 10, exchange: 'c2', local: CLIENT, remote: SERVER }),
      ev({ role: 'server', kind: 'request', t: 10.1, exchange: 's2', local: SERVER, remote: CLIENT }),
    ]);
    expect(b.view('c1')!.server).toBe('s1');
    expect(b.view('c2')!.server).toBe('s2');
  });

  it('no server in the lab: only the client side, said so', () => {
    const b = new BothEnds();
    b.feed([rx('c1', 1, 1)]);
    const v = b.view('c1')!;
    expect(v.server).toBeNull();
    expect(v.notes[0]).toMatch(/not in this lab/);
  });

  it('stays bounded: points thinned by key, old exchanges forgotten', () => {
    const b = new BothEnds();
    const batch: LabEvent[] = [ev({ role: 'client', kind: 'request', t: 0, exchange: 'c1', local: CLIENT, remote: SERVER })];
    for (let i = 1; i <= 100_000; i++) batch.push(tx('s1', i, 100_001 - i), rx('c1', i + 0.5, 100_001 - i));
    b.feed(batch);
    const v = b.view('c1')!;
    expect(v.points.length).toBeLessThanOrEqual(BOTH_ENDS_MAX_POINTS);
    expect(v.points.length).toBeGreaterThan(BOTH_ENDS_MAX_POINTS / 4);
    expect(v.points.every((p) => p.delayMs === 0.5)).toBe(true);
    expect(v.receivedBytes).toBe(10_000_000);
    for (let i = 0; i < BOTH_ENDS_MAX_EXCHANGES + 5; i++) b.feed([rx(`n${i}`, 1, null)]);
    expect(b.clientExchanges()).toHaveLength(BOTH_ENDS_MAX_EXCHANGES);
    expect(b.view('c1')).toBeNull();
  });
});
