// Packet-rate events shaped like a UDP file transfer's (rx per datagram), with the odd detail
// that needs CSV quoting, for the pipeline and CSV-export benchmarks.
import type { LabEventInput } from '../../src-main/engine/event-sink.js';

const DATAGRAM_BYTES = 1120;
/** Every this many events carries a detail with a comma, quotes and a newline. */
const AWKWARD_EVERY = 97;

export function syntheticEvent(i: number): LabEventInput {
  return {
    endpoint: 'c1',
    role: 'client',
    proto: 'udp',
    kind: 'rx',
    exchange: `x${1 + Math.floor(i / 100_000)}`,
    command: 'file',
    local: '127.0.0.1:51234',
    remote: '127.0.0.1:8120',
    bytes: DATAGRAM_BYTES,
    segment: null,
    detail: i % AWKWARD_EVERY === 0 ? `datagram ${i}, "late",\nafter a gap` : `datagram ${i}`,
  };
}
