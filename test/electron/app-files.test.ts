// netlab://app/<path> maps into the built renderer and never outside it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../src-main/electron/main/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/main/security-policy.js';

const ROOT = path.resolve('/srv/netlab/out/renderer');

describe('resolveAppFile', () => {
  it('serves index.html for the bare origin and the hash routes', () => {
    for (const url of [
      'netlab://app/',
      'netlab://app/index.html#/server',
      'netlab://app/index.html?x=1#/client',
    ]) {
      const found = resolveAppFile(ROOT, url);
      expect(found.status).toBe(200);
      expect(found.filePath).toBe(path.join(ROOT, 'index.html'));
      expect(found.headers['Content-Type']).toBe('text/html; charset=utf-8');
    }
  });

  it('serves assets with their MIME type and the CSP', () => {
    const found = resolveAppFile(ROOT, 'netlab://app/assets/index-abc.js');
    expect(found).toMatchObject({ status: 200, filePath: path.join(ROOT, 'assets', 'index-abc.js') });
    expect(found.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(found.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'netlab://app/../../etc/passwd',
    'netlab://app/%2e%2e/%2e%2e/etc/passwd',
    'netlab://app/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fmain%2findex.js',
    'netlab://app/..%5c..%5cmain%5cindex.js',
    'netlab://app/index.html%00.png',
  ])('never resolves outside the renderer folder: %s', (url) => {
    const found = resolveAppFile(ROOT, url);
    if (found.status === 200) expect(found.filePath.startsWith(ROOT + path.sep)).toBe(true);
    else expect(found.filePath).toBeNull();
  });

  it('answers 403 to an encoded escape the URL parser leaves for us to decode', () => {
    expect(
      resolveAppFile(ROOT, 'netlab://app/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fmain%2findex.js').status,
    ).toBe(403);
    expect(resolveAppFile(ROOT, 'netlab://app/..%5c..%5cmain%5cindex.js').status).toBe(403);
    expect(resolveAppFile(ROOT, 'netlab://app/index.html%00.png').status).toBe(403);
  });

  it('refuses other hosts and schemes, and bad escapes', () => {
    expect(resolveAppFile(ROOT, 'netlab://other/index.html').status).toBe(403);
    expect(resolveAppFile(ROOT, 'file:///srv/netlab/out/renderer/index.html').status).toBe(403);
    expect(resolveAppFile(ROOT, 'netlab://app/%E0%A4%A').status).toBe(404);
  });
});
