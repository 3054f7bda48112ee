// @vitest-environment happy-dom
// Settings remembered between runs: one module, one key per section, read field by field so an old
// or broken entry keeps what is still good.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConditionsPanel } from '../../src-renderer/components/conditions-panel.js';
import { DEFAULT_CLIENT_FORM } from '../../src-renderer/store/client-slice.js';
import { createClientStore, createServerStore } from '../../src-renderer/store/create-stores.js';
import { DEFAULT_SERVER_FORM } from '../../src-renderer/store/server-slice.js';
import { SETTINGS_KEYS, browserSettingsStorage, mergeFields } from '../../src-renderer/store/settings-persistence.js';
import type { SettingsSection, SettingsStorage } from '../../src-renderer/store/settings-persistence.js';
import { ClientStoreProvider } from '../../src-renderer/store/store-context.js';
import { createFakeTransport, endpointInfo, ok } from './fake-transport.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function memoryStorage(): SettingsStorage & { saved: Map<SettingsSection, unknown> } {
  const saved = new Map<SettingsSection, unknown>();
  return { saved, read: (s) => saved.get(s), write: (s, v) => saved.set(s, JSON.parse(JSON.stringify(v))) };
}

describe('settings persistence', () => {
  it('brings back the client’s protocol, address, command fields and timeouts', () => {
    const storage = memoryStorage();
    const first = createClientStore(createFakeTransport(), { settingsStorage: storage, conditionsStorage: null });
    first.getState().setClientField('proto', 'udp');
    first.getState().setClientField('host', '::1');
    first.getState().setClientField('port', '9000');
    first.getState().setClientField('idleTimeoutS', '7');
    first.getState().setClientField('tab', 'stream');
    const again = createClientStore(createFakeTransport(), { settingsStorage: storage, conditionsStorage: null });
    expect(again.getState().clientForm).toEqual({ ...DEFAULT_CLIENT_FORM, proto: 'udp', host: '::1', port: '9000', idleTimeoutS: '7', tab: 'stream' });
    // A remembered address is the student's own: hosts.txt's first entry does not overwrite it.
    again.getState().prefill({ path: 'hosts.txt', entries: [{ host: '127.0.0.1', port: 8120, line: 1 }], problems: [] });
    expect(again.getState().clientForm.host).toBe('::1');
  });

  it('does not save a form only prefilled from hosts.txt', () => {
    const storage = memoryStorage();
    const store = createClientStore(createFakeTransport(), { settingsStorage: storage, conditionsStorage: null });
    store.getState().prefill({ path: 'hosts.txt', entries: [{ host: '10.0.0.1', port: 8120, line: 1 }], problems: [] });
    expect(storage.saved.has('client')).toBe(false);
  });

  it('brings back the server’s settings', () => {
    const storage = memoryStorage();
    const first = createServerStore(createFakeTransport(), { settingsStorage: storage });
    first.getState().setServerField('proto', 'udp');
    first.getState().setServerField('chunkBytes', '512');
    first.getState().setServerField('sequenceNumbers', false);
    const again = createServerStore(createFakeTransport(), { settingsStorage: storage });
    expect(again.getState().serverForm).toEqual({ ...DEFAULT_SERVER_FORM, proto: 'udp', chunkBytes: '512', sequenceNumbers: false });
  });

  it('falls back to the default field by field for an old or broken value', () => {
    localStorage.setItem(SETTINGS_KEYS.client, JSON.stringify({ proto: 'sctp', host: '::1', port: 8120, tab: 'file', extra: 1, replyTimeoutS: null }));
    const store = createClientStore(createFakeTransport(), { conditionsStorage: null });
    // A bad protocol, a port saved as a number and a null are dropped; the good fields stay.
    expect(store.getState().clientForm).toEqual({ ...DEFAULT_CLIENT_FORM, host: '::1', tab: 'file' });
    localStorage.setItem(SETTINGS_KEYS.server, '{not json');
    expect(createServerStore(createFakeTransport()).getState().serverForm).toEqual(DEFAULT_SERVER_FORM);
    localStorage.setItem(SETTINGS_KEYS.server, '[1,2]');
    expect(createServerStore(createFakeTransport()).getState().serverForm).toEqual(DEFAULT_SERVER_FORM);
    expect(mergeFields('x', { a: 1 })).toEqual({ a: 1 });
    expect(mergeFields({ a: 'no', b: true }, { a: 1, b: false })).toEqual({ a: 1, b: true });
  });

  it('writes to localStorage under its own key per section', () => {
    const store = createServerStore(createFakeTransport());
    store.getState().setServerField('port', '9100');
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEYS.server)!).port).toBe('9100');
    expect(browserSettingsStorage()!.read('server')).toMatchObject({ port: '9100' });
  });

  it('remembers whether the conditions panel’s settings were open (the panel layout)', async () => {
    const t = createFakeTransport();
    t.api.openClient.mockImplementation(() => ok(endpointInfo('c1', 'client', 'udp')));
    const show = () =>
      render(
        <ClientStoreProvider transport={t} store={createClientStore(t)}>
          <ConditionsPanel />
        </ClientStoreProvider>,
      );
    show();
    fireEvent.click(screen.getByRole('switch'));
    fireEvent.click(screen.getByRole('button', { name: 'All settings' }));
    expect(screen.getByRole('button', { name: 'Hide settings' })).toBeTruthy();
    cleanup();
    await act(async () => {});
    // A new page: the link is still on (the conditions form) and its settings still open (the layout).
    show();
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Hide settings' }).getAttribute('aria-expanded')).toBe('true');
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEYS.layout)!)).toMatchObject({ conditionsOpen: true });
  });
});
