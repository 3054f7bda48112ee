// Routes: #/server, #/client, #/ with both views side by side (one store each), and
// #/experiments[/NAME] with the guided experiments (their store outlives the route).
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Transport } from './api/transport.js';
import { ConditionsPanel } from './components/conditions-panel.js';
import { createExperimentsStore } from './store/experiments-slice.js';
import { ClientStoreProvider, ServerStoreProvider } from './store/store-context.js';
import { ClientView } from './views/client-view.js';
import { ExperimentsView } from './views/experiments-view.js';
import { ServerView } from './views/server-view.js';

export type Route = 'server' | 'client' | 'both' | 'experiments';

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/server') return 'server';
  if (path === '/client') return 'client';
  if (path === '/experiments' || path.startsWith('/experiments/')) return 'experiments';
  return 'both';
}

function subscribeHash(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

const TITLES: Record<Route, string> = {
  server: 'NetLab — Server',
  client: 'NetLab — Client',
  both: 'NetLab',
  experiments: 'NetLab — Experiments',
};

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
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const route = routeOf(hash);
  // Created once: a run keeps going, and its results stay, while the student looks at other views.
  const [experiments] = useState(() => createExperimentsStore(transport));
  useEffect(() => {
    document.title = TITLES[route];
  }, [route]);
  if (route === 'experiments') {
    return (
      <main className="single">
        <ExperimentsView store={experiments} hash={hash} />
      </main>
    );
  }
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
