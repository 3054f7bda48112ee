import type { ExperimentInput } from './experiment.js';

export const tcpVsUdp: ExperimentInput = {
  name: 'tcp-vs-udp',
  title: 'TCP vs UDP: echo and file',
  summary: 'The same echo and the same 1,000,000-character file over TCP and over UDP, on a perfect link.',
  lookAt: [
    'How each exchange ended: TCP by the server’s FIN; UDP when every expected byte was in, or else by the idle timeout.',
    'TCP socket reads against UDP datagrams for the same file.',
    'Duration of the UDP file against the TCP one (the idle timeout is not part of the transfer).',
  ],
  questions: [
    'Why does the UDP client need a timeout to know the file is complete, and the TCP client does not?',
    'The TCP client read the file in far fewer reads than the UDP client received datagrams. Why are TCP reads not messages?',
  ],
  runs: [
    { label: 'TCP echo', proto: 'tcp', command: { type: 'echo', text: 'hello network' } },
    { label: 'UDP echo', proto: 'udp', command: { type: 'echo', text: 'hello network' } },
    { label: 'TCP file', proto: 'tcp', command: { type: 'file', chars: 1_000_000 } },
    { label: 'UDP file', proto: 'udp', command: { type: 'file', chars: 1_000_000 } },
  ],
};
