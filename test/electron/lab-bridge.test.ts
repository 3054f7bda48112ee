// The IPC transport's own check: untrusted senders never reach the bridge core or the Lab. The
// rest of the contract (codes, policy, validation, ownership) runs against both faces in
// test/bridge/bridge-contract.test.ts.
import { describe, expect, it } from 'vitest';
import type { LabCommandName, LabParsedArgs, LabResult } from '../../src-shared/api.js';
import { LabBridge, type BridgeLab } from '../../src-main/electron/main/lab-bridge.js';

const SERVER_WINDOW = { ownerId: 1, frameUrl: 'netlab://app/index.html#/server' };

class RecordingLab implements BridgeLab {
  readonly calls: [string, unknown][] = [];
  async callValidated<K extends LabCommandName>(
    name: K,
    args: LabParsedArgs<K>,
  ): Promise<LabResult<unknown>> {
    this.calls.push([name, args]);
    return { ok: true, value: name === 'startServer' ? { id: 'srv-1', role: 'server' } : null };
  }
}

describe('LabBridge (IPC transport)', () => {
  it.each([null, undefined, 'file:///tmp/evil.html', 'https://example.com/', 'netlab://evil/index.html'])(
    'answers PERMISSION_DENIED to a frame at %s and never calls the Lab',
    async (frameUrl) => {
      const lab = new RecordingLab();
      const result = await new LabBridge(lab).handleCall({ ownerId: 1, frameUrl }, 'listHosts', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      expect(lab.calls).toEqual([]);
    },
  );

  it('passes the parsed arguments, defaults filled in, and tracks what the window started', async () => {
    const lab = new RecordingLab();
    const bridge = new LabBridge(lab);
    await bridge.handleCall(SERVER_WINDOW, 'startServer', { proto: 'udp', host: '127.0.0.1', port: 0 });
    expect(lab.calls).toHaveLength(1);
    expect(lab.calls[0]?.[1]).toMatchObject({
      proto: 'udp',
      fileLimit: expect.any(Number),
      sequenceNumbers: expect.any(Boolean),
    });
    expect(bridge.owned(1)).toEqual([{ id: 'srv-1', release: 'stopServer' }]);
    await bridge.releaseOwner(1);
    expect(lab.calls.at(-1)).toEqual(['stopServer', { endpointId: 'srv-1' }]);
    expect(bridge.owned(1)).toEqual([]);
  });

  it('refuses exportCsv from a page: the save dialog in main decides where files go', async () => {
    const lab = new RecordingLab();
    const result = await new LabBridge(lab).handleCall(SERVER_WINDOW, 'exportCsv', {
      path: '/home/student/.bashrc',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(lab.calls).toEqual([]);
  });
});
