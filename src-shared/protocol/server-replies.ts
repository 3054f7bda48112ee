// Reply lines for NetLab's server bounds (docs/protocol.md §8). They follow the classic pattern
// "Request for …. Server limit is: …" so a classic client shows them like any other error line.

/** count × interval longer than the server's stream duration limit. */
export function streamTooLongReply(count: number, interval: string, limitMs: number): string {
  return `Request for transfer of ${count} segments at interval: ${interval} lasts too long. Server limit is: ${limitMs / 1000} s.`;
}

/** count × size over the server's file limit (a stream carries no more than a file may). */
export function streamTooLargeReply(count: number, size: number, limitBytes: number): string {
  return `Request for transfer of ${count} segments of size: ${size} is ${count * size} bytes. Server limit is: ${limitBytes} bytes.`;
}

/** A TCP connection over the server's connection cap (then closed). */
export function tcpBusyReply(max: number): string {
  return `Busy: server has ${max} connections open, its limit. Try again later.`;
}

/** A TCP connection over the per-host cap (then closed). */
export function tcpHostBusyReply(max: number): string {
  return `Busy: ${max} connections from your address already, the server's limit. Try again later.`;
}

/**
 * A UDP transfer over the per-source or total cap. Sent cut to the request's own length, so a
 * refusal is never bigger than what asked for it (no amplification); the log keeps the whole line.
 */
export function udpBusyReply(max: number, perSource: boolean): string {
  const what = perSource ? `${max} transfers to your address` : `${max} transfers`;
  return `Busy: ${what} already, the server's limit. Try again later.`;
}
