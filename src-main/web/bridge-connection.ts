// One browser tab's WebSocket: validates each call, dispatches it to the Lab, replies by id,
// forwards event batches, and stops the endpoints the tab started when it goes away
// (as closing an Electron window does).
import type { RawData, WebSocket } from 'ws';
import { isLabCommandName, labErr } from '../../src-shared/api.js';
import type { LabCommandName, LabResult } from '../../src-shared/api.js';
import type { BridgeCall, BridgeServerMessage } from '../../src-shared/bridge.js';
import type { LabEvent } from '../../src-shared/events.js';
import { eventsMessageFromLines } from '../engine/event-json.js';
import { EventOutbox } from './event-outbox.js';
import type { WebLab } from './web-lab.js';

/** A reply to a message whose id could not be read carries this id. */
export const UNKNOWN_CALL_ID = 0;

type ParsedMessage = { ok: true; call: BridgeCall } | { ok: false; id: number; message: string };

/** Pure: turns one text frame into a call, or says precisely what is wrong with it. */
export function parseBridgeMessage(text: string): ParsedMessage {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, id: UNKNOWN_CALL_ID, message: `message is not valid JSON (${why})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, id: UNKNOWN_CALL_ID, message: 'message must be a JSON object' };
  }
  const msg = data as Record<string, unknown>;
  const id = msg.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    return { ok: false, id: UNKNOWN_CALL_ID, message: 'message needs an integer "id" ≥ 1' };
  }
  if (msg.type !== 'call')
    return { ok: false, id, message: `unknown message type ${JSON.stringify(msg.type)}` };
  if (!isLabCommandName(msg.method)) {
    return { ok: false, id, message: `unknown method ${JSON.stringify(msg.method)}` };
  }
  return { ok: true, call: { type: 'call', id, method: msg.method, args: msg.args } };
}

const RELEASE_METHOD: Partial<Record<LabCommandName, LabCommandName>> = {
  startServer: 'stopServer',
  openClient: 'closeClient',
};

export class BridgeConnection {
  private readonly outbox: EventOutbox;
  /** Endpoints this tab started, with the command that releases each. */
  private readonly owned = new Map<string, LabCommandName>();
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly lab: WebLab,
    log: (line: string) => void,
  ) {
    this.outbox = new EventOutbox(
      {
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        isOpen: () => ws.readyState === ws.OPEN,
        // The journal already stringified these events: the message reuses its strings.
        sendBatch: (_batch, lines) => {
          if (ws.readyState === ws.OPEN) ws.send(eventsMessageFromLines(lines));
        },
      },
      (dropped) =>
        log(
          `browser mode: a tab fell behind; dropped ${dropped} packet events from its live view (the CSV keeps all)`,
        ),
    );
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.onClose());
  }

  pushEvents(batch: readonly LabEvent[]): void {
    this.outbox.push(batch);
  }

  private send(message: BridgeServerMessage): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(message));
  }

  private reply(id: number, result: LabResult<unknown>): void {
    this.send({ type: 'reply', id, result });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.reply(UNKNOWN_CALL_ID, labErr('BAD_REQUEST', 'binary messages are not accepted; send JSON text'));
      return;
    }
    const parsed = parseBridgeMessage(rawToString(data));
    if (!parsed.ok) {
      this.reply(parsed.id, labErr('BAD_REQUEST', parsed.message));
      return;
    }
    // Calls run concurrently: a long `send` must not hold up the `cancel` that stops it.
    void this.dispatch(parsed.call);
  }

  private async dispatch(call: BridgeCall): Promise<void> {
    let result: LabResult<unknown>;
    try {
      result = await this.lab.call(call.method, call.args);
    } catch (err) {
      result = labErr('INTERNAL', err instanceof Error ? err.message : String(err));
    }
    this.track(call, result);
    this.reply(call.id, result);
  }

  private track(call: BridgeCall, result: LabResult<unknown>): void {
    if (!result.ok) return;
    const release = RELEASE_METHOD[call.method];
    const id = (result.value as { id?: unknown } | null)?.id;
    if (release && typeof id === 'string') {
      if (this.closed) void this.release(id, release);
      else this.owned.set(id, release);
    }
    if (call.method === 'stopServer' || call.method === 'closeClient') {
      this.owned.delete((call.args as { endpointId?: string } | null)?.endpointId ?? '');
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox.close();
    for (const [id, release] of this.owned) void this.release(id, release);
    this.owned.clear();
  }

  private async release(endpointId: string, method: LabCommandName): Promise<void> {
    try {
      await this.lab.call(method, { endpointId });
    } catch {
      // Already gone: nothing to stop.
    }
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
