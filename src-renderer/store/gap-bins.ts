// Bins of the gap histogram, centred on round intervals (1 / 2 / 5 × 10^k ms), with edges halfway
// between them (0.7, 1.5, 3.5 × 10^k). A regular stream's gaps jitter around its interval: with the
// interval at a bin's centre rather than on an edge, a 10 ms stream's gaps land in one bin, not
// half in "< 10 ms" and half in "≥ 10 ms".

export interface GapBin {
  /** Lower edge (inclusive), ms; the first bin starts at 0. */
  lowMs: number;
  /** Upper edge (exclusive), ms; the last bin has none. */
  highMs: number;
  /** The round interval the bin is centred on (null: the first and last bins). */
  centreMs: number | null;
  /** What the histogram calls it: "≈ 10 ms". */
  label: string;
  /** Its edges, for a tooltip: "7 – 15 ms". */
  range: string;
}

/** Interval centres of the bins, ms: 0.1 ms (a busy loopback) to 1 s. */
const CENTRES_MS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;
/** Edge below each centre as a fraction of its decade: 0.7 below 1, 1.5 below 2, 3.5 below 5. */
const EDGE_BELOW: Record<number, number> = { 1: 0.7, 2: 1.5, 5: 3.5 };

function round(v: number): number {
  return Number(v.toPrecision(6));
}

/** 0.1 ms, 15 ms, 1.5 s: round, without padding decimals. */
export function gapText(ms: number): string {
  return ms < 1000 ? `${round(ms)} ms` : `${round(ms / 1000)} s`;
}

function edgeBelow(centre: number): number {
  const decade = 10 ** Math.floor(Math.log10(centre) + 1e-9);
  const mantissa = Math.round(centre / decade);
  return round(EDGE_BELOW[mantissa]! * decade);
}

function buildBins(): GapBin[] {
  const edges = CENTRES_MS.map(edgeBelow);
  const top = round(edgeBelow(CENTRES_MS.at(-1)! * 2));
  const bins: GapBin[] = [{ lowMs: 0, highMs: edges[0]!, centreMs: null, label: `< ${gapText(edges[0]!)}`, range: `0 – ${gapText(edges[0]!)}` }];
  CENTRES_MS.forEach((centre, i) => {
    const low = edges[i]!;
    const high = edges[i + 1] ?? top;
    bins.push({ lowMs: low, highMs: high, centreMs: centre, label: `≈ ${gapText(centre)}`, range: `${gapText(low)} – ${gapText(high)}` });
  });
  bins.push({ lowMs: top, highMs: Infinity, centreMs: null, label: `≥ ${gapText(top)}`, range: `${gapText(top)} or more` });
  return bins;
}

/** Every bin, smallest gaps first. */
export const GAP_BINS: readonly GapBin[] = buildBins();

/** Index into GAP_BINS of a gap of `ms` (negative counts as 0). */
export function gapBinOf(ms: number): number {
  const gap = Math.max(0, ms);
  // 15 bins: a linear scan is as fast as a search, and this runs once per arrival.
  for (let i = 0; i < GAP_BINS.length - 1; i += 1) if (gap < GAP_BINS[i]!.highMs) return i;
  return GAP_BINS.length - 1;
}
