// Address text for events and error messages, shared by both servers.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { formatHostPort } from '../../../src-shared/hosts.js';

const V4_MAPPED_PREFIX = '::ffff:';

/**
 * host:port of a socket address. A dual-stack server sees IPv4 peers as ::ffff:a.b.c.d; they are
 * shown as plain IPv4 so the log matches what the peer (and a Wireshark filter) calls itself.
 */
export function socketAddress(address: string | undefined, port: number | undefined): string {
  if (address === undefined || port === undefined) return '';
  const plain =
    address.startsWith(V4_MAPPED_PREFIX) && address.includes('.')
      ? address.slice(V4_MAPPED_PREFIX.length)
      : address;
  return formatHostPort(plain, port);
}

/** The peer's IP address as one key for per-host / per-source bounds (IPv4-mapped as plain IPv4). */
export function peerHost(address: string | undefined): string {
  if (address === undefined) return '';
  return address.startsWith(V4_MAPPED_PREFIX) && address.includes('.')
    ? address.slice(V4_MAPPED_PREFIX.length)
    : address;
}

/** Where a server asked to bind, for messages: "127.0.0.1:8120", "[::1]:8120", "port 8120 on all interfaces". */
export function describeBind(host: string, port: number): string {
  return host === '' ? `port ${port} on all interfaces` : formatHostPort(host, port);
}

export interface UdpBind {
  type: 'udp4' | 'udp6';
  address: string;
}

/** The socket type and address a UDP server binds for `host` ('' = all interfaces, dual stack). */
export async function resolveUdpBind(host: string): Promise<UdpBind> {
  if (host === '') return { type: 'udp6', address: '::' };
  const literal = isIP(host);
  if (literal !== 0) return { type: literal === 6 ? 'udp6' : 'udp4', address: host };
  const found = await lookup(host);
  return { type: found.family === 6 ? 'udp6' : 'udp4', address: found.address };
}
