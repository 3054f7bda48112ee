// The CSP, the sender check, and the navigation / new-window / permission decisions.
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  securityHeaders,
  shouldBlockNavigation,
  windowOpenDecision,
} from '../../src-main/electron/main/security-policy.js';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it("allows scripts only from the app itself: script-src 'self', no inline, no eval", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic|\*/);
  });

  it('denies everything not listed, plugins, framing, base and form targets', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote origin anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|ws:|wss:|file:/);
  });

  it('is sent with nosniff on every response', () => {
    expect(securityHeaders()).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });
});

describe('sender frame check', () => {
  it('trusts only the app scheme and host', () => {
    expect(isTrustedSender(`${APP_INDEX_URL}#/server`)).toBe(true);
    expect(isTrustedSender('netlab://app/assets/x.js')).toBe(true);
  });

  it.each([
    null,
    undefined,
    '',
    'not a url',
    'file:///work/main/out/renderer/index.html',
    'http://127.0.0.1:5173/',
    'https://app/',
    'netlab://evil/index.html',
    'netlab://app.evil.example/index.html',
    'netlab://user:pw@app/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
  ])('rejects %s', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it('accepts the origin form Electron passes to permission checks', () => {
    expect(isAppUrl('netlab://app')).toBe(true);
  });
});

describe('navigation, new windows and permissions', () => {
  it('blocks every navigation, even to the app itself (hash routes never navigate)', () => {
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      `${APP_INDEX_URL}#/client`,
      'javascript:alert(1)',
    ]) {
      expect(shouldBlockNavigation(url)).toBe(true);
    }
  });

  it('denies window.open and target=_blank', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it('allows only sanitized clipboard writes, and only to the app', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_INDEX_URL)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(isPermissionAllowed(permission, APP_INDEX_URL), permission).toBe(false);
    }
  });
});
