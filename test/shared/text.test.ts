import { describe, expect, it } from 'vitest';
import {
  decodeUtf8Lenient,
  decodeUtf8Strict,
  encodeUtf8,
  stripRequest,
} from '../../src-shared/protocol/text.js';

describe('request text', () => {
  it('decodes strictly: invalid UTF-8 is null, never a throw', () => {
    expect(decodeUtf8Strict(encodeUtf8('héllo'))).toBe('héllo');
    expect(decodeUtf8Strict(Uint8Array.from([0xc3]))).toBeNull();
    expect(decodeUtf8Strict(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeNull(); // a lone surrogate
  });

  it('decodes leniently for display', () => {
    expect(decodeUtf8Lenient(Uint8Array.from([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
  });

  it('strips white space on both ends, as Python str.strip() does', () => {
    expect(stripRequest(' \t hello \r\n')).toBe('hello');
    expect(stripRequest('\u00a0x\u00a0')).toBe('x');
  });
});
