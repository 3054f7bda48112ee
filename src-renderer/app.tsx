// Routes: #/server, #/client, and #/ with both views side by side (one store each).
import { useEffect, useSyncExternalStore } from 'react';
import type { Transport } from './api/transport.js';
import { ConditionsPanel } from './components/conditions-panel.js';
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
  // The link sits between the two views, as it sits between the two endpoints; it belongs to the
  // client's store (the client's exchanges go through it).
  return (
    <main className="split split-linked">
      <section role="region" aria-label="Server" className="pane pane-server">
        <ServerPane transport={transport} />
      </section>
      <ClientStoreProvider transport={transport}>
        <aside className="pane pane-link">
          <ConditionsPanel variant="between" />
        </aside>
        <section role="region" aria-label="Client" className="pane pane-client">
          <ClientView conditions={false} />
        </section>
      </ClientStoreProvider>
    </main>
  );
}
