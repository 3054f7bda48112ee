import type { ExperimentInput } from './experiment.js';
import { findLinkPreset } from '../link/presets.js';

const lossy = { ...findLinkPreset('lossy-10')!.conditions, seed: 42 };

export const lossyStream: ExperimentInput = {
  name: 'lossy-stream',
  title: 'TCP vs UDP under 10 % loss',
  summary:
    'A stream of 1,000 segments every 10 ms through a link that drops 10 % of packets (seed 42, so the whole class sees the same drops), over UDP and then over TCP.',
  lookAt: [
    'Missing segments of the UDP run, as ranges, and the drop markers on its timeline.',
    'The TCP run: every byte arrives, but look at the gaps between arrivals.',
    'The link’s own summary: how many it dropped, by cause.',
  ],
  questions: [
    'About how many UDP segments went missing, and does that match the link’s drops exactly?',
    'TCP lost nothing. What did the loss cost it instead?',
    'Which protocol would you choose for a live video call, and which for a file? Why?',
  ],
  runs: [
    {
      label: 'UDP, 10 % loss',
      proto: 'udp',
      command: { type: 'stream', intervalMs: 10, count: 1000, size: 1024 },
      conditions: lossy,
    },
    {
      label: 'TCP, 10 % loss',
      proto: 'tcp',
      command: { type: 'stream', intervalMs: 10, count: 1000, size: 1024 },
      conditions: lossy,
    },
  ],
};
