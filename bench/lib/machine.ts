// What the figures were measured on: they only compare with a reference from the same machine.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryMB: number;
  node: string;
  kernel: string;
  platform: string;
  /** net.core.rmem_max: the largest UDP receive buffer a process may ask for. */
  rmemMaxBytes: number | null;
  wmemMaxBytes: number | null;
}

function readSysctl(path: string): number | null {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryMB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    kernel: os.release(),
    platform: `${os.platform()} ${os.arch()}`,
    rmemMaxBytes: readSysctl('/proc/sys/net/core/rmem_max'),
    wmemMaxBytes: readSysctl('/proc/sys/net/core/wmem_max'),
  };
}

export function describeMachine(m: MachineInfo): string {
  const rmem = m.rmemMaxBytes === null ? 'unknown' : `${(m.rmemMaxBytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${m.cpuModel}, ${m.cores} cores, ${(m.memoryMB / 1024).toFixed(1)} GiB RAM, Node ${m.node}, Linux ${m.kernel}, rmem_max ${rmem}`;
}
