// @vitest-environment happy-dom
// The network-conditions panel: presets, field errors under the field the schema's path names,
// nothing sent while invalid, and the checked conditions reaching openClient.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app.js';
import { ClientStoreProvider } from '../../src-renderer/store/store-context.js';
import { CONDITIONS_STORAGE_KEY } from '../../src-renderer/store/conditions-slice.js';
import { createClientStore } from '../../src-renderer/store/create-stores.js';
import { ClientView } from '../../src-renderer/views/client-view.js';
import type { ClientConfigInput } from '../../src-shared/api.js';
import { LINK_PRESETS } from '../../src-shared/link/presets.js';
import { createFakeTransport, endpointInfo, ok } from './fake-transport.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function setup(proto: 'tcp' | 'udp' = 'udp') {
  const t = createFakeTransport();
  t.api.openClient.mockImplementation((cfg: ClientConfigInput) =>
    ok(endpointInfo('c1', 'client', cfg.proto, cfg.conditions ? { link: 'l1' } : {})),
  );
  t.api.send.mockImplementation(() => new Promise(() => {}));
  const store = createClientStore(t, { conditionsStorage: null });
  store.getState().setClientField('proto', proto);
  render(
    <ClientStoreProvider transport={t} store={store}>
      <ClientView />
    </ClientStoreProvider>,
  );
  const panel = screen.getByRole('region', { name: 'Network conditions' });
  return { t, store, panel };
}

const type = (scope: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
const openSettings = (panel: HTMLElement) => fireEvent.click(within(panel).getByRole('button', { name: 'All settings' }));
const lastOpen = (t: ReturnType<typeof setup>['t']) => t.api.openClient.mock.calls.at(-1)![0];

describe('network conditions panel', () => {
  it('offers every preset with its hint, and is off until one is picked', () => {
    const { panel } = setup();
    const select = within(panel).getByLabelText('Preset') as HTMLSelectElement;
    const titles = [...select.options].map((o) => o.textContent);
    expect(titles).toEqual([...LINK_PRESETS.map((p) => p.title), 'Custom']);
    expect(within(panel).getByRole('switch')).toHaveProperty('checked', false);
    expect(within(panel).getByText('Off: the client talks to its server directly.')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'lossy-10' } });
    expect(within(panel).getByRole('switch')).toHaveProperty('checked', true);
    expect(within(panel).getByText(LINK_PRESETS.find((p) => p.name === 'lossy-10')!.hint)).toBeTruthy();
  });

  it('opens the client with the preset’s conditions, in the schema’s units', async () => {
    const { t, panel } = setup();
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'congested' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    const cfg = lastOpen(t);
    expect(cfg.conditions).toMatchObject({
      preset: 'congested',
      seed: 1,
      upstream: { rateBytesPerSec: 1_000_000, queueBytes: 32 * 1024, delayMs: 10 },
      downstream: { rateBytesPerSec: 1_000_000, queueBytes: 32 * 1024, delayMs: 10 },
    });
    expect(t.api.send).toHaveBeenCalled();
    expect(await within(panel).findByText(/Through a link/)).toBeTruthy();
  });

  it('puts a schema error under the field its path names and sends nothing', async () => {
    const { t, panel } = setup();
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'lossy-10' } });
    openSettings(panel);
    type(panel, 'Random loss (%)', '120');
    type(panel, 'Queue (KiB)', '0');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    const loss = within(panel).getByLabelText('Random loss (%)');
    expect(loss.getAttribute('aria-invalid')).toBe('true');
    const lossError = document.getElementById(loss.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(lossError.textContent).toBe('A percentage is at most 100 %.');
    const queue = within(panel).getByLabelText('Queue (KiB)');
    expect(document.getElementById(queue.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toBe(
      'A queue holds at least one byte.',
    );
    expect(within(panel).getByText(/nothing is sent until they are valid/)).toBeTruthy();
    expect(t.api.openClient.mock.calls.every(([c]) => c.conditions == null)).toBe(true);
    expect(t.api.send).not.toHaveBeenCalled();

    type(panel, 'Random loss (%)', '10');
    type(panel, 'Queue (KiB)', '64');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(lastOpen(t).conditions).toMatchObject({ upstream: { lossPct: 10, queueBytes: 65536 }, downstream: { lossPct: 10 } });
    expect(t.api.send).toHaveBeenCalled();
  });

  it('runs the Lab’s protocol check too: a UDP queue must hold a datagram', async () => {
    const { t, panel } = setup('udp');
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'congested' } });
    openSettings(panel);
    type(panel, 'Queue (KiB)', '1');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(within(panel).getByLabelText('Queue (KiB)').getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByText(/A UDP queue must hold at least one 1120-byte datagram/)).toBeTruthy();
    expect(t.api.send).not.toHaveBeenCalled();
  });

  it('checks bursty loss and says a non-number plainly', async () => {
    const { t, panel } = setup();
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'perfect' } });
    openSettings(panel);
    fireEvent.click(within(panel).getByLabelText('Bursty loss (Gilbert–Elliott)'));
    type(panel, 'P(bad → good) (%)', '0');
    type(panel, 'Delay (ms)', 'fast');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(within(panel).getByLabelText('Delay (ms)').getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByText('“fast” is not a number of ms.')).toBeTruthy();
    type(panel, 'Delay (ms)', '5');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(within(panel).getByLabelText('P(bad → good) (%)').getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByText('P(bad → good) must be above 0 %, or a burst never ends.')).toBeTruthy();
    expect(t.api.send).not.toHaveBeenCalled();
  });

  it('edits each direction on its own when asked, and its error lands on that direction', async () => {
    const { t, panel } = setup();
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'long-distance' } });
    openSettings(panel);
    fireEvent.click(within(panel).getByLabelText('Edit each direction'));
    fireEvent.click(within(panel).getByRole('tab', { name: 'Server → client' }));
    type(panel, 'Delay (ms)', '-5');
    fireEvent.click(within(panel).getByRole('tab', { name: /Client → server/ }));
    expect((within(panel).getByLabelText('Delay (ms)') as HTMLInputElement).value).toBe('80');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(within(panel).getByLabelText('Delay (ms)').getAttribute('aria-invalid')).toBeNull();
    expect(within(panel).getByRole('tab', { name: /Server → client/ }).textContent).toContain('Server → client');
    fireEvent.click(within(panel).getByRole('tab', { name: /Server → client/ }));
    expect(within(panel).getByLabelText('Delay (ms)').getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByText('A time cannot be negative.')).toBeTruthy();
    type(panel, 'Delay (ms)', '20');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await act(async () => {});
    expect(lastOpen(t).conditions).toMatchObject({ upstream: { delayMs: 80 }, downstream: { delayMs: 20 } });
  });

  it('greys the settings the chosen protocol ignores and says why, and is honest about TCP loss', () => {
    const { store, panel } = setup('tcp');
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'wifi' } });
    openSettings(panel);
    expect(within(panel).getByLabelText('Duplication (%)')).toHaveProperty('disabled', true);
    expect(within(panel).getByText(/the receiver’s kernel removes duplicates/)).toBeTruthy();
    expect(within(panel).getByText(/cannot make the kernel drop a segment/)).toBeTruthy();
    expect(within(panel).getByLabelText('Slice (bytes)')).toHaveProperty('disabled', false);
    act(() => store.getState().setClientField('proto', 'udp'));
    expect(within(panel).getByLabelText('Duplication (%)')).toHaveProperty('disabled', false);
    expect(within(panel).getByLabelText('Slice (bytes)')).toHaveProperty('disabled', true);
    expect(within(panel).getByText(/UDP has no byte stream/)).toBeTruthy();
  });

  it('keeps the seed across presets and rolls a new one on request', () => {
    const { panel } = setup();
    type(panel, 'Seed', '42');
    fireEvent.change(within(panel).getByLabelText('Preset'), { target: { value: 'lossy-10' } });
    expect((within(panel).getByLabelText('Seed') as HTMLInputElement).value).toBe('42');
    fireEvent.click(within(panel).getByRole('button', { name: 'New seed' }));
    expect((within(panel).getByLabelText('Seed') as HTMLInputElement).value).not.toBe('42');
  });

  it('remembers the conditions between reloads (localStorage), and survives an old or broken entry', () => {
    const t = createFakeTransport();
    const first = createClientStore(t);
    first.getState().pickPreset('wifi');
    first.getState().setSeed('7');
    const again = createClientStore(t).getState().conditionsForm;
    expect(again).toMatchObject({ enabled: true, preset: 'wifi', seed: '7' });
    expect(again.upstream.lossPct).toBe('1');
    localStorage.setItem(CONDITIONS_STORAGE_KEY, JSON.stringify({ enabled: true, seed: '9', upstream: { lossPct: '5', mtuAction: 'x' } }));
    const old = createClientStore(t).getState().conditionsForm;
    expect(old.upstream).toMatchObject({ lossPct: '5', mtuAction: 'drop', delayMs: '0' });
    expect(old.downstream.lossPct).toBe('0');
    localStorage.setItem(CONDITIONS_STORAGE_KEY, '{not json');
    expect(createClientStore(t).getState().conditionsForm.enabled).toBe(false);
  });

  it('stands between the two views on #/', () => {
    render(<App transport={createFakeTransport()} />);
    const regions = screen.getAllByRole('region').filter((r) => ['Server', 'Network conditions', 'Client'].includes(r.getAttribute('aria-label') ?? ''));
    expect(regions.map((r) => r.getAttribute('aria-label'))).toEqual(['Server', 'Network conditions', 'Client']);
    expect(within(screen.getByRole('region', { name: 'Client' })).queryByRole('region', { name: 'Network conditions' })).toBeNull();
  });
});
