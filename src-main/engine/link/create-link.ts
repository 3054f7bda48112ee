import type { LinkOptions } from './link-options.js';
import { TcpLink } from './tcp-link.js';
import { UdpLink } from './udp-link.js';

export type LinkEndpoint = TcpLink | UdpLink;

/** The link for the config's protocol; start() binds it. */
export function createLink(opts: LinkOptions): LinkEndpoint {
  return opts.config.proto === 'tcp' ? new TcpLink(opts) : new UdpLink(opts);
}
