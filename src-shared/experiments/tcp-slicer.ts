import type { ExperimentInput } from './experiment.js';

export const tcpSlicer: ExperimentInput = {
  name: 'tcp-slicer',
  title: 'TCP reads are not messages',
  summary:
    'A stream of 200 segments of 1,000 bytes over TCP, direct and then through a link that re-cuts the byte stream into writes of 300 ± 200 bytes.',
  lookAt: [
    'Socket reads against segments sent, in both runs.',
    'The sequence numbers: does every segment still arrive whole and in order?',
  ],
  questions: [
    'The server wrote 200 segments. Why did the client not read exactly 200 times?',
    'How must a program that reads TCP find where one message ends and the next begins?',
  ],
  runs: [
    { label: 'TCP direct', proto: 'tcp', command: { type: 'stream', intervalMs: 5, count: 200, size: 1000 } },
    {
      label: 'TCP re-sliced 300 ± 200 B',
      proto: 'tcp',
      command: { type: 'stream', intervalMs: 5, count: 200, size: 1000 },
      conditions: { seed: 7, downstream: { sliceBytes: 300, sliceVarBytes: 200 } },
    },
  ],
};
