// Named starting points for the network-conditions panel and `netlab link --preset`. Each is a
// plain LinkConditions input, so a teacher can read and adapt them; both directions alike.
import type { DirectionConditionsInput, LinkConditionsInput } from './conditions.js';

export interface LinkPreset {
  name: string;
  title: string;
  /** What a student should expect to see with it. */
  hint: string;
  conditions: LinkConditionsInput;
}

function both(name: string, d: DirectionConditionsInput): LinkConditionsInput {
  return { preset: name, upstream: d, downstream: d };
}

export const LINK_PRESETS: readonly LinkPreset[] = [
  {
    name: 'perfect',
    title: 'Perfect',
    hint: 'No conditions: the link only relays, as loopback does.',
    conditions: both('perfect', {}),
  },
  {
    name: 'wifi',
    title: 'Wi-Fi',
    hint: '5 ms ± 3 ms, 1 % loss, a little reordering.',
    conditions: both('wifi', { delayMs: 5, jitterMs: 3, lossPct: 1, reorderPct: 0.5 }),
  },
  {
    name: 'congested',
    title: 'Congested link',
    hint: '1 MB/s with a 32 KB queue: UDP tail drops, TCP slows down (flow control).',
    conditions: both('congested', { rateBytesPerSec: 1_000_000, queueBytes: 32 * 1024, delayMs: 10 }),
  },
  {
    name: 'long-distance',
    title: 'Long distance',
    hint: '80 ms ± 5 ms one way: every reply arrives a round trip later.',
    conditions: both('long-distance', { delayMs: 80, jitterMs: 5 }),
  },
  {
    name: 'lossy-10',
    title: 'Lossy 10 %',
    hint: 'Every datagram has a 10 % chance to be dropped; TCP bytes arrive later instead.',
    conditions: both('lossy-10', { lossPct: 10, delayMs: 2 }),
  },
];

export function findLinkPreset(name: string): LinkPreset | undefined {
  return LINK_PRESETS.find((p) => p.name === name);
}
