// A request named as the user would type it, for the CLI, the compare table and the panel.
import { describe, expect, it } from 'vitest';
import { describeRequest } from '../../src-shared/format/request.js';

describe('describeRequest', () => {
  it('echo, file and stream as typed', () => {
    expect(describeRequest({ command: 'echo', request: 'hello "you"' })).toBe('echo "hello \\"you\\""');
    expect(describeRequest({ command: 'file', request: '1000' })).toBe('file 1000');
    expect(describeRequest({ command: 'stream', request: 'stream-10-1000-1024' })).toBe('stream 10 ms × 1000 × 1024 B');
    expect(describeRequest({ command: 'stream', request: 'stream-0.5-3-8' })).toBe('stream 0.5 ms × 3 × 8 B');
  });
  it('anything else quoted, and an empty request said so', () => {
    expect(describeRequest({ command: 'bad', request: 'GET /' })).toBe('"GET /"');
    expect(describeRequest({ command: null, request: '' })).toBe('(empty request)');
    expect(describeRequest({ command: 'stream', request: 'stream-x' })).toBe('"stream-x"');
  });
});
