// "TCP + UDP": the server view starts both protocols on one port, so one client can send the
// same command over each and compare. With port 0 the first server's port is reused for the
// second. Wraps the server slice's Start / Stop; the second server is an endpoint like the first.
import type { EndpointInfo } from '../../src-shared/api.js';
import type { ServerSlice, ServerState } from './server-slice.js';
import { serverConfigFromForm } from './server-slice.js';
import type { GetState, SetState, StoreDeps } from './store-types.js';

export interface PairedServerSlice {
  /** Start the other protocol too, on the same port. */
  bothProtocols: boolean;
  /** The second server (the other protocol), while it runs. */
  pairedServer: EndpointInfo | null;
  setBothProtocols(on: boolean): void;
}

function portOf(address: string): number | null {
  const m = /:(\d+)$/.exec(address);
  return m ? Number(m[1]) : null;
}

export function createPairedServerSlice(
  set: SetState<ServerState>,
  get: GetState<ServerState>,
  inner: ServerSlice,
  { transport }: StoreDeps,
): PairedServerSlice & Pick<ServerSlice, 'startServer' | 'stopServer' | 'revalidate'> {
  const api = transport.api;
  return {
    bothProtocols: false,
    pairedServer: null,

    setBothProtocols(on) {
      set({ bothProtocols: on });
    },

    async startServer() {
      await inner.startServer();
      const { bothProtocols, server, serverForm } = get();
      if (!bothProtocols || !server || get().pairedServer) return;
      const checked = serverConfigFromForm(serverForm);
      const port = portOf(server.local ?? '');
      if (!checked.ok || port === null) return;
      const other = server.proto === 'tcp' ? 'udp' : 'tcp';
      set({ serverBusy: 'starting' });
      const r = await api.startServer({ ...checked.config, proto: other, port });
      if (!r.ok) {
        // The first server keeps running: say why the second could not join it.
        set({ serverBusy: null, serverErrors: { general: `${other.toUpperCase()} on port ${port}: ${r.error.message}` } });
        return;
      }
      get().adoptEndpoint(r.value.id);
      set({ serverBusy: null, pairedServer: r.value });
    },

    async revalidate() {
      await inner.revalidate();
      const paired = get().pairedServer;
      if (!paired) return;
      const r = await api.listEndpoints({});
      if (r.ok && (!get().server || !r.value.some((e) => e.id === paired.id))) set({ pairedServer: null });
    },

    async stopServer() {
      const paired = get().pairedServer;
      if (paired) {
        set({ pairedServer: null });
        await api.stopServer({ endpointId: paired.id });
      }
      await inner.stopServer();
    },
  };
}
