import { describe, expect, it } from 'vitest';
import { RequestReader } from '../../src-main/engine/server/request-reader.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const text = (u: Uint8Array): string => Buffer.from(u).toString('latin1');

describe('RequestReader (TCP framing, docs/protocol.md §1)', () => {
  it('completes at the first newline and drops it', () => {
    const r = new RequestReader();
    const req = r.push(b('hello\nworld'))!;
    expect(text(req.bytes)).toBe('hello');
    expect(req).toMatchObject({ end: 'newline', received: 11 });
    expect(r.done).toBe(true);
  });

  it('joins a request split over chunks', () => {
    const r = new RequestReader();
    expect(r.push(b('stream-1'))).toBeNull();
    expect(r.push(b('0-5'))).toBeNull();
    expect(r.bufferedBytes).toBe(11);
    const req = r.push(b('-100\n'))!;
    expect(text(req.bytes)).toBe('stream-10-5-100');
    expect(req.received).toBe(16);
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const r = new RequestReader();
    r.push(Uint8Array.from([0x63, 0x61, 0x66, 0xc3]));
    const req = r.push(Uint8Array.from([0xa9, 0x0a]))!;
    expect(Buffer.from(req.bytes).toString('utf8')).toBe('café');
  });

  it('ignores everything after a complete request', () => {
    const r = new RequestReader();
    r.push(b('a\n'));
    expect(r.push(b('more\n'))).toBeNull();
    expect(r.finish('half-close')).toMatchObject({ end: 'newline' });
  });

  it('completes at exactly the limit without a newline', () => {
    const r = new RequestReader(8);
    expect(r.push(b('1234'))).toBeNull();
    const req = r.push(b('5678'))!;
    expect(req).toMatchObject({ end: 'limit' });
    expect(text(req.bytes)).toBe('12345678');
  });

  it('accepts a newline right after a full-length request', () => {
    const req = new RequestReader(8).push(b('12345678\n'))!;
    expect(req.end).toBe('newline');
    expect(req.bytes.length).toBe(8);
  });

  it('marks an over-long request, keeping only limit + 1 bytes for the classifier', () => {
    const r = new RequestReader(1024);
    const req = r.push(Buffer.alloc(2000, 0x78))!;
    expect(req).toMatchObject({ end: 'oversized', received: 2000 });
    expect(req.bytes.length).toBe(1025);
  });

  it('a newline beyond the limit is too late', () => {
    const req = new RequestReader(8).push(b('123456789\n'))!;
    expect(req.end).toBe('oversized');
  });

  it('over the limit across chunks', () => {
    const r = new RequestReader(8);
    expect(r.push(b('12345'))).toBeNull();
    expect(r.push(b('6789'))!.end).toBe('oversized');
  });

  it('finishes on quiet or half-close with what arrived, possibly nothing', () => {
    const r = new RequestReader();
    r.push(b('hel'));
    expect(text(r.finish('quiet').bytes)).toBe('hel');
    const empty = new RequestReader().finish('half-close');
    expect(empty).toMatchObject({ end: 'half-close', received: 0 });
    expect(empty.bytes.length).toBe(0);
  });
});
