// The UDP client's waits, counting down: for file_prepared, then the idle timeout that every
// datagram resets. It redraws itself from a timer through refs, so it never re-renders React.
import { useEffect, useRef } from 'react';
import { useClient, useClientStore } from '../store/store-context.js';

const TICK_MS = 100;

export function WaitCountdown() {
  const store = useClientStore();
  const kind = useClient((s) => s.wait?.kind ?? null);
  const textRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (kind === null) return;
    const draw = (): void => {
      const wait = store.getState().wait;
      if (!wait || !textRef.current || !barRef.current) return;
      const leftMs = Math.max(0, wait.deadline - Date.now());
      textRef.current.textContent = `${(leftMs / 1000).toFixed(1)} s of ${(wait.totalMs / 1000).toFixed(wait.totalMs % 1000 ? 1 : 0)} s`;
      // A transform repaints nothing but the bar itself.
      barRef.current.style.transform = `scaleX(${leftMs / wait.totalMs})`;
    };
    draw();
    const timer = setInterval(draw, TICK_MS);
    return () => clearInterval(timer);
  }, [kind, store]);

  if (kind === null) return null;
  return (
    <div className={`countdown countdown-${kind}`} role="timer" aria-live="off">
      <span className="countdown-label">
        {kind === 'prepare' ? 'Waiting for file_prepared' : 'Idle timeout (reset by each datagram)'}
      </span>
      <span ref={textRef} className="mono countdown-left" />
      <div className="countdown-track">
        <div ref={barRef} className="countdown-fill" />
      </div>
    </div>
  );
}
