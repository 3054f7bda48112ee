// The display filter that shows the same exchange in Wireshark, with a copy button.
import { useState } from 'react';
import { wiresharkFilter } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

export function WiresharkFilter({ proto, local, remote }: { proto: Proto; local: string; remote: string }) {
  const filter = wiresharkFilter(proto, local, remote);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(filter);
      setCopied(filter);
    } catch {
      setCopied(null);
    }
  };
  return (
    <div className="wireshark">
      <span className="muted small">Wireshark display filter</span>
      <code className="filter" aria-label="Wireshark display filter">
        {filter}
      </code>
      <button type="button" className="btn-small" onClick={() => void copy()}>
        {copied === filter ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
