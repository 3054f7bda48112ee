// The one Content-Security-Policy of the renderer, for both faces: the header Electron's
// netlab://app responses and browser mode's HTTP responses carry, and the <meta> policy in
// src-renderer/index.html (a test checks the page's copy is exactly metaContentSecurityPolicy()).
// Scripts, styles and images only from the app itself, no eval, no plugins, no frames, no forms.
// The base policy is one string literal on purpose, so static scanners (electronegativity) can
// read and grade it.
export const BASE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'none'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The page's own copy cannot know browser mode's port; the header names the exact one. */
const META_WEBSOCKET_SOURCE = 'ws://127.0.0.1:*';

export interface CspOptions {
  /** Browser mode: the one WebSocket origin the page may open, e.g. `ws://127.0.0.1:5173`. */
  websocket?: string;
}

export function buildContentSecurityPolicy(opts: CspOptions = {}): string {
  if (opts.websocket === undefined) return BASE_CONTENT_SECURITY_POLICY;
  if (!/^wss?:\/\/[^\s;,'*]+$/.test(opts.websocket))
    throw new Error(`not a single WebSocket origin: ${JSON.stringify(opts.websocket)}`);
  return withWebsocket(opts.websocket);
}

/** For index.html: frame-ancestors works only as a header (a <meta> copy is ignored with a warning). */
export function metaContentSecurityPolicy(): string {
  return withWebsocket(META_WEBSOCKET_SOURCE).replace(" frame-ancestors 'none';", '');
}

function withWebsocket(source: string): string {
  return BASE_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${source}`);
}

/** Headers every response of the renderer carries on both faces, the CSP first. */
export function rendererSecurityHeaders(opts: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': buildContentSecurityPolicy(opts),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The browser-mode token rides in the page URL; never hand it to another site as a Referer.
    'Referrer-Policy': 'no-referrer',
  };
}
