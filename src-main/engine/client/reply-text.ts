/** Echo and error replies are shown to the user, cut to this many characters. */
export const REPLY_MAX_CHARS = 1024;
// UTF-8 needs at most 4 bytes a character; keeping more would only cost memory.
const REPLY_MAX_BYTES = REPLY_MAX_CHARS * 4;

/** Collects the text of a reply across reads / datagrams, bounded in memory. */
export class ReplyText {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  /** Bytes seen, including those beyond what is kept. */
  total = 0;

  push(chunk: Uint8Array): void {
    this.total += chunk.length;
    const room = REPLY_MAX_BYTES - this.kept;
    if (room <= 0) return;
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.parts.push(Buffer.from(part));
    this.kept += part.length;
  }

  /** The reply as text, stripped like a request, at most REPLY_MAX_CHARS characters. */
  text(): string {
    const all = Buffer.concat(this.parts).toString('utf8').trim();
    return all.length > REPLY_MAX_CHARS ? all.slice(0, REPLY_MAX_CHARS) : all;
  }
}
