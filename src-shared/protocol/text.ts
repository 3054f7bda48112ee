// src-shared has neither DOM nor Node types; both runtimes provide these WHATWG globals.
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean }): { decode(input?: Uint8Array): string };
};
declare const TextEncoder: { new (): { encode(input?: string): Uint8Array } };

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Returns null when the bytes are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

export function decodeUtf8Lenient(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Python's str.strip() set for ASCII plus Unicode spaces that JS trim() also removes. */
export function stripRequest(text: string): string {
  return text.trim();
}
