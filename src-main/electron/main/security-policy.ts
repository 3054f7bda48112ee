// The desktop app's security decisions as pure functions, so a unit test can read every one of
// them without an Electron binary (Electron's security checklist, STYLE.md "Electron hardening").
import { rendererSecurityHeaders } from '../../bridge/content-security-policy.js';

/** Pages are served from this privileged custom scheme, never from file:// or http://. */
export const APP_SCHEME = 'netlab';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Headers every page and asset of the app carries: the one renderer policy both faces send
 * (src-main/bridge/content-security-policy.ts); the desktop app opens no WebSocket.
 */
export function securityHeaders(): Record<string, string> {
  return rendererSecurityHeaders();
}

export const CONTENT_SECURITY_POLICY: string = securityHeaders()['Content-Security-Policy'] ?? '';

/** True only for a URL of the app's own pages (netlab://app/…). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** IPC is answered only for a frame showing the app's own page; anything else gets nothing. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/**
 * `will-navigate` / `will-redirect`: the app is a single page with hash routes, so any real
 * navigation is either a bug or an injected link. Denied, even to the app's own origin.
 */
export function shouldBlockNavigation(_url: string): boolean {
  return true;
}

/** `setWindowOpenHandler`: windows are opened by main from the menu only. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permissions the app's own page may use. Only sanitized clipboard writes (the "copy Wireshark
 * filter" button); camera, microphone, geolocation, notifications and the rest are denied.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl);
}
