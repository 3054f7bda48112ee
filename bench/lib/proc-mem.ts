// Memory of another process from /proc/PID/status (Linux): VmHWM is the kernel's own peak RSS,
// so a short spike between two samples is still seen.
import { readFileSync, writeFileSync } from 'node:fs';

export interface ProcMemory {
  rssMB: number;
  peakRssMB: number;
}

function fieldKB(status: string, name: string): number | null {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : null;
}

/** Null when the process is gone or /proc is not there. */
export function readProcMemory(pid: number | 'self'): ProcMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const rss = fieldKB(status, 'VmRSS');
  const hwm = fieldKB(status, 'VmHWM');
  if (rss === null || hwm === null) return null;
  return { rssMB: rss / 1024, peakRssMB: hwm / 1024 };
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0: write 5 to clear_refs), so a peak is per phase. */
export function resetPeakRss(pid: number | 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples RSS every `everyMs` until stopped; the max of samples and VmHWM is the peak. */
export class RssSampler {
  private maxRssMB = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 20,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  private sample(): void {
    const m = readProcMemory(this.pid);
    if (m && m.rssMB > this.maxRssMB) this.maxRssMB = m.rssMB;
  }

  /** Stops and returns the peak seen, VmHWM included. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    const hwm = readProcMemory(this.pid)?.peakRssMB ?? 0;
    return Math.max(this.maxRssMB, hwm);
  }
}
