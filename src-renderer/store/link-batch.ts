// What the network-conditions link did to the client's current exchange, folded from the link's
// own events (role 'link'). The link's events carry the client's address as `remote`, the
// client's exchange carries it as `local`: that pairs them, from the exchange's start on.
import type { LabEvent, LinkExchangeStats } from '../../src-shared/events.js';
import type { ExchangeView } from './exchanges.js';

export interface LinkView {
  /** The client exchange these counts belong to. */
  exchange: string;
  /** Datagrams dropped so far (live; the link summary has them by cause). */
  drops: number;
  duplicated: number;
  /** The link's summary for this exchange, once it came. */
  stats: LinkExchangeStats | null;
}

export const isLinkEvent = (e: LabEvent): boolean => e.role === 'link';

/** True when a link event belongs to the client exchange `x`. */
export function linkEventMatches(e: LabEvent, x: ExchangeView | undefined): x is ExchangeView {
  return x !== undefined && x.local !== '' && e.role === 'link' && e.remote === x.local && e.t >= x.startT;
}

/** The link view after this batch; the same object when the batch changed nothing for it. */
export function reduceLinkView(prev: LinkView | null, own: readonly LabEvent[], x: ExchangeView | undefined): LinkView | null {
  if (!x) return prev;
  let view: LinkView | null = prev?.exchange === x.id ? prev : null;
  let copied = false;
  for (const e of own) {
    if (!linkEventMatches(e, x)) continue;
    const summary = e.kind === 'summary' ? e.summary?.link : undefined;
    if (e.kind !== 'drop' && e.kind !== 'dup' && !summary) continue;
    if (!copied) {
      view = { exchange: x.id, drops: 0, duplicated: 0, stats: null, ...view };
      copied = true;
    }
    if (e.kind === 'drop') view!.drops += 1;
    else if (e.kind === 'dup') view!.duplicated += 1;
    else if (summary) view!.stats = summary;
  }
  return view;
}
