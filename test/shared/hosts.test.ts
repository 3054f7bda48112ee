import { describe, expect, it } from 'vitest';
import {
  formatHostPort,
  formatHostsProblem,
  parseHostPort,
  parseHostsFile,
  parsePort,
} from '../../src-shared/hosts.js';

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:8120', '127.0.0.1', 8120],
    ['localhost:80', 'localhost', 80],
    ['lab-1.example.org:65535', 'lab-1.example.org', 65535],
    ['[::1]:8120', '::1', 8120],
    ['[fe80::1%eth0]:8120', 'fe80::1%eth0', 8120],
    ['[::ffff:127.0.0.1]:9', '::ffff:127.0.0.1', 9],
    [' :8120', '', 8120],
    [':0', '', 0],
    ['  10.0.0.2:8121  ', '10.0.0.2', 8121],
  ])('%j', (raw, host, port) => {
    expect(parseHostPort(raw)).toEqual({ ok: true, host, port });
  });

  it.each([
    ['nohost', 'expected host:port'],
    ['::1:8120', 'brackets'],
    ['[::1]8120', 'expected ":port"'],
    ['[::1:8120', 'missing "]"'],
    ['[localhost]:80', 'not an IPv6 address'],
    ['host:99999', 'not a port'],
    ['host:abc', 'not a port'],
    ['host:', 'not a port'],
    ['bad_host!:80', 'not a valid host name'],
  ])('rejects %j', (raw, message) => {
    const r = parseHostPort(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('parseHostsFile', () => {
  it('keeps good lines with their numbers, skips comments and blanks, reports bad lines', () => {
    const text = [
      '# lab hosts',
      '127.0.0.1:8120',
      '',
      'nonsense',
      '[::1]:8120',
      '   ',
      ' :8121',
      '::1:80',
      'h:70000',
    ].join('\r\n');
    const parsed = parseHostsFile(text);
    expect(parsed.entries).toEqual([
      { host: '127.0.0.1', port: 8120, line: 2 },
      { host: '::1', port: 8120, line: 5 },
      { host: '', port: 8121, line: 7 },
    ]);
    expect(parsed.problems.map((p) => p.line)).toEqual([4, 8, 9]);
    expect(formatHostsProblem(parsed.problems[0]!)).toMatch(/^hosts\.txt line 4: /);
    expect(parsed.problems[1]!.text).toBe('::1:80');
  });

  it('the first entry is the default even after comments', () => {
    expect(parseHostsFile('#x\n\n10.0.0.1:1\n10.0.0.2:2\n').entries[0]).toMatchObject({
      host: '10.0.0.1',
      line: 3,
    });
  });

  it('an empty file has no entries and no problems', () => {
    expect(parseHostsFile('')).toEqual({ entries: [], problems: [] });
  });
});

describe('formatHostPort / parsePort', () => {
  it('brackets IPv6, shows the empty host as a space, and round-trips', () => {
    expect(formatHostPort('127.0.0.1', 8120)).toBe('127.0.0.1:8120');
    expect(formatHostPort('::1', 8120)).toBe('[::1]:8120');
    expect(formatHostPort('', 8120)).toBe(' :8120');
    for (const [host, port] of [
      ['::1', 1],
      ['', 2],
      ['a.b', 3],
    ] as const) {
      expect(parseHostPort(formatHostPort(host, port))).toEqual({ ok: true, host, port });
    }
  });

  it('accepts 0–65535 in decimal only', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('-1')).toBeNull();
    expect(parsePort('0x10')).toBeNull();
    expect(parsePort('')).toBeNull();
  });
});
