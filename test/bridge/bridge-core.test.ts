// The bridge core without a transport: what reaches the Lab, and the race a closing page makes.
import { describe, expect, it } from 'vitest';
import type { LabCommandName, LabParsedArgs, LabResult } from '../../src-shared/api.js';
import { BridgeCore, type BridgeLab } from '../../src-main/bridge/bridge-core.js';

class DeferredLab implements BridgeLab {
  readonly calls: [string, unknown][] = [];
  private release: (() => void) | null = null;
  readonly started = new Promise<void>((resolve) => (this.release = resolve));
  holdStarts = false;
  private gate: Promise<void> = Promise.resolve();
  private open: (() => void) | null = null;

  hold(): void {
    this.holdStarts = true;
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  letGo(): void {
    this.open?.();
  }

  async callValidated<K extends LabCommandName>(
    name: K,
    args: LabParsedArgs<K>,
  ): Promise<LabResult<unknown>> {
    this.calls.push([name, args]);
    if (name === 'startServer') {
      this.release?.();
      if (this.holdStarts) await this.gate;
      return { ok: true, value: { id: `srv-${this.calls.length}`, role: 'server' } };
    }
    return { ok: true, value: null };
  }
}

describe('BridgeCore', () => {
  it('never hands the Lab an unknown, refused or invalid call', async () => {
    const lab = new DeferredLab();
    const core = new BridgeCore(lab);
    expect((await core.call('w1', 'rm -rf', {})).ok).toBe(false);
    expect((await core.call('w1', 'exportCsv', { path: '/tmp/x.csv' })).ok).toBe(false);
    expect(
      (await core.call('w1', 'send', { endpointId: 'cli-1', command: { type: 'file', chars: 1.5 } })).ok,
    ).toBe(false);
    expect(lab.calls).toEqual([]);
  });

  it('stops an endpoint whose page closed while its start was still running', async () => {
    const lab = new DeferredLab();
    const core = new BridgeCore(lab);
    lab.hold();
    const starting = core.call('tab-1', 'startServer', { proto: 'tcp', host: '127.0.0.1', port: 0 });
    await lab.started;
    await core.release('tab-1');
    lab.letGo();
    const started = await starting;
    expect(started.ok).toBe(true);
    expect(lab.calls.map(([name]) => name)).toEqual(['startServer', 'stopServer']);
    expect(core.owned('tab-1')).toEqual([]);
  });

  it('a Lab that throws is an INTERNAL error, not a crash of the transport', async () => {
    const core = new BridgeCore({
      callValidated: async () => {
        throw new Error('boom');
      },
    });
    expect(await core.call('w1', 'listHosts', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error: boom' },
    });
  });
});
