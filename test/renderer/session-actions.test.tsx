// @vitest-environment happy-dom
// New session clears every view on its `session` event; the lab report exports this view's
// endpoints or the whole session.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reportScopeFor, SessionActions } from '../../src-renderer/components/session-actions.js';
import { createClientStore, createServerStore } from '../../src-renderer/store/create-stores.js';
import { ClientStoreProvider, ServerStoreProvider } from '../../src-renderer/store/store-context.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';

afterEach(cleanup);

describe('New session in the store', () => {
  it('empties log, exchanges and timeline on the session event and keeps what follows it', async () => {
    const t = createFakeTransport();
    t.api.openClient.mockImplementation((args) => ok(endpointInfo('c1', 'client', args.proto)));
    const store = createClientStore(t, { conditionsStorage: null });
    store.getState().attach();
    await store.getState().syncClient();
    t.emit([
      ev({ endpoint: 'c1', kind: 'request', exchange: 'x1.1', command: 'echo' }),
      ev({ endpoint: 'c1', kind: 'rx', exchange: 'x1.1', bytes: 5 }),
    ]);
    expect(store.getState().ring.length).toBe(2);
    expect(store.getState().exchangeIds).toEqual(['x1.1']);

    t.emit([
      ev({ endpoint: 'c1', kind: 'rx', exchange: 'x1.1', bytes: 5 }),
      ev({ endpoint: 'lab', role: 'server', kind: 'session', detail: 'New session' }),
      ev({ endpoint: 'c1', kind: 'request', exchange: 'x1.2', command: 'echo' }),
    ]);
    const s = store.getState();
    expect(s.ring.length).toBe(1);
    expect(s.exchangeIds).toEqual(['x1.2']);
    expect(s.lastSummary).toBeNull();
    // The endpoints keep running and stay this view's.
    expect(s.ownEndpoints).toEqual(['c1']);
  });

  it('the button asks the engine; its session event clears the server tables', async () => {
    const t = createFakeTransport();
    t.api.newSession.mockImplementation(() => {
      t.emit([ev({ endpoint: 'lab', role: 'server', kind: 'session' })]);
      return ok({ journal: 'b.ndjson', previous: 'a.ndjson' });
    });
    const store = createServerStore(t);
    store.getState().adoptEndpoint('s1');
    t.emit([ev({ endpoint: 's1', role: 'server', kind: 'request', exchange: 'x1.1', command: 'echo' })]);
    store.getState().attach();
    t.emit([ev({ endpoint: 's1', role: 'server', kind: 'request', exchange: 'x1.2', command: 'echo' })]);
    expect(store.getState().exchangeIds.length).toBeGreaterThan(0);
    render(
      <ServerStoreProvider transport={t} store={store}>
        <SessionActions />
      </ServerStoreProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'New session' }));
      await Promise.resolve();
    });
    expect(t.api.newSession).toHaveBeenCalledWith({});
    expect(store.getState().exchangeIds).toEqual([]);
    expect(store.getState().ring.length).toBe(0);
  });
});

describe('Export lab report', () => {
  it("exports this client's endpoints by default, the whole session when chosen", () => {
    const t = createFakeTransport();
    const store = createClientStore(t, { conditionsStorage: null });
    store.getState().adoptEndpoint('cli-1');
    store.getState().adoptEndpoint('cli-2');
    render(
      <ClientStoreProvider transport={t} store={store}>
        <SessionActions />
      </ClientStoreProvider>,
    );
    const scope = screen.getByRole('combobox', { name: 'Lab report of' });
    expect((scope as HTMLSelectElement).value).toBe('mine');
    expect(screen.getByRole('option', { name: 'This client' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export lab report' }));
    expect(t.exportReport).toHaveBeenLastCalledWith({ type: 'endpoints', endpoints: ['cli-1', 'cli-2'] });
    fireEvent.change(scope, { target: { value: 'session' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export lab report' }));
    expect(t.exportReport).toHaveBeenLastCalledWith({ type: 'session' });
  });

  it('falls back to the whole session when the view has no endpoint yet', () => {
    expect(reportScopeFor('mine', [])).toEqual({ type: 'session' });
    expect(reportScopeFor('session', ['cli-1'])).toEqual({ type: 'session' });
  });
});
