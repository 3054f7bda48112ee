// One CSP for the renderer: Electron's header, browser mode's header and the page's own <meta>
// copy all come from src-main/bridge/content-security-policy.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BASE_CONTENT_SECURITY_POLICY,
  buildContentSecurityPolicy,
  metaContentSecurityPolicy,
} from '../../src-main/bridge/content-security-policy.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/main/security-policy.js';
import { contentSecurityPolicy } from '../../src-main/web/web-server.js';

const INDEX_HTML = path.join(__dirname, '..', '..', 'src-renderer', 'index.html');

describe('one Content-Security-Policy', () => {
  it('is what Electron sends, and what browser mode sends plus exactly its WebSocket', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(BASE_CONTENT_SECURITY_POLICY);
    const web = contentSecurityPolicy(5173);
    expect(web).toBe(
      BASE_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:5173"),
    );
  });

  it("is the page's own <meta> copy, without the header-only frame-ancestors", () => {
    const html = readFileSync(INDEX_HTML, 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(metaContentSecurityPolicy());
    expect(meta).not.toContain('frame-ancestors');
  });

  it('refuses anything but one WebSocket origin', () => {
    for (const bad of ['ws:', 'ws://*', "ws://x; script-src 'unsafe-eval'", 'https://example.com'])
      expect(() => buildContentSecurityPolicy({ websocket: bad })).toThrow(/not a single WebSocket origin/);
  });
});
