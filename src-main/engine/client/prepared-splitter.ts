import { FILE_FILL_BYTE, FILE_PREPARED } from '../../../src-shared/protocol/limits.js';
import { ReplyText } from './reply-text.js';

const MARKER = Buffer.from(FILE_PREPARED, 'ascii');

export type SplitterState = 'waiting' | 'prepared' | 'reply';

/**
 * Separates the 13-byte `file_prepared` marker from the file payload on a TCP byte stream.
 * TCP keeps no message boundaries: the marker may share a read with the first payload bytes
 * (the classic client dropped those), or arrive cut over several reads. If the server answers
 * with anything else (an error line such as "Request for file of … Server limit is …"), every
 * byte from then on is reply text, never payload.
 */
export class PreparedSplitter {
  state: SplitterState = 'waiting';
  readonly reply = new ReplyText();
  /** Marker bytes matched so far while waiting. */
  private matched = 0;

  /**
   * Feeds one read. Returns the payload bytes it carried (a view, no copy), or null when it
   * carried none. Check `state` afterwards to see whether the marker completed or a reply began.
   */
  push(chunk: Buffer): Buffer | null {
    if (this.state === 'prepared') return chunk;
    if (this.state === 'reply') {
      this.reply.push(chunk);
      return null;
    }
    let i = 0;
    while (i < chunk.length && this.matched < MARKER.length) {
      if (chunk[i] !== MARKER[this.matched]) {
        // Not the marker: what matched so far was the start of the reply text.
        this.state = 'reply';
        this.reply.push(MARKER.subarray(0, this.matched));
        this.reply.push(chunk.subarray(i));
        return null;
      }
      this.matched++;
      i++;
    }
    if (this.matched < MARKER.length) return null;
    this.state = 'prepared';
    return i < chunk.length ? chunk.subarray(i) : null;
  }
}

/** True when the datagram is exactly `file_prepared`. */
export function isPreparedMarker(datagram: Uint8Array): boolean {
  return datagram.length === MARKER.length && MARKER.equals(datagram);
}

/**
 * Stream segments start with a sequence number (digits) or with fill bytes ('A').
 * Anything else in the first byte is a server's reply text, e.g. "Request for transfer … has errors."
 */
export function looksLikeStreamPayload(firstByte: number | undefined): boolean {
  if (firstByte === undefined) return false;
  return firstByte === FILE_FILL_BYTE || (firstByte >= 0x30 && firstByte <= 0x39);
}
