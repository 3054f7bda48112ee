// Maps netlab://app/<path> to a file of the built renderer, refusing anything outside it. The
// scheme and host check is the desktop app's; the path goes through the one renderer asset
// resolver both faces use (src-main/bridge/renderer-assets.ts). No Electron here, so traversal
// attempts are unit-tested and the shell test can serve the same bytes.
import { readFile } from 'node:fs/promises';
import { resolveRendererAsset } from '../../bridge/renderer-assets.js';
import { APP_HOST, APP_SCHEME, securityHeaders } from './security-policy.js';

export type AppFileLookup =
  | { status: 200; filePath: string; headers: Record<string, string> }
  | { status: 403 | 404; filePath: null; headers: Record<string, string> };

export async function resolveAppFile(rendererRoot: string, requestUrl: string): Promise<AppFileLookup> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 404, filePath: null, headers: securityHeaders() };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { status: 403, filePath: null, headers: securityHeaders() };
  }
  const found = await resolveRendererAsset(rendererRoot, url.pathname);
  if (found.status !== 200) return { status: found.status, filePath: null, headers: securityHeaders() };
  return {
    status: 200,
    filePath: found.filePath,
    headers: { ...securityHeaders(), 'Content-Type': found.contentType },
  };
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
  const found = await resolveAppFile(rendererRoot, requestUrl);
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: found.headers, body: null };
  if (found.status !== 200) return { status: found.status, headers: found.headers, body: null };
  try {
    const body = await readFile(found.filePath);
    return { status: 200, headers: found.headers, body: method === 'HEAD' ? null : body };
  } catch {
    return { status: 404, headers: found.headers, body: null };
  }
}
