// A guided experiment is data: which runs to make (protocol, command, server settings, network
// conditions), what to look at, and the questions of a lab sheet. One file each in this folder,
// so a teacher can read one, copy it and adapt it without touching any code.
import { z } from 'zod';
import { CommandSchema, ProtoSchema } from '../api.js';
import { LinkConditionsSchema } from '../link/conditions.js';

export const ExperimentRunSchema = z.object({
  /** Shown beside the run's summary in the comparison ("UDP, unpaced"). */
  label: z.string().min(1).max(80),
  proto: ProtoSchema,
  command: CommandSchema,
  /** Server settings that differ from the defaults for this run. */
  server: z
    .object({
      udpRateBytesPerSec: z.number().int().min(0).optional(),
      streamLimit: z.number().int().min(1).optional(),
      chunkBytes: z.number().int().min(1).optional(),
    })
    .default({}),
  /** Client settings that differ from the defaults (the receive buffer: 0 = the OS default). */
  client: z
    .object({
      udpReceiveBufferBytes: z.number().int().min(0).optional(),
    })
    .default({}),
  /** Conditions of the link between client and server; null = direct. */
  conditions: LinkConditionsSchema.nullable().default(null),
});

export const ExperimentSchema = z.object({
  /** Stable id for `netlab experiment run NAME`. */
  name: z.string().regex(/^[a-z0-9-]+$/, 'an experiment name is lower-case letters, digits and dashes'),
  title: z.string().min(1).max(80),
  /** One or two sentences: what the experiment shows. */
  summary: z.string().min(1),
  /** Where to look in the results. */
  lookAt: z.array(z.string().min(1)).min(1),
  /** The lab sheet's questions. */
  questions: z.array(z.string().min(1)).min(2).max(3),
  runs: z.array(ExperimentRunSchema).min(1).max(8),
});
export type ExperimentInput = z.input<typeof ExperimentSchema>;
export type Experiment = z.output<typeof ExperimentSchema>;
export type ExperimentRun = Experiment['runs'][number];
