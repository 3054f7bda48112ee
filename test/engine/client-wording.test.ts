// The engine words its summary event with the shared sentence: the detail of a real exchange
// starts with the very line the CLI prints first (and the renderer shows, test/renderer/one-wording).
import { describe, expect, it } from 'vitest';
import { formatClientSummary } from '../../src-main/cli/format.js';
import { TcpClient } from '../../src-main/engine/client/tcp-client.js';
import { ClientConfigSchema } from '../../src-shared/api.js';
import { describeSummary, summaryHeadline } from '../../src-shared/format/summary.js';
import { closeAfterEach, EventLog, startRawTcpServer } from '../helpers/raw-servers.js';

const track = closeAfterEach();

describe('one wording of a summary', () => {
  it('the engine detail and the CLI first line say the same sentence', async () => {
    const s = track(await startRawTcpServer('127.0.0.1', (sock, req) => sock.end(req.toUpperCase())));
    const log = new EventLog();
    const config = ClientConfigSchema.parse({ proto: 'tcp', host: '127.0.0.1', port: s.port });
    const summary = await track(new TcpClient({ id: 'c1', config, sink: log.sink })).run({
      type: 'echo',
      text: 'hello lab',
    });
    const detail = log.of('summary')[0]!.detail;
    const cliFirstLine = formatClientSummary(summary).split('\n')[0]!;
    expect(detail).toBe(describeSummary(summary));
    expect(cliFirstLine).toBe(summaryHeadline(summary));
    expect(detail.startsWith(`${cliFirstLine}; `)).toBe(true);
    expect(cliFirstLine).toMatch(/^echo "hello lab" over TCP: 9 of 9 bytes in /);
  });
});
