import type { ErrorCode, LabErrorInfo } from '../../src-shared/api.js';

/** An engine error with a stable code; crosses process boundaries as {code, message}. */
export class LabError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabError';
  }

  toInfo(): LabErrorInfo {
    return { code: this.code, message: this.message };
  }
}

const ERRNO_CODES: Record<string, ErrorCode> = {
  EADDRINUSE: 'ADDR_IN_USE',
  EADDRNOTAVAIL: 'ADDR_NOT_AVAILABLE',
  ENOTFOUND: 'HOST_NOT_FOUND',
  EAI_AGAIN: 'HOST_NOT_FOUND',
  EAI_NONAME: 'HOST_NOT_FOUND',
  EAI_FAIL: 'HOST_NOT_FOUND',
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  ETIMEDOUT: 'TIMEOUT',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EINVAL: 'BAD_ARGUMENT',
  EAFNOSUPPORT: 'ADDR_NOT_AVAILABLE',
  ENETUNREACH: 'HOST_NOT_FOUND',
  EHOSTUNREACH: 'HOST_NOT_FOUND',
};

/**
 * Turns whatever a socket threw into a LabError whose message a student can act on.
 * `where` names the address involved, e.g. "127.0.0.1:8120".
 */
export function toLabError(err: unknown, where?: string): LabError {
  if (err instanceof LabError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const errno = e?.code ?? '';
  const code = ERRNO_CODES[errno] ?? 'IO_ERROR';
  const at = where ? ` ${where}` : '';
  switch (code) {
    case 'ADDR_IN_USE':
      return new LabError(code, `Port already in use: another program is listening on${at}.`);
    case 'ADDR_NOT_AVAILABLE':
      return new LabError(code, `Address not available on this machine:${at}.`);
    case 'HOST_NOT_FOUND':
      return new LabError(code, `Unknown host:${at} could not be resolved or reached.`);
    case 'CONNECTION_REFUSED':
      return new LabError(code, `Connection refused by${at}: is a server running there?`);
    case 'CONNECTION_RESET':
      return new LabError(code, `Connection reset by the peer${at}.`);
    case 'PERMISSION_DENIED':
      return new LabError(code, `Permission denied for${at} (ports below 1024 need privileges).`);
    case 'TIMEOUT':
      return new LabError(code, `Timed out talking to${at}.`);
    default:
      return new LabError(code, `${e?.message ?? String(err)}${at ? ` (${at.trim()})` : ''}`);
  }
}

/** Socket errors keep their errno mapping; anything else is a bug in NetLab, said as such. */
export function asLabError(err: unknown): LabError {
  if (err instanceof LabError || typeof (err as NodeJS.ErrnoException | null)?.code === 'string') {
    return toLabError(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LabError('INTERNAL', `Internal error: ${message}`);
}
