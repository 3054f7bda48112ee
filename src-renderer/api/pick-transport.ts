// Chooses the face once per page: the preload's window.netlab when present, else the WebSocket bridge.
import { createElectronTransport } from './electron-transport.js';
import type { NetlabPreloadApi, Transport } from './transport.js';
import type { BrowserEnv, SocketLike } from './ws-transport.js';
import { createWsTransport } from './ws-transport.js';

export interface TransportHost {
  netlab?: NetlabPreloadApi;
  browser: () => BrowserEnv;
}

export function pickTransport(host: TransportHost): Transport {
  if (host.netlab) return createElectronTransport(host.netlab);
  return createWsTransport(host.browser());
}

/** The real browser: WebSocket, and an <a download> click for the CSV. */
export function windowBrowserEnv(win: Window & typeof globalThis): BrowserEnv {
  return {
    location: win.location,
    openSocket: (url) => new win.WebSocket(url) as unknown as SocketLike,
    download(url, fileName) {
      const a = win.document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.rel = 'noopener';
      win.document.body.append(a);
      a.click();
      a.remove();
    },
  };
}

let current: Transport | null = null;

/** The page's transport, created on first use. */
export function getTransport(): Transport {
  current ??= pickTransport({ netlab: window.netlab, browser: () => windowBrowserEnv(window) });
  return current;
}
