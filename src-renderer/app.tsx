// Routes: #/server, #/client, and #/ with both views side by side (one store each).
import { useEffect, useSyncExternalStore } from 'react';
import type { Transport } from './api/transport.js';
import { ClientStoreProvider, ServerStoreProvider } from './store/store-context.js';
import { ClientView } from './views/client-view.js';
import { ServerView } from './views/server-view.js';

export type Route = 'server' | 'client' | 'both';

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/server') return 'server';
  if (path === '/client') return 'client';
  return 'both';
}

function subscribeHash(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

const TITLES: Record<Route, string> = { server: 'NetLab — Server', client: 'NetLab — Client', both: 'NetLab' };

function ServerPane({ transport }: { transport: Transport }) {
  return (
    <ServerStoreProvider transport={transport}>
      <ServerView />
    </ServerStoreProvider>
  );
}

function ClientPane({ transport }: { transport: Transport }) {
  return (
    <ClientStoreProvider transport={transport}>
      <ClientView />
    </ClientStoreProvider>
  );
}

export function App({ transport }: { transport: Transport }) {
  const route = useSyncExternalStore(subscribeHash, () => routeOf(window.location.hash));
  useEffect(() => {
    document.title = TITLES[route];
  }, [route]);
  if (route === 'server') {
    return (
      <main className="single">
        <ServerPane transport={transport} />
      </main>
    );
  }
  if (route === 'client') {
    return (
      <main className="single">
        <ClientPane transport={transport} />
      </main>
    );
  }
  return (
    <main className="split">
      <section role="region" aria-label="Server" className="pane">
        <ServerPane transport={transport} />
      </section>
      <section role="region" aria-label="Client" className="pane">
        <ClientPane transport={transport} />
      </section>
    </main>
  );
}
