// Reply texts use the classic wording (docs/protocol.md §5) so a classic client shows the same lines.

export function fileOverLimitReply(n: string, limit: number): string {
  return `Request for file of ${n} chars. Server limit is: ${limit} chars.`;
}

export function fileNotPositiveReply(n: string): string {
  return `Request for file of ${n} chars. File size must be at least 1 char.`;
}

export function badStreamReply(count: string, interval: string, size: string): string {
  return `Request for transfer of ${count} segments at interval: ${interval}, of size: ${size} has errors.`;
}

export function invalidUtf8Reply(): string {
  return 'Request is not valid UTF-8 text.';
}

export function oversizedRequestReply(limit: number): string {
  return `Request is longer than ${limit} bytes.`;
}

/** Echo upper-cases ASCII letters only; other characters pass through unchanged. */
export function echoReply(text: string): string {
  return text.replace(/[a-z]+/g, (s) => s.toUpperCase());
}
