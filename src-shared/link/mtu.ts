// The MTU check: a datagram's IP packet is its payload plus the IP and UDP headers. Above the MTU
// it is dropped (as with the don't-fragment bit) or passed on and counted as IP fragments.
import type { DirectionConditions } from './conditions.js';
import { IPV4_UDP_HEADER_BYTES, IPV6_UDP_HEADER_BYTES } from './limits.js';

export type MtuVerdict = 'ok' | 'drop' | 'fragment';

export function ipPacketBytes(payloadBytes: number, ipv6: boolean): number {
  return payloadBytes + (ipv6 ? IPV6_UDP_HEADER_BYTES : IPV4_UDP_HEADER_BYTES);
}

export function checkMtu(
  payloadBytes: number,
  c: Pick<DirectionConditions, 'mtuBytes' | 'mtuAction'>,
  ipv6 = false,
): MtuVerdict {
  if (c.mtuBytes === 0 || ipPacketBytes(payloadBytes, ipv6) <= c.mtuBytes) return 'ok';
  return c.mtuAction;
}

/** IP fragments a datagram becomes: each carries up to MTU − IP header bytes (8-byte aligned). */
export function fragmentCount(payloadBytes: number, mtuBytes: number, ipv6 = false): number {
  const ipHeader = (ipv6 ? IPV6_UDP_HEADER_BYTES : IPV4_UDP_HEADER_BYTES) - 8;
  const perFragment = Math.max(8, Math.floor((mtuBytes - ipHeader) / 8) * 8);
  return Math.ceil((payloadBytes + 8) / perFragment);
}
