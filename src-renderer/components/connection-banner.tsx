// Shown when the browser-mode WebSocket is down: what happened and when we try again.
import { useEffect, useState } from 'react';
import { useBase } from '../store/store-context.js';

export function ConnectionBanner() {
  const connection = useBase((s) => s.connection);
  const reconnectNow = useBase((s) => s.reconnectNow);
  const [now, setNow] = useState(() => Date.now());
  const waiting = connection.status === 'disconnected' && connection.retryAt !== null;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [waiting]);

  if (connection.status === 'connected' || connection.status === 'connecting') return null;
  const failed = connection.status === 'failed';
  const seconds = waiting ? Math.max(0, Math.ceil((connection.retryAt! - now) / 1000)) : 0;
  return (
    <div className={`banner ${failed ? 'banner-error' : 'banner-warn'}`} role={failed ? 'alert' : 'status'}>
      <strong>{failed ? 'Not connected.' : 'Disconnected.'}</strong>{' '}
      <span>{connection.message}</span>{' '}
      {!failed ? <span>{seconds > 0 ? `Reconnecting in ${seconds} s…` : 'Reconnecting…'}</span> : null}
      <button type="button" className="btn-small" onClick={reconnectNow}>
        Retry now
      </button>
    </div>
  );
}
