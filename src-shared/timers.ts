// setTimeout / clearTimeout for code that runs on every face (Node, the renderer). src-shared is
// compiled without Node's or the DOM's types, so it names the two timer functions it needs here,
// once, rather than declaring them globally (which would clash with either set of types).
export type TimerHandle = unknown;

interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

const timers = globalThis as unknown as Timers;

export function startTimer(callback: () => void, ms: number): TimerHandle {
  return timers.setTimeout(callback, ms);
}

export function stopTimer(handle: TimerHandle): void {
  timers.clearTimeout(handle);
}
