import type { ExperimentInput } from './experiment.js';

const narrow = { seed: 3, downstream: { rateBytesPerSec: 500_000, queueBytes: 16 * 1024 } };

export const bandwidthQueue: ExperimentInput = {
  name: 'bandwidth-queue',
  title: 'Flow control vs tail drop',
  summary:
    'A 2,000,000-character file through a 500 KB/s link with a 16 KB queue, over TCP and over UDP (server unpaced): TCP slows down to the link, UDP overflows the queue.',
  lookAt: [
    'TCP: throughput close to 500 KB/s and no loss — the sender waited (flow control).',
    'UDP: the link’s “queue full” drops and the lost byte ranges.',
  ],
  questions: [
    'Why does the TCP sender slow down, and who told it to?',
    'Where exactly were the UDP datagrams dropped, and could a bigger queue fix it?',
  ],
  runs: [
    {
      label: 'TCP through 500 KB/s',
      proto: 'tcp',
      command: { type: 'file', chars: 2_000_000 },
      conditions: narrow,
    },
    {
      label: 'UDP through 500 KB/s',
      proto: 'udp',
      command: { type: 'file', chars: 2_000_000 },
      server: { udpRateBytesPerSec: 0 },
      conditions: narrow,
    },
  ],
};
