// Serves the built renderer from netlab://app/ (a privileged custom scheme) instead of file://,
// with the CSP on every response.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveAppFile } from './app-files.js';
import { APP_SCHEME } from './security-policy.js';

/** Must run before app 'ready': a standard, secure scheme gets an origin, storage and module scripts. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const found = resolveAppFile(rendererRoot, request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: found.headers });
    }
    if (found.status !== 200) return new Response(null, { status: found.status, headers: found.headers });
    try {
      const body = await readFile(found.filePath);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: found.headers });
    } catch {
      return new Response(null, { status: 404, headers: found.headers });
    }
  });
}
