import { describe, expect, it } from 'vitest';
import { findOpener } from '../../src-main/web/open-browser.js';

const URL_WITH_QUERY = 'http://127.0.0.1:8400/?token=abc&x=1#/';

describe('findOpener', () => {
  it('uses open on macOS and start on Windows (with & escaped for cmd)', () => {
    expect(findOpener(URL_WITH_QUERY, 'darwin', {})).toEqual({ command: 'open', args: [URL_WITH_QUERY] });
    expect(findOpener(URL_WITH_QUERY, 'win32', {})).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'http://127.0.0.1:8400/?token=abc^&x=1#/'],
    });
  });

  it('finds no browser on a Linux box without a display', () => {
    expect(findOpener(URL_WITH_QUERY, 'linux', { PATH: process.env.PATH })).toBeNull();
  });

  it('finds no browser on Linux when xdg-open is not on PATH', () => {
    expect(findOpener(URL_WITH_QUERY, 'linux', { DISPLAY: ':0', PATH: '/nonexistent' })).toBeNull();
  });
});
