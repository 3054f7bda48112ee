import { describe, expect, it } from 'vitest';
import { UNKNOWN_CALL_ID, parseBridgeMessage } from '../../src-main/web/bridge-connection.js';

describe('parseBridgeMessage', () => {
  it('accepts a well-formed call', () => {
    const parsed = parseBridgeMessage(JSON.stringify({ type: 'call', id: 7, method: 'listHosts', args: {} }));
    expect(parsed).toEqual({ ok: true, call: { id: 7, method: 'listHosts', args: {} } });
  });

  it.each([
    ['{not json', UNKNOWN_CALL_ID, /not valid JSON/],
    ['', UNKNOWN_CALL_ID, /not valid JSON/],
    ['[1,2]', UNKNOWN_CALL_ID, /JSON object/],
    ['null', UNKNOWN_CALL_ID, /JSON object/],
    ['{"type":"call","method":"listHosts"}', UNKNOWN_CALL_ID, /integer "id"/],
    ['{"type":"call","id":1.5,"method":"listHosts"}', UNKNOWN_CALL_ID, /integer "id"/],
    ['{"type":"call","id":0,"method":"listHosts"}', UNKNOWN_CALL_ID, /integer "id"/],
    ['{"type":"hello","id":3}', 3, /unknown message type "hello"/],
    // Unknown methods are the bridge core's to refuse, with the same code on both faces.
  ])('rejects %s with a clear message', (text, id, message) => {
    const parsed = parseBridgeMessage(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.id).toBe(id);
    expect(parsed.message).toMatch(message);
  });
});
