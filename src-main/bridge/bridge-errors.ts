// The one set of error codes and messages a page gets from the bridge, on every face.
import { labErr } from '../../src-shared/api.js';
import type { ErrorCode, LabResult } from '../../src-shared/api.js';

/** A call the bridge cannot read: not a command of the contract, or a malformed message. */
export const UNKNOWN_METHOD_CODE: ErrorCode = 'BAD_REQUEST';
/** A command a page may not call (it would name a file path), or a sender that is not ours. */
export const REFUSED_CODE: ErrorCode = 'PERMISSION_DENIED';

export function unknownMethod(method: unknown): LabResult<never> {
  const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : typeof method;
  return labErr(UNKNOWN_METHOD_CODE, `unknown method ${shown}: not a NetLab command`);
}

export function malformedCall(why: string): LabResult<never> {
  return labErr(UNKNOWN_METHOD_CODE, why);
}

export function untrustedSender(): LabResult<never> {
  return labErr(REFUSED_CODE, 'NetLab answers only its own windows.');
}

export function internalError(err: unknown): LabResult<never> {
  return labErr('INTERNAL', `Internal error: ${err instanceof Error ? err.message : String(err)}`);
}
