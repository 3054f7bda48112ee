import type { ExperimentInput } from './experiment.js';

export const timerResolution: ExperimentInput = {
  name: 'timer-resolution',
  title: '1 ms pacing and timer resolution',
  summary:
    'Streams of 1,000 segments at 10 ms, 1 ms and 0 ms intervals over UDP: how precisely can a program send on a schedule?',
  lookAt: [
    'The histogram of gaps between arrivals for each interval.',
    'Duration against count × interval.',
    'Out-of-order or missing segments at 0 ms.',
  ],
  questions: [
    'At 1 ms, how far from 1 ms are most gaps? What in the operating system decides that?',
    'At 0 ms the server sends as fast as it can. What happens to the receiver?',
  ],
  runs: [
    {
      label: 'UDP every 10 ms',
      proto: 'udp',
      command: { type: 'stream', intervalMs: 10, count: 1000, size: 1024 },
    },
    {
      label: 'UDP every 1 ms',
      proto: 'udp',
      command: { type: 'stream', intervalMs: 1, count: 1000, size: 1024 },
    },
    {
      label: 'UDP as fast as possible',
      proto: 'udp',
      command: { type: 'stream', intervalMs: 0, count: 1000, size: 1024 },
    },
  ],
};
