import type { ExperimentInput } from './experiment.js';

export const udpOverflow: ExperimentInput = {
  name: 'udp-overflow',
  title: 'UDP without pacing: receive-buffer overflow',
  summary:
    'A 123,456,789-character file over UDP, first paced by the server at its default rate, then unpaced: the sender outruns the receiver and the kernel drops what its receive buffer cannot hold — little with the 8 MiB buffer NetLab asks for, much more with the OS default a classic client has.',
  lookAt: [
    'Bytes lost and the lost byte ranges of the unpaced run.',
    'When the gaps happened on the timeline: early, late, or all along?',
    'Throughput of the paced run against the unpaced one.',
    'The unpaced runs with the large and with the default receive buffer: how much did the buffer change?',
  ],
  questions: [
    'No link dropped anything here. Where were the datagrams lost?',
    'Why does sending slower deliver the file faster and whole?',
    'What would TCP do differently with the same file?',
  ],
  runs: [
    { label: 'UDP paced (40 MB/s)', proto: 'udp', command: { type: 'file', chars: 123_456_789 } },
    {
      label: 'UDP unpaced',
      proto: 'udp',
      command: { type: 'file', chars: 123_456_789 },
      server: { udpRateBytesPerSec: 0 },
    },
    {
      label: 'UDP unpaced, OS-default buffer',
      proto: 'udp',
      command: { type: 'file', chars: 123_456_789 },
      server: { udpRateBytesPerSec: 0 },
      client: { udpReceiveBufferBytes: 0 },
    },
  ],
};
