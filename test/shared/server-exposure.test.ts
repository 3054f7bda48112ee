import { describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../src-shared/api.js';
import { describeExposure, isLoopbackHost } from '../../src-shared/server-exposure.js';

const config = (proto: 'tcp' | 'udp', host: string) => ServerConfigSchema.parse({ proto, host, port: 8120 });

describe('describeExposure: one line when a server is reachable beyond this machine', () => {
  it('says nothing on loopback', () => {
    for (const host of ['127.0.0.1', '127.3.4.5', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    expect(describeExposure('tcp', config('tcp', '127.0.0.1'), '127.0.0.1:8120')).toBeNull();
    expect(describeExposure('udp', config('udp', 'localhost'), '[::1]:8120')).toBeNull();
  });

  it('names all interfaces or the bound address, with the limits in force', () => {
    expect(describeExposure('tcp', config('tcp', ''), '[::]:8120')).toBe(
      'Reachable from the network (all interfaces): at most 1,000 connections, 64 per host; ' +
        'streams up to 3,600 s and 123,456,789 bytes, files up to 123,456,789 chars.',
    );
    expect(describeExposure('udp', config('udp', '192.168.1.20'), '192.168.1.20:8120')).toBe(
      'Reachable from the network (192.168.1.20): at most 4 transfers per source and 256 in all, ' +
        '40 MB/s per source and 100 MB/s in all; streams up to 3,600 s and 123,456,789 bytes, files up to 123,456,789 chars.',
    );
    // A name that resolved to a routable address is judged by what was bound.
    expect(describeExposure('tcp', config('tcp', 'labhost'), '10.0.0.5:8120')).toMatch(/^Reachable from the network \(10\.0\.0\.5\)/);
  });
});
