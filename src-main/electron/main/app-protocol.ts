// Serves the built renderer from netlab://app/ (a privileged custom scheme) instead of file://,
// with the CSP on every response.
import { protocol } from 'electron';
import { loadAppResponse } from './app-files.js';
import { APP_SCHEME } from './security-policy.js';

/** Must run before app 'ready': a standard, secure scheme gets an origin, storage and module scripts. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await loadAppResponse(rendererRoot, request.url, request.method);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
