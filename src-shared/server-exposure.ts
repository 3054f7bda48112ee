// The one sentence that says a server is reachable beyond this machine and which bounds protect it;
// the CLI prints it at start-up and the server view shows it (docs/protocol.md §8).
import type { ServerConfig } from './api.js';
import type { Proto } from './protocol/limits.js';

const n = (v: number): string => v.toLocaleString('en-US');
const mbps = (bytesPerSec: number): string => (bytesPerSec === 0 ? 'unlimited' : `${n(bytesPerSec / 1e6)} MB/s`);

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped or bracketed) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The host part of "host:port" or "[v6]:port". */
function hostOf(address: string): string {
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  const colon = address.lastIndexOf(':');
  return colon < 0 ? address : address.slice(0, colon);
}

/**
 * null when the server listens on loopback only; otherwise one line naming where it listens and
 * the limits in force. `bound` is the bound address (host:port) when known.
 */
export function describeExposure(proto: Proto, config: ServerConfig, bound: string | null): string | null {
  const where = config.host === '' ? 'all interfaces' : bound !== null ? hostOf(bound) : config.host;
  if (config.host !== '' && isLoopbackHost(where)) return null;
  const stream = `streams up to ${n(config.streamMaxDurationMs / 1000)} s and ${n(config.fileLimit)} bytes, files up to ${n(config.fileLimit)} chars`;
  const peers =
    proto === 'tcp'
      ? `at most ${n(config.maxConnections)} connections, ${n(config.maxConnectionsPerHost)} per host`
      : `at most ${n(config.udpMaxTransfersPerSource)} transfers per source and ${n(config.udpMaxTransfers)} in all, ` +
        `${mbps(config.udpSourceRateBytesPerSec)} per source and ${mbps(config.udpTotalRateBytesPerSec)} in all`;
  return `Reachable from the network (${where}): ${peers}; ${stream}.`;
}
