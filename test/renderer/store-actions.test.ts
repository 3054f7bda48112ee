// Store actions: the client endpoint follows the form, cancel, and recovery after a reconnect.
import { describe, expect, it } from 'vitest';
import { createClientStore, createServerStore } from '../../src-renderer/store/create-stores.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { createFakeTransport, endpointInfo, ok } from './fake-transport.js';

describe('client endpoint', () => {
  it('re-opens when the protocol changes and closes the old one first', async () => {
    const t = createFakeTransport();
    let n = 0;
    t.api.openClient.mockImplementation((args) => ok(endpointInfo(`c${++n}`, 'client', args.proto)));
    const store = createClientStore(t);
    await store.getState().syncClient();
    await store.getState().syncClient(); // unchanged form: same endpoint
    expect(t.api.openClient).toHaveBeenCalledTimes(1);
    store.getState().setClientField('proto', 'udp');
    const reopened = await store.getState().syncClient();
    expect(reopened?.id).toBe('c2');
    expect(t.api.closeClient).toHaveBeenCalledWith({ endpointId: 'c1' });
    expect(t.api.openClient).toHaveBeenLastCalledWith({ proto: 'udp', host: '127.0.0.1', port: 8120, idleTimeoutMs: 2000, prepareTimeoutMs: 100_000, replyTimeoutMs: 30_000, conditions: null });
    expect(t.api.closeClient.mock.invocationCallOrder[0]!).toBeLessThan(t.api.openClient.mock.invocationCallOrder[1]!);
    expect(store.getState().ownEndpoints).toEqual(['c1', 'c2']);
  });

  it('puts a bad host from the engine next to Host and opens nothing without a port', async () => {
    const t = createFakeTransport();
    t.api.openClient.mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'HOST_NOT_FOUND', message: 'Unknown host: nosuch:8120 could not be resolved or reached.' } }),
    );
    const store = createClientStore(t);
    store.getState().setClientField('host', 'nosuch');
    expect(await store.getState().syncClient()).toBeNull();
    expect(store.getState().clientErrors.host).toContain('Unknown host');
    store.getState().setClientField('port', '');
    await store.getState().syncClient();
    expect(store.getState().clientErrors.port).toContain('Enter the server’s port');
    expect(t.api.openClient).toHaveBeenCalledTimes(1);
  });

  it('Cancel asks the engine to cancel; the cancelled summary arrives as the send result', async () => {
    const t = createFakeTransport();
    t.api.openClient.mockImplementation(() => ok(endpointInfo('c1', 'client', 'tcp')));
    let finish: () => void = () => {};
    t.api.send.mockImplementation(
      () => new Promise((resolve) => (finish = () => resolve({ ok: true, value: { end: 'cancelled' } as ExchangeSummary }))),
    );
    t.api.cancel.mockImplementation(() => {
      finish();
      return ok(null);
    });
    const store = createClientStore(t);
    const sending = store.getState().send();
    await expect.poll(() => store.getState().sending).toBe(true);
    await store.getState().cancel();
    await sending;
    expect(t.api.cancel).toHaveBeenCalledWith({ endpointId: 'c1' });
    expect(store.getState().lastSummary?.end).toBe('cancelled');
    expect(store.getState().sending).toBe(false);
  });
});

describe('server endpoint', () => {
  it('checks the settings before asking the engine', async () => {
    const t = createFakeTransport();
    const store = createServerStore(t);
    store.getState().setServerField('chunkBytes', '70000');
    store.getState().setServerField('port', '65536');
    await store.getState().startServer();
    expect(t.api.startServer).not.toHaveBeenCalled();
    expect(store.getState().serverErrors.chunkBytes).toBe('Must be at most 65,507 (the largest UDP payload).');
    expect(store.getState().serverErrors.port).toBe('Must be at most 65,535.');
  });

  it('after a reconnect, forgets a server the engine no longer has', async () => {
    const t = createFakeTransport();
    t.api.startServer.mockImplementation(() => ok(endpointInfo('s1', 'server', 'tcp')));
    const store = createServerStore(t);
    store.getState().attach();
    await store.getState().startServer();
    expect(store.getState().server?.id).toBe('s1');
    t.setConnection({ status: 'disconnected', message: 'lost', retryAt: null });
    t.setConnection({ status: 'connected', message: null, retryAt: null });
    await expect.poll(() => store.getState().server).toBeNull();
    expect(store.getState().serverErrors.general).toContain('no longer running');
  });
});
