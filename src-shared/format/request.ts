// What a request was, as the user would type it, for every face that names an exchange.
import type { ExchangeSummary } from '../events.js';

/** `echo "hello"`, `file 1000`, `stream 10 ms × 1000 × 1024 B`, `"GET /"` for a bad one. */
export function describeRequest(s: Pick<ExchangeSummary, 'command' | 'request'>): string {
  if (s.command === 'echo') return `echo ${JSON.stringify(s.request)}`;
  if (s.command === 'file') return `file ${s.request}`;
  const m = /^stream-([^-]+)-(\d+)-(\d+)$/.exec(s.request);
  if (s.command === 'stream' && m) return `stream ${m[1]} ms × ${m[2]} × ${m[3]} B`;
  return s.request === '' ? '(empty request)' : JSON.stringify(s.request);
}
