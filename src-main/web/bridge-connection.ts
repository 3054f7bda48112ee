// One browser tab's WebSocket, the transport of the one bridge core (src-main/bridge): reads
// each frame into a call, hands it to the core (which validates it, applies the page policy and
// tracks what the tab owns), replies by id, forwards event batches, and tells the core when the
// tab goes away (as closing an Electron window does).
import type { RawData, WebSocket } from 'ws';
import type { LabResult } from '../../src-shared/api.js';
import type { BridgeServerMessage } from '../../src-shared/bridge.js';
import type { LabEvent } from '../../src-shared/events.js';
import type { BridgeCore } from '../bridge/bridge-core.js';
import { malformedCall } from '../bridge/bridge-errors.js';
import { eventsMessageFromLines } from '../engine/event-json.js';
import { EventOutbox } from './event-outbox.js';

/** A reply to a message whose id could not be read carries this id. */
export const UNKNOWN_CALL_ID = 0;

/** A call as read off the wire: the method is checked by the bridge core, like the arguments. */
export interface WireCall {
  id: number;
  method: unknown;
  args: unknown;
}

type ParsedMessage = { ok: true; call: WireCall } | { ok: false; id: number; message: string };

/** Pure: turns one text frame into a call, or says precisely what is wrong with its framing. */
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
  return { ok: true, call: { id, method: msg.method, args: msg.args } };
}

let nextTabId = 0;

export class BridgeConnection {
  private readonly outbox: EventOutbox;
  /** The bridge core's owner id for this tab. */
  private readonly owner = `tab-${++nextTabId}`;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly core: BridgeCore,
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
      this.reply(UNKNOWN_CALL_ID, malformedCall('binary messages are not accepted; send JSON text'));
      return;
    }
    const parsed = parseBridgeMessage(rawToString(data));
    if (!parsed.ok) {
      this.reply(parsed.id, malformedCall(parsed.message));
      return;
    }
    // Calls run concurrently: a long `send` must not hold up the `cancel` that stops it.
    void this.dispatch(parsed.call);
  }

  private async dispatch(call: WireCall): Promise<void> {
    const result = await this.core.call(this.owner, call.method, call.args);
    this.reply(call.id, result);
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox.close();
    void this.core.release(this.owner);
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
