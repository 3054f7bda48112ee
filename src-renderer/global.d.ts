import type { NetlabPreloadApi } from './api/transport.js';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in browser mode. */
    netlab?: NetlabPreloadApi;
  }
}
