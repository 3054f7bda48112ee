// Connection slice: transport state, hosts.txt entries and the CSV export action.
import type { Transport } from '../api/transport.js';
import type { BaseState, ConnectionSlice, GetState, SetState, StoreDeps } from './store-types.js';

export function createConnectionSlice<S extends BaseState>(
  set: SetState<S>,
  get: GetState<S>,
  { transport }: StoreDeps,
): ConnectionSlice {
  let hostsLoading = false;
  const exporting = async (run: () => ReturnType<Transport['exportCsv']>): Promise<void> => {
    set({ exportNote: { tone: 'info', text: 'Exporting…' } } as Partial<S>);
    const r = await run();
    let exportNote: BaseState['exportNote'] = null;
    if (!r.ok) exportNote = { tone: 'error', text: r.error.message };
    else if (r.value) exportNote = { tone: 'ok', text: r.value.message };
    set({ exportNote } as Partial<S>);
  };
  return {
    connection: transport.connection(),
    hosts: null,
    hostsError: null,
    exportNote: null,

    attach() {
      const offEvents = transport.api.onEvents((batch) => get().applyBatch(batch));
      const offConnection = transport.onConnection((connection) => {
        const was = get().connection.status;
        set({ connection } as Partial<S>);
        if (connection.status !== 'connected' || was === 'connected') return;
        if (!get().hosts) void get().loadHosts();
        void get().revalidate();
      });
      set({ connection: transport.connection() } as Partial<S>);
      if (!get().hosts) void get().loadHosts();
      return () => {
        offEvents();
        offConnection();
      };
    },

    async loadHosts() {
      if (hostsLoading) return;
      hostsLoading = true;
      try {
        const r = await transport.api.listHosts({});
        if (r.ok) {
          set({ hosts: r.value, hostsError: null } as Partial<S>);
          get().prefill(r.value);
        } else if (get().connection.status === 'connected') {
          // A call lost to a dropped connection is retried on reconnect, not reported as a hosts.txt problem.
          set({ hostsError: r.error.message } as Partial<S>);
        }
      } finally {
        hostsLoading = false;
      }
    },

    async exportCsv() {
      await exporting(() => transport.exportCsv());
    },

    async exportReport(scope) {
      await exporting(() => transport.exportReport(scope));
    },

    async newSession() {
      const r = await transport.api.newSession({});
      // The `session` event that begins the new journal clears every view, this one included, at
      // its place in the event order: clearing here too could drop events that came after it.
      if (!r.ok) set({ exportNote: { tone: 'error', text: r.error.message } } as Partial<S>);
    },

    reconnectNow() {
      transport.reconnectNow();
    },
  };
}
