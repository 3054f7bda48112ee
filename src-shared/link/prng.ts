// The link's one source of randomness: mulberry32, a tiny well-known 32-bit generator. It is
// integer arithmetic only (Math.imul, >>>), so the same seed gives the same sequence on every
// platform and Node version — a teacher gives the class one seed and everyone sees the same drops.

export type Random = () => number;

/** A generator of uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Each model draws from its own stream, so turning jitter on does not change which datagrams are
 * lost: the decision for datagram k depends only on the seed, the direction and k.
 */
export type RandomStream = 'loss' | 'dup' | 'reorder' | 'jitter' | 'slice' | 'retransmit';
const STREAM_SALT: Record<RandomStream, number> = {
  loss: 0x9e3779b9,
  dup: 0x85ebca6b,
  reorder: 0xc2b2ae35,
  jitter: 0x27d4eb2f,
  slice: 0x165667b1,
  retransmit: 0xd3a2646c,
};
const DIRECTION_SALT = { upstream: 0x1b873593, downstream: 0xcc9e2d51 } as const;
export type LinkDirection = keyof typeof DIRECTION_SALT;

/** The generator for one model in one direction of one flow, from the link's seed. */
export function linkRandom(seed: number, direction: LinkDirection, stream: RandomStream): Random {
  // A murmur3-style finaliser spreads neighbouring seeds (1, 2, 3 …) far apart.
  let h = (seed ^ DIRECTION_SALT[direction] ^ STREAM_SALT[stream]) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}
