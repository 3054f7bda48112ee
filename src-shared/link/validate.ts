// Checks the schema cannot make alone, because they depend on the protocol: shared by the Lab,
// the bridge and the CLI so every face refuses the same input with the same words.
import type { Proto } from '../protocol/limits.js';
import { UDP_CHUNK_BYTES } from '../protocol/limits.js';
import type { LinkConditions } from './conditions.js';

export interface LinkProblem {
  /** The field, as a zod issue path would name it ("upstream.queueBytes"). */
  path: string;
  message: string;
}

/** The first reason these conditions cannot run on `proto`, or null. */
export function checkLinkConditions(proto: Proto, c: LinkConditions): LinkProblem | null {
  for (const dir of ['upstream', 'downstream'] as const) {
    const d = c[dir];
    // A UDP queue smaller than a classic file datagram would tail-drop every datagram of a file.
    if (proto === 'udp' && d.rateBytesPerSec > 0 && d.queueBytes < UDP_CHUNK_BYTES) {
      return {
        path: `${dir}.queueBytes`,
        message: `a UDP queue must hold at least one ${UDP_CHUNK_BYTES}-byte datagram (got ${d.queueBytes} B)`,
      };
    }
    if (d.sliceVarBytes > 0 && d.sliceVarBytes >= d.sliceBytes) {
      return { path: `${dir}.sliceVarBytes`, message: 'the slice variation must be smaller than the slice' };
    }
  }
  return null;
}
