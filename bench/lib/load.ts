// How busy the machine was while the bench ran: the figures only mean something beside this.
// Other work on a shared 2-core box delays wake-ups by tens of ms (pacing p99) and halves MB/s.
import { readFileSync } from 'node:fs';
import os from 'node:os';

interface CpuTicks {
  idle: number;
  total: number;
}

export interface LoadReport {
  loadavgStart: number;
  loadavgEnd: number;
  /** Share of all CPU time spent busy during the run (the bench's own processes included), %. */
  cpuBusyPct: number | null;
  /** Linux PSI: share of the last 60 s in which some task waited for a CPU, %. */
  cpuPressureAvg60: number | null;
}

function readTicks(): CpuTicks | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal …
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

function readPressure(): number | null {
  try {
    const m = /^some avg10=[\d.]+ avg60=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export class LoadMeter {
  private readonly startTicks = readTicks();
  private readonly loadavgStart = os.loadavg()[0]!;

  stop(): LoadReport {
    const end = readTicks();
    const s = this.startTicks;
    const busy =
      s && end && end.total > s.total ? 100 * (1 - (end.idle - s.idle) / (end.total - s.total)) : null;
    return {
      loadavgStart: this.loadavgStart,
      loadavgEnd: os.loadavg()[0]!,
      cpuBusyPct: busy,
      cpuPressureAvg60: readPressure(),
    };
  }
}

export function describeLoad(l: LoadReport): string {
  const parts = [`load average ${l.loadavgStart.toFixed(1)} → ${l.loadavgEnd.toFixed(1)}`];
  if (l.cpuBusyPct !== null) parts.push(`CPUs ${l.cpuBusyPct.toFixed(0)} % busy during the run`);
  if (l.cpuPressureAvg60 !== null) parts.push(`CPU pressure (some, 60 s) ${l.cpuPressureAvg60.toFixed(0)} %`);
  return parts.join(', ');
}
