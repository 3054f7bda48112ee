// Client endpoint slice: the form, the open client endpoint (re-opened when protocol, host or
// port change), Send / Cancel, and the live state of the running exchange.
import type { BothEndsSlice } from './both-ends.js';
import type { ClientConfig, Command, EndpointInfo, HostsInfo } from '../../src-shared/api.js';
import type { CommandKind, ExchangeSummary } from '../../src-shared/events.js';
import {
  STREAM_DEFAULT_COUNT,
  STREAM_DEFAULT_INTERVAL_MS,
  STREAM_DEFAULT_SIZE_BYTES,
  TCP_REPLY_TIMEOUT_MS,
  UDP_IDLE_TIMEOUT_MS,
  UDP_PREPARE_TIMEOUT_MS,
} from '../../src-shared/protocol/limits.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { encodeUtf8 } from '../../src-shared/protocol/text.js';
import type { BaseState, EndpointHooks, GetState, SetState, StoreDeps } from './store-types.js';
import { fieldForError, withoutErrors } from './store-types.js';
import {
  checkFormCommand,
  checkHost,
  checkPort,
  readChars,
  readCount,
  readInterval,
  readSize,
} from './validation.js';
import { checkConditions } from './conditions-form.js';
import { TIMEOUT_FIELD_NAMES, secondsText, timeoutsFromForm } from './client-timeouts.js';
import type { ConditionsSlice } from './conditions-slice.js';
import type { LinkView } from './link-batch.js';

export interface ClientForm {
  proto: Proto;
  host: string;
  port: string;
  tab: CommandKind;
  message: string;
  chars: string;
  intervalMs: string;
  count: string;
  size: string;
  /** TCP: seconds without a reply byte before the exchange ends with TIMEOUT. */
  replyTimeoutS: string;
  /** UDP: seconds without a datagram before the exchange ends (idle timeout). */
  idleTimeoutS: string;
  /** UDP file: seconds without `file_prepared` before the request ends (prepare timeout). */
  prepareTimeoutS: string;
}

export const CLIENT_FIELDS = [
  'host',
  'port',
  'replyTimeoutS',
  'idleTimeoutS',
  'prepareTimeoutS',
  'message',
  'chars',
  'intervalMs',
  'count',
  'size',
] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number] | 'general';
export type ClientErrors = Partial<Record<ClientField, string>>;

/** A UDP client is waiting: for `file_prepared` (prepare) or for the next datagram (idle). */
export interface WaitState {
  kind: 'prepare' | 'idle';
  /** now() when the wait runs out. */
  deadline: number;
  totalMs: number;
}

export interface ClientSlice extends EndpointHooks {
  clientForm: ClientForm;
  clientFormTouched: boolean;
  clientErrors: ClientErrors;
  client: EndpointInfo | null;
  sending: boolean;
  currentExchange: string | null;
  expectedBytes: number | null;
  lastSummary: ExchangeSummary | null;
  wait: WaitState | null;
  /** What the network-conditions link did to the current exchange (null: no link, or nothing yet). */
  linkView: LinkView | null;
  setClientField<K extends keyof ClientForm>(key: K, value: ClientForm[K]): void;
  /** Opens (or re-opens) the client endpoint for the form's protocol, host, port and conditions. */
  syncClient(): Promise<EndpointInfo | null>;
  send(): Promise<void>;
  cancel(): Promise<void>;
  closeClient(): Promise<void>;
}

export type ClientState = BaseState & ClientSlice & ConditionsSlice & BothEndsSlice;

export const DEFAULT_CLIENT_FORM: ClientForm = {
  proto: 'tcp',
  host: '127.0.0.1',
  port: '8120',
  tab: 'echo',
  message: 'hello',
  chars: '1000000',
  intervalMs: String(STREAM_DEFAULT_INTERVAL_MS),
  count: String(STREAM_DEFAULT_COUNT),
  size: String(STREAM_DEFAULT_SIZE_BYTES),
  replyTimeoutS: secondsText(TCP_REPLY_TIMEOUT_MS),
  idleTimeoutS: secondsText(UDP_IDLE_TIMEOUT_MS),
  prepareTimeoutS: secondsText(UDP_PREPARE_TIMEOUT_MS),
};

/** Validates the fields of the selected tab; returns the command and its expected payload bytes. */
export function commandFromForm(
  form: ClientForm,
): { ok: true; command: Command; expected: number } | { ok: false; errors: ClientErrors } {
  const read = readCommand(form);
  if (!read.ok) return read;
  // The rules are the contract's (CommandSchema), the same check the CLI and the engine run.
  const checked = checkFormCommand(read.command, form.proto);
  if (!checked.ok) return { ok: false, errors: checked.errors as ClientErrors };
  const command = checked.value;
  const expected =
    command.type === 'echo'
      ? encodeUtf8(command.text.trim()).length
      : command.type === 'file'
        ? Math.max(0, command.chars)
        : command.count * command.size;
  return { ok: true, command, expected };
}

/** Reads the selected tab's fields as numbers / text; their limits are judged by checkFormCommand. */
function readCommand(form: ClientForm): { ok: true; command: Command } | { ok: false; errors: ClientErrors } {
  if (form.tab === 'echo') return { ok: true, command: { type: 'echo', text: form.message } };
  if (form.tab === 'file') {
    const c = readChars(form.chars);
    if (!c.ok) return { ok: false, errors: { chars: c.message } };
    return { ok: true, command: { type: 'file', chars: c.value } };
  }
  const interval = readInterval(form.intervalMs);
  const count = readCount(form.count);
  const size = readSize(form.size);
  const errors: ClientErrors = {};
  if (!interval.ok) errors.intervalMs = interval.message;
  if (!count.ok) errors.count = count.message;
  if (!size.ok) errors.size = size.message;
  if (!interval.ok || !count.ok || !size.ok) return { ok: false, errors };
  return {
    ok: true,
    command: { type: 'stream', intervalMs: interval.value, count: count.value, size: size.value },
  };
}

/** Failed exchanges whose summary is worth showing beside the error: something did arrive, or was awaited. */
export function showsFailedSummary(s: ExchangeSummary): boolean {
  return s.end === 'short' || s.end === 'reply-timeout';
}

function timeouts(client: EndpointInfo | null): { idleMs: number; prepareMs: number } {
  const config = client?.config as Partial<ClientConfig> | undefined;
  return {
    idleMs: config?.idleTimeoutMs ?? UDP_IDLE_TIMEOUT_MS,
    prepareMs: config?.prepareTimeoutMs ?? UDP_PREPARE_TIMEOUT_MS,
  };
}

export function createClientSlice(
  set: SetState<ClientState>,
  get: GetState<ClientState>,
  deps: StoreDeps,
): ClientSlice {
  const api = deps.transport.api;
  // Opens and closes run one after another, so a quick protocol switch never leaks an endpoint.
  let chain: Promise<EndpointInfo | null> = Promise.resolve(null);
  // The conditions the open client was opened with (checkConditions' key).
  let openedConditions = 'off';

  const doSync = async (): Promise<EndpointInfo | null> => {
    const { clientForm: form, client: current } = get();
    const host = checkHost(form.host, 'client');
    const port = checkPort(form.port, 'client');
    const waits = timeoutsFromForm(form);
    const conditions = checkConditions(get().conditionsForm, form.proto);
    // A valid form keeps the same (empty) errors object: no re-render of the panel for nothing.
    if (!conditions.ok) set({ conditionsErrors: conditions.errors });
    else if (Object.keys(get().conditionsErrors).length > 0) set({ conditionsErrors: {} });
    if (!host.ok || !port.ok || !waits.ok) {
      const errors = withoutErrors(get().clientErrors, 'host', 'port', ...TIMEOUT_FIELD_NAMES);
      if (!host.ok) errors.host = host.message;
      if (!port.ok) errors.port = port.message;
      if (!waits.ok) Object.assign(errors, waits.errors);
      set({ clientErrors: errors });
      return null;
    }
    const timeouts = waits.value;
    // Invalid conditions: nothing is opened or sent until the panel's fields are fixed.
    if (!conditions.ok) return null;
    const config = current?.config as ClientConfig | undefined;
    if (
      current &&
      config &&
      current.proto === form.proto &&
      config.host === host.value &&
      config.port === port.value &&
      (config.replyTimeoutMs ?? TCP_REPLY_TIMEOUT_MS) === timeouts.replyTimeoutMs &&
      (config.idleTimeoutMs ?? UDP_IDLE_TIMEOUT_MS) === timeouts.idleTimeoutMs &&
      (config.prepareTimeoutMs ?? UDP_PREPARE_TIMEOUT_MS) === timeouts.prepareTimeoutMs &&
      openedConditions === conditions.key
    ) {
      return current;
    }
    if (current) {
      set({ client: null });
      await api.closeClient({ endpointId: current.id });
    }
    const r = await api.openClient({
      proto: form.proto,
      host: host.value,
      port: port.value,
      ...timeouts,
      conditions: conditions.conditions,
    });
    const others = withoutErrors(get().clientErrors, 'host', 'port', ...TIMEOUT_FIELD_NAMES, 'general');
    if (!r.ok) {
      // A refusal of the conditions themselves goes under the panel, not under Host / Port.
      if (conditions.conditions && fieldForError(r.error, CLIENT_FIELDS) === 'general') {
        set({ clientErrors: others, conditionsErrors: { general: r.error.message } });
      } else {
        set({ clientErrors: { ...others, [fieldForError(r.error, CLIENT_FIELDS)]: r.error.message } });
      }
      return null;
    }
    openedConditions = conditions.key;
    get().adoptEndpoint(r.value.id);
    // The link's events (drops, its summary) are shown with the client's exchanges.
    if (r.value.link) get().adoptEndpoint(r.value.link);
    set({ client: r.value, clientErrors: others, linkView: null });
    return r.value;
  };

  return {
    role: 'client',
    clientForm: DEFAULT_CLIENT_FORM,
    clientFormTouched: false,
    clientErrors: {},
    client: null,
    sending: false,
    currentExchange: null,
    expectedBytes: null,
    lastSummary: null,
    wait: null,
    linkView: null,

    setClientField(key, value) {
      const { clientForm, clientErrors } = get();
      // The size limit depends on the protocol, so a protocol switch re-checks it.
      const rest = withoutErrors(clientErrors, key, 'general', ...(key === 'proto' ? ['size'] : []));
      set({ clientForm: { ...clientForm, [key]: value }, clientFormTouched: true, clientErrors: rest });
    },

    prefill(hosts: HostsInfo) {
      // An empty host (all interfaces) suits servers only.
      const first = hosts.entries.find((e) => e.host !== '');
      if (get().clientFormTouched || !first) return;
      set({ clientForm: { ...get().clientForm, host: first.host, port: String(first.port) } });
    },

    async revalidate() {
      const client = get().client;
      if (!client) return;
      const r = await api.listEndpoints({});
      if (r.ok && !r.value.some((e) => e.id === client.id)) set({ client: null });
    },

    syncClient() {
      chain = chain.then(doSync, doSync);
      return chain;
    },

    async send() {
      if (get().sending) return;
      const checked = commandFromForm(get().clientForm);
      if (!checked.ok) {
        set({ clientErrors: { ...get().clientErrors, ...checked.errors } });
        return;
      }
      const client = await get().syncClient();
      if (!client) return;
      const { idleMs, prepareMs } = timeouts(client);
      const udpWait: WaitState | null =
        client.proto !== 'udp'
          ? null
          : checked.command.type === 'file'
            ? { kind: 'prepare', deadline: deps.now() + prepareMs, totalMs: prepareMs }
            : { kind: 'idle', deadline: deps.now() + idleMs, totalMs: idleMs };
      const { timeline } = get();
      timeline.reset(0);
      set({
        sending: true,
        currentExchange: null,
        lastSummary: null,
        expectedBytes: checked.expected,
        wait: udpWait,
        timelineVersion: timeline.version,
        timelineExchange: null,
        linkView: null,
        clientErrors: {},
      });
      const r = await api.send({ endpointId: client.id, command: checked.command });
      if (r.ok) set({ sending: false, wait: null, lastSummary: r.value });
      else {
        // A reply cut short or timed out still has figures to show; its summary event may come later.
        const current = get().currentExchange;
        const summary = current ? get().exchanges[current]?.summary : null;
        set({
          sending: false,
          wait: null,
          clientErrors: { general: r.error.message },
          lastSummary: summary && showsFailedSummary(summary) ? summary : null,
        });
      }
    },

    async cancel() {
      const client = get().client;
      if (!client || !get().sending) return;
      const r = await api.cancel({ endpointId: client.id });
      if (!r.ok) set({ clientErrors: { general: r.error.message } });
    },

    async closeClient() {
      chain = chain.then(async () => {
        const client = get().client;
        if (client) {
          set({ client: null });
          await api.closeClient({ endpointId: client.id });
        }
        return null;
      });
      await chain;
    },
  };
}
