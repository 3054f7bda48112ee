// parseSegmentSequence (src-shared) reads at most this many leading digits; the framer agrees.
const MAX_SEQUENCE_DIGITS = 16;

/** Where the framer is inside the current segment. */
type Phase = 'start' | 'digits' | 'body';

/**
 * Cuts a TCP byte stream into the server's `size`-byte stream segments and reads the sequence
 * number at the head of each. TCP reads are not segments: one read may hold many segment heads,
 * and a head's digits may be cut between two reads, so the digits are carried across reads.
 * Only segment heads are looked at; the bodies are skipped without touching their bytes.
 */
export class SegmentFramer {
  /** Bytes of the current segment consumed so far. */
  private pos = 0;
  private phase: Phase = 'start';
  private value = 0;
  private digits = 0;
  private firstInRead: number | null = null;

  constructor(
    private readonly size: number,
    /** Called once per segment head, with its number or null when the head has no digits. */
    private readonly onSequence: (sequence: number | null) => void,
  ) {}

  /** Feeds one read; returns the first sequence number completed in it (for the rx event), or null. */
  push(chunk: Uint8Array): number | null {
    this.firstInRead = null;
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      if (this.phase === 'start') {
        this.phase = 'digits';
        this.value = 0;
        this.digits = 0;
      }
      if (this.phase === 'digits') {
        while (i < length && this.pos < this.size) {
          const c = chunk[i]!;
          if (c < 0x30 || c > 0x39 || this.digits >= MAX_SEQUENCE_DIGITS) break;
          this.value = this.value * 10 + (c - 0x30);
          this.digits++;
          i++;
          this.pos++;
        }
        // The head is done at a non-digit or at the segment's end; at the read's end it may go on.
        if (i < length || this.pos >= this.size) this.completeHead();
      } else {
        const skip = Math.min(this.size - this.pos, length - i);
        i += skip;
        this.pos += skip;
      }
      if (this.pos >= this.size) {
        this.pos = 0;
        this.phase = 'start';
      }
    }
    return this.firstInRead;
  }

  /** At end of stream: a head cut short by the FIN still counts with the digits it had. */
  flush(): void {
    if (this.phase === 'digits' && this.digits > 0) this.completeHead();
  }

  private completeHead(): void {
    this.phase = 'body';
    const sequence = this.digits > 0 ? this.value : null;
    if (this.firstInRead === null) this.firstInRead = sequence;
    this.onSequence(sequence);
  }
}
