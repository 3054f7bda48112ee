// The preload against a stand-in for electron's contextBridge / ipcRenderer: one method per
// LabApi command over one channel, the raw IPC event never reaches the page, onEvents unsubscribes.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LAB_COMMAND_NAMES } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';
import {
  IPC_CHANNELS,
  PRELOAD_COMMAND_NAMES,
  type NetlabDesktopApi,
} from '../../src-main/electron/common/ipc-channels.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const invocations: unknown[][] = [];
  return { exposed, listeners, invocations };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => fake.exposed.set(name, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invocations.push(args);
      return Promise.resolve({ ok: true, value: args });
    },
    on: (channel: string, listener: Listener) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set());
      fake.listeners.get(channel)?.add(listener);
    },
    removeListener: (channel: string, listener: Listener) => fake.listeners.get(channel)?.delete(listener),
  },
}));

let api: NetlabDesktopApi;
beforeAll(async () => {
  await import('../../src-main/electron/preload/index.js');
  api = fake.exposed.get('netlab') as NetlabDesktopApi;
});

describe('preload', () => {
  it('exposes exactly window.netlab', () => {
    expect([...fake.exposed.keys()]).toEqual(['netlab']);
  });

  it('lists the same commands as the shared contract', () => {
    expect([...PRELOAD_COMMAND_NAMES].sort()).toEqual([...LAB_COMMAND_NAMES].sort());
  });

  it('has one function per LabApi command, plus the two dialog exports and onEvents, and nothing else', () => {
    const keys = Object.keys(api).sort();
    expect(keys).toEqual([...LAB_COMMAND_NAMES, 'exportSessionCsv', 'exportLabReport', 'onEvents'].sort());
    for (const key of keys) expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('sends every command over the one call channel with its name and arguments', async () => {
    fake.invocations.length = 0;
    await api.startServer({ proto: 'udp', host: '127.0.0.1', port: 0 });
    await api.listHosts({});
    await api.exportSessionCsv();
    await api.exportLabReport({ type: 'endpoints', endpoints: ['cli-1'] });
    expect(fake.invocations).toEqual([
      [IPC_CHANNELS.call, 'startServer', { proto: 'udp', host: '127.0.0.1', port: 0 }],
      [IPC_CHANNELS.call, 'listHosts', {}],
      [IPC_CHANNELS.exportSessionCsv],
      [IPC_CHANNELS.exportLabReport, { type: 'endpoints', endpoints: ['cli-1'] }],
    ]);
  });

  it('hands the page only the batch, and stops after unsubscribe', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onEvents((batch) => received.push([batch]));
    const batch = [{ seq: 1, kind: 'listening' } as LabEvent];
    const deliver = (): void => {
      for (const listener of fake.listeners.get(IPC_CHANNELS.events) ?? [])
        listener({ sender: 'raw ipc event' }, batch);
    };
    deliver();
    expect(received).toEqual([[batch]]);
    unsubscribe();
    deliver();
    expect(received).toHaveLength(1);
    expect(fake.listeners.get(IPC_CHANNELS.events)?.size ?? 0).toBe(0);
  });
});
