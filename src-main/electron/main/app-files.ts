// Maps netlab://app/<path> to a file of the built renderer, refusing anything outside it.
// No Electron here, so traversal attempts are unit-tested and the shell test can serve the same bytes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, securityHeaders } from './security-policy.js';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export type AppFileLookup =
  | { status: 200; filePath: string; headers: Record<string, string> }
  | { status: 403 | 404; filePath: null; headers: Record<string, string> };

export function resolveAppFile(rendererRoot: string, requestUrl: string): AppFileLookup {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 404, filePath: null, headers: securityHeaders() };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { status: 403, filePath: null, headers: securityHeaders() };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { status: 404, filePath: null, headers: securityHeaders() };
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  // A NUL or a backslash never belongs in a renderer asset name; refuse rather than normalise.
  if (relative.includes('\0') || relative.includes('\\')) {
    return { status: 403, filePath: null, headers: securityHeaders() };
  }
  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, `.${relative}`);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    return { status: 403, filePath: null, headers: securityHeaders() };
  }
  const mime = MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, filePath, headers: { ...securityHeaders(), 'Content-Type': mime } };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** What the netlab:// handler answers for one request (also served over HTTP by the shell test). */
export async function loadAppResponse(
  rendererRoot: string,
  requestUrl: string,
  method: string,
): Promise<AppResponse> {
  const found = resolveAppFile(rendererRoot, requestUrl);
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: found.headers, body: null };
  if (found.status !== 200) return { status: found.status, headers: found.headers, body: null };
  try {
    const body = await readFile(found.filePath);
    return { status: 200, headers: found.headers, body: method === 'HEAD' ? null : body };
  } catch {
    return { status: 404, headers: found.headers, body: null };
  }
}
