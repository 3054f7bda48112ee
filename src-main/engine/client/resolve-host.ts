import { lookup } from 'node:dns/promises';
import { LabError } from '../errors.js';

export interface ResolvedHost {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a client's host name to one address (literals come back as they are). Resolving
 * before connecting lets a UDP client pick the matching socket family, and gives both clients
 * one clear HOST_NOT_FOUND that names the host instead of a bare ENOTFOUND.
 */
export async function resolveHost(host: string): Promise<ResolvedHost> {
  try {
    const { address, family } = await lookup(host);
    return { address, family: family === 6 ? 6 : 4 };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'lookup failed';
    throw new LabError(
      'HOST_NOT_FOUND',
      `Unknown host "${host}": it could not be resolved to an address (${code}). Check the name or use an IP address.`,
    );
  }
}
