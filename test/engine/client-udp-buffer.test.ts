import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../src-shared/events.js';
import { Lab } from '../../src-main/engine/lab.js';

describe('UDP client receive buffer setting', () => {
  let dir: string;
  let lab: Lab;
  let events: LabEvent[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-udp-buffer-'));
    lab = await Lab.create({ journalPath: join(dir, 'journal.ndjson') });
    events = [];
    lab.onEvents((batch) => events.push(...batch));
  });
  afterEach(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connectDetail(udpReceiveBufferBytes?: number): Promise<string> {
    const server = await lab.startServer({ proto: 'udp', host: '127.0.0.1', port: 0 });
    if (!server.ok) throw new Error(server.error.message);
    const client = await lab.openClient({
      proto: 'udp',
      host: '127.0.0.1',
      port: server.value.port!,
      udpReceiveBufferBytes,
    });
    if (!client.ok) throw new Error(client.error.message);
    const sent = await lab.send({ endpointId: client.value.id, command: { type: 'echo', text: 'hi' } });
    expect(sent.ok && sent.value.reply).toBe('HI');
    lab.flushEvents();
    const connect = events.find((e) => e.endpoint === client.value.id && e.kind === 'connect');
    return connect?.detail ?? '';
  }

  it('asks the kernel for 8 MiB by default and says what it granted', async () => {
    expect(await connectDetail()).toMatch(/receive buffer \d+ bytes granted \(asked 8388608/);
  });

  it('keeps the OS default with 0, as a classic client does', async () => {
    expect(await connectDetail(0)).toMatch(/receive buffer \d+ bytes granted \(the OS default/);
  });

  it('refuses a negative buffer with the field named', async () => {
    const r = await lab.openClient({ proto: 'udp', host: '127.0.0.1', port: 9, udpReceiveBufferBytes: -1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/udpReceiveBufferBytes/);
  });
});
