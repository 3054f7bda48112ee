// Shared constants and helpers for scenarios that talk to a NetLab server on loopback.
import type { ClientConfigInput, EndpointInfo } from '../../src-shared/api.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

export const LOOPBACK = '127.0.0.1';
/** The big file: the classic tool's whole file limit. */
export const BIG_FILE_CHARS = 123_456_789;
/** Generous upper bound for one 123 MB transfer on a slow shared machine. */
export const BIG_TRANSFER_TIMEOUT_MS = 120_000;

/** A client of the server `info` describes (its bound port), with any setting overridden. */
export function clientConfig(
  proto: Proto,
  info: EndpointInfo,
  extra: Partial<ClientConfigInput> = {},
): ClientConfigInput {
  if (info.port === null) throw new Error('the server reported no port');
  return { proto, host: LOOPBACK, port: info.port, ...extra };
}
