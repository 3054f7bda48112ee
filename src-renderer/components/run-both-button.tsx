// "Run over TCP and UDP": the form's command once over each protocol, then their comparison.
import { useState } from 'react';
import { runOverBoth } from '../store/run-both.js';
import { useClient, useClientStore } from '../store/store-context.js';

export function RunBothButton() {
  const store = useClientStore();
  const sending = useClient((s) => s.sending);
  const [running, setRunning] = useState<'tcp' | 'udp' | null>(null);
  return (
    <button
      type="button"
      className="btn-secondary"
      disabled={sending || running !== null}
      title="Sends this command over TCP, then over UDP, to the same host and port, and compares the two"
      onClick={() => {
        void runOverBoth(store, setRunning).finally(() => setRunning(null));
      }}
    >
      {running ? `Running over ${running.toUpperCase()}…` : 'Run over TCP and UDP'}
    </button>
  );
}
