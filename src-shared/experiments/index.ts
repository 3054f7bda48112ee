// The built-in experiments, in the order the list shows them.
import { bandwidthQueue } from './bandwidth-queue.js';
import { ExperimentSchema } from './experiment.js';
import type { Experiment, ExperimentInput } from './experiment.js';
import { lossyStream } from './lossy-stream.js';
import { tcpSlicer } from './tcp-slicer.js';
import { tcpVsUdp } from './tcp-vs-udp.js';
import { timerResolution } from './timer-resolution.js';
import { udpOverflow } from './udp-overflow.js';

const SOURCES: readonly ExperimentInput[] = [
  tcpVsUdp,
  udpOverflow,
  lossyStream,
  timerResolution,
  tcpSlicer,
  bandwidthQueue,
];

/** Parsed once, so every face sees the same defaults filled in. */
export const EXPERIMENTS: readonly Experiment[] = SOURCES.map((e) => ExperimentSchema.parse(e));

export function findExperiment(name: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}
