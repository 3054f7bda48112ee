// The TCP references: nc moving the same bytes over loopback, and iperf3 -n.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { collect, freePort, runProcess, waitForListening } from './proc.js';
import { mbPerSecond } from './stats.js';

const TOOL_TIMEOUT_MS = 60_000;
const LISTEN_TIMEOUT_MS = 5_000;
const FILL_CHUNK_BYTES = 1 << 20;

/** A file of `bytes` × 'A' (the classic payload), written once per run of the bench. */
export function ensurePayloadFile(path: string, bytes: number): void {
  if (existsSync(path) && statSync(path).size === bytes) return;
  const fd = openSync(path, 'w');
  try {
    const chunk = Buffer.alloc(FILL_CHUNK_BYTES, 0x41);
    for (let left = bytes; left > 0; left -= FILL_CHUNK_BYTES) {
      writeSync(fd, chunk, 0, Math.min(left, FILL_CHUNK_BYTES));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * `nc -N -l` serves the file (like a NetLab server), `nc` receives it into /dev/null; timed from
 * the client's spawn to its exit (request to FIN). Returns MB/s.
 */
export async function ncTransfer(nc: string, payloadPath: string, bytes: number): Promise<number> {
  const port = await freePort();
  const input = openSync(payloadPath, 'r');
  const server = spawn(nc, ['-N', '-l', '127.0.0.1', String(port)], { stdio: [input, 'ignore', 'pipe'] });
  closeSync(input);
  const serverDone = collect(server, performance.now(), TOOL_TIMEOUT_MS, 'nc -l');
  try {
    await waitForListening(port, LISTEN_TIMEOUT_MS);
    const client = await runProcess(nc, ['127.0.0.1', String(port)], {
      timeoutMs: TOOL_TIMEOUT_MS,
      discardStdout: true,
    });
    const srv = await serverDone;
    if (client.code !== 0 || srv.code !== 0) {
      throw new Error(`nc failed (client ${client.code}, server ${srv.code}): ${client.stderr}${srv.stderr}`);
    }
    return mbPerSecond(bytes, client.ms);
  } finally {
    server.kill();
  }
}

interface IperfSum {
  bytes?: number;
  seconds?: number;
}

interface IperfJson {
  end?: { sum_sent?: IperfSum; sum_received?: IperfSum };
  error?: string;
}

/**
 * `iperf3 -n bytes` over loopback; MB/s as received by the server side. The sender writes all
 * `bytes` (rounded up to its block size); the receiver's tally may stop a few blocks short when
 * the test ends, so the rate is its bytes over its own seconds.
 */
export async function iperf3Transfer(iperf3: string, bytes: number): Promise<number> {
  const port = await freePort();
  const server = spawn(iperf3, ['-s', '-1', '-B', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const serverDone = collect(server, performance.now(), TOOL_TIMEOUT_MS, 'iperf3 -s');
  try {
    await waitForListening(port, LISTEN_TIMEOUT_MS);
    const client = await runProcess(
      iperf3,
      ['-c', '127.0.0.1', '-p', String(port), '-n', String(bytes), '-J'],
      {
        timeoutMs: TOOL_TIMEOUT_MS,
      },
    );
    await serverDone;
    const report = JSON.parse(client.stdout) as IperfJson;
    const sent = report.end?.sum_sent;
    const got = report.end?.sum_received;
    if (client.code !== 0 || !sent?.bytes || !got?.bytes || !got.seconds) {
      throw new Error(`iperf3 failed: ${report.error ?? client.stderr}`);
    }
    if (sent.bytes < bytes) throw new Error(`iperf3 sent ${sent.bytes} bytes, asked for ${bytes}`);
    return mbPerSecond(got.bytes, got.seconds * 1000);
  } finally {
    server.kill();
  }
}
