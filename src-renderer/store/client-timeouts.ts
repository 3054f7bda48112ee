// The client's three waits as form fields in seconds: UDP idle (no datagram), UDP prepare (no
// `file_prepared`) and TCP reply (no reply byte). The contract's ClientConfigSchema judges them,
// the same check the CLI and the engine run; its issue path says which field an error belongs to.
import { ClientConfigSchema } from '../../src-shared/api.js';
import {
  CLIENT_WAIT_MAX_MS,
  TCP_REPLY_TIMEOUT_MS,
  UDP_IDLE_TIMEOUT_MS,
  UDP_PREPARE_TIMEOUT_MS,
} from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

export interface ClientTimeouts {
  idleTimeoutMs: number;
  prepareTimeoutMs: number;
  replyTimeoutMs: number;
}

/** Form field (seconds, text) → config key (ms). */
export const TIMEOUT_FIELDS = {
  idleTimeoutS: 'idleTimeoutMs',
  prepareTimeoutS: 'prepareTimeoutMs',
  replyTimeoutS: 'replyTimeoutMs',
} as const satisfies Record<string, keyof ClientTimeouts>;
export type TimeoutField = keyof typeof TIMEOUT_FIELDS;
export const TIMEOUT_FIELD_NAMES = Object.keys(TIMEOUT_FIELDS) as TimeoutField[];

export const DEFAULT_TIMEOUTS: ClientTimeouts = {
  idleTimeoutMs: UDP_IDLE_TIMEOUT_MS,
  prepareTimeoutMs: UDP_PREPARE_TIMEOUT_MS,
  replyTimeoutMs: TCP_REPLY_TIMEOUT_MS,
};

const WORDS: Record<TimeoutField, string> = {
  idleTimeoutS: 'idle timeout',
  prepareTimeoutS: 'prepare timeout',
  replyTimeoutS: 'reply timeout',
};

/** Which waits a protocol has: a field the form does not show is never an error. */
export function timeoutFieldsOf(proto: Proto): TimeoutField[] {
  return proto === 'udp' ? ['idleTimeoutS', 'prepareTimeoutS'] : ['replyTimeoutS'];
}

export function secondsText(ms: number): string {
  return String(ms / 1000);
}

const SECONDS_RE = /^\+?(\d+\.?\d*|\.\d+)$/;

export type TimeoutsChecked =
  | { ok: true; value: ClientTimeouts }
  | { ok: false; errors: Partial<Record<TimeoutField, string>> };

/**
 * Reads the protocol's timeout fields (seconds) as the API's milliseconds and checks them with
 * ClientConfigSchema. The other protocol's fields keep their defaults when they do not parse.
 */
export function timeoutsFromForm(form: { proto: Proto } & Record<TimeoutField, string>): TimeoutsChecked {
  const shown = timeoutFieldsOf(form.proto);
  const value: ClientTimeouts = { ...DEFAULT_TIMEOUTS };
  const errors: Partial<Record<TimeoutField, string>> = {};
  for (const field of TIMEOUT_FIELD_NAMES) {
    const text = form[field].trim();
    const seconds = Number(text);
    const key = TIMEOUT_FIELDS[field];
    if (text !== '' && SECONDS_RE.test(text) && seconds > 0) value[key] = Math.max(1, Math.round(seconds * 1000));
    else if (shown.includes(field))
      errors[field] = `Enter the ${WORDS[field]} in seconds, more than 0, e.g. ${secondsText(DEFAULT_TIMEOUTS[key])}.`;
  }
  // The contract's rule (whole ms, 1 … CLIENT_WAIT_MAX_MS); host and port are checked by their own fields.
  const checked = ClientConfigSchema.safeParse({ proto: form.proto, host: 'localhost', port: 1, ...value });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = TIMEOUT_FIELD_NAMES.find((f) => TIMEOUT_FIELDS[f] === issue.path[0]);
      if (!field) continue;
      if (!shown.includes(field)) {
        value[TIMEOUT_FIELDS[field]] = DEFAULT_TIMEOUTS[TIMEOUT_FIELDS[field]];
        continue;
      }
      errors[field] ??= `Must be at most ${(CLIENT_WAIT_MAX_MS / 1000).toLocaleString('en-US')} s.`;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
