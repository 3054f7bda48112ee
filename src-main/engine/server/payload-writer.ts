import type { LabError } from '../errors.js';

/**
 * What the reply code writes through, so echo, file and stream logic is written once for TCP
 * (one socket, kernel backpressure) and UDP (datagrams to one peer, bursts with bounded in-flight).
 */
export interface PayloadWriter {
  /** Queues one write / datagram. false: await drained() before writing again. */
  write(chunk: Uint8Array): boolean;
  /** Resolves true when writing may go on, false when the transport is gone or the reply was cancelled. */
  drained(): Promise<boolean>;
  /** Resolves true once everything queued has been handed to the kernel (TCP: and our FIN sent). */
  finish(): Promise<boolean>;
  /** False once the peer vanished, a send failed or the reply was cancelled. */
  readonly open: boolean;
  /** Why the transport failed, when it did (the cancelled case has none). */
  readonly failure: LabError | null;
}
