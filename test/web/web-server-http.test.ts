// The HTTP side of browser mode: what it serves, with which headers, and what it refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../src-main/bridge/content-security-policy.js';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../../src-shared/events.js';
import { SECRET_TEXT, rawGet, startTestBrowserMode } from './web-helpers.js';
import type { TestBrowserMode } from './web-helpers.js';

describe('browser mode over HTTP', () => {
  let mode: TestBrowserMode;
  beforeEach(async () => {
    mode = await startTestBrowserMode();
  });
  afterEach(async () => {
    await mode.close();
  });

  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(mode.server.origin).toBe(`http://127.0.0.1:${mode.server.port}`);
    expect(mode.server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(mode.server.url).toBe(`${mode.server.origin}/?token=${mode.server.token}#/`);
  });

  it('serves index.html at / with a strict CSP naming its own WebSocket origin', async () => {
    const res = await rawGet(mode.server.port, `/?token=${mode.server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>NetLab</title>');
    const csp = res.headers['content-security-policy'];
    // The one renderer policy both faces send (src-main/bridge), naming exactly this WebSocket.
    expect(csp).toBe(buildContentSecurityPolicy({ websocket: `ws://127.0.0.1:${mode.server.port}` }));
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${mode.server.port};`);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['/assets/app-1234.js', 'text/javascript; charset=utf-8'],
    ['/assets/app-1234.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const res = await rawGet(mode.server.port, file);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it('answers HEAD without a body, refuses other methods, 404s unknown files and folders', async () => {
    const head = await rawGet(mode.server.port, '/assets/app-1234.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe('console.log(1);'.length);
    const post = await rawGet(mode.server.port, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await rawGet(mode.server.port, '/nope.js')).status).toBe(404);
    expect((await rawGet(mode.server.port, '/assets/')).status).toBe(404);
    expect((await rawGet(mode.server.port, '/assets')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/assets/link.txt',
    '/index.html%00.js',
    '/%ff%fe',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
  ])('never serves a file outside the renderer folder: %s', async (attack) => {
    const res = await rawGet(mode.server.port, attack);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET_TEXT);
    expect(res.body).not.toContain('root:');
  });

  it('refuses a request that names another host (DNS rebinding)', async () => {
    const res = await rawGet(mode.server.port, '/', { headers: { Host: `evil.example:${mode.server.port}` } });
    expect(res.status).toBe(421);
  });

  it('sends the CSV only with the token', async () => {
    for (const query of ['', '?token=', '?token=wrong', `?token=${mode.server.token}x`]) {
      const res = await rawGet(mode.server.port, `/export.csv${query}`);
      expect(res.status, query).toBe(401);
      expect(res.body).not.toContain('seq,');
    }
  });

  it('streams the session journal as a CSV attachment with the default name', async () => {
    const started = await mode.lab.call('startServer', { proto: 'udp', host: '127.0.0.1', port: 0 });
    expect(started.ok).toBe(true);
    const res = await rawGet(mode.server.port, `/export.csv?token=${mode.server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="netlab-session-\d{8}-\d{6}\.csv"$/,
    );
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(res.body.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows.some((r) => r.kind === 'listening' && r.proto === 'udp' && r.role === 'server')).toBe(true);
  });

  it('names the download as the page announced it, but only with a name of the default form', async () => {
    const token = mode.server.token;
    const named = await rawGet(mode.server.port, `/export.csv?token=${token}&name=netlab-session-20261201-233117.csv`);
    expect(named.headers['content-disposition']).toBe('attachment; filename="netlab-session-20261201-233117.csv"');
    for (const hostile of ['../../.bashrc', 'x.csv', 'netlab-session-1-2.csv"; evil=1', '%0d%0aSet-Cookie:x']) {
      const res = await rawGet(mode.server.port, `/export.csv?token=${token}&name=${encodeURIComponent(hostile)}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="netlab-session-\d{8}-\d{6}\.csv"$/);
    }
  });

  it('tells a plain HTTP request to /ws that it speaks WebSocket', async () => {
    expect((await rawGet(mode.server.port, '/ws')).status).toBe(426);
  });
});
