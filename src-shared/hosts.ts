// hosts.txt (docs/protocol.md §6): one host:port per line, the first entry is the default.

export interface HostEntry {
  /** '' means all interfaces (servers only). IPv6 without brackets. */
  host: string;
  port: number;
  /** 1-based line number in the file. */
  line: number;
}

export interface HostsProblem {
  line: number;
  text: string;
  message: string;
}

export interface ParsedHosts {
  entries: HostEntry[];
  problems: HostsProblem[];
}

export type HostPortResult = { ok: true; host: string; port: number } | { ok: false; message: string };

const HOSTNAME_RE =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;
const IPV6_RE = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

export function parsePort(raw: string): number | null {
  if (!/^\d{1,5}$/.test(raw)) return null;
  const port = Number(raw);
  return port <= 65535 ? port : null;
}

/** Parses `host:port`, `[v6]:port` or ` :port` (empty host). */
export function parseHostPort(raw: string): HostPortResult {
  const text = raw.trim() === '' ? raw : raw.replace(/\s+$/, '');
  const trimmed = text.trimStart();
  let host: string;
  let portText: string;
  if (trimmed.startsWith('[')) {
    const close = trimmed.indexOf(']');
    if (close < 0) return { ok: false, message: `missing "]" after IPv6 address in "${raw.trim()}"` };
    host = trimmed.slice(1, close);
    if (trimmed[close + 1] !== ':')
      return { ok: false, message: `expected ":port" after "]" in "${raw.trim()}"` };
    portText = trimmed.slice(close + 2);
    if (!IPV6_RE.test(host) || !host.includes(':')) {
      return { ok: false, message: `"${host}" is not an IPv6 address` };
    }
  } else {
    const colon = trimmed.lastIndexOf(':');
    if (colon < 0) return { ok: false, message: `expected host:port, got "${raw.trim()}"` };
    host = trimmed.slice(0, colon).trim();
    portText = trimmed.slice(colon + 1);
    if (host.includes(':')) {
      return { ok: false, message: `IPv6 addresses must be written in brackets, e.g. [::1]:8120` };
    }
    if (host !== '' && !HOSTNAME_RE.test(host))
      return { ok: false, message: `"${host}" is not a valid host name` };
  }
  const port = parsePort(portText.trim());
  if (port === null) return { ok: false, message: `"${portText.trim()}" is not a port (0–65535)` };
  return { ok: true, host, port };
}

export function parseHostsFile(text: string): ParsedHosts {
  const entries: HostEntry[] = [];
  const problems: HostsProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    if (rawLine.trim() === '' || rawLine.trim().startsWith('#')) return;
    const parsed = parseHostPort(rawLine);
    if (parsed.ok) entries.push({ host: parsed.host, port: parsed.port, line });
    else problems.push({ line, text: rawLine, message: parsed.message });
  });
  return { entries, problems };
}

/** `127.0.0.1:8120`, `[::1]:8120`, ` :8120` — the form hosts.txt and Wireshark users read. */
export function formatHostPort(host: string, port: number): string {
  if (host.includes(':')) return `[${host}]:${port}`;
  return `${host === '' ? ' ' : host}:${port}`;
}

export function formatHostsProblem(p: HostsProblem): string {
  return `hosts.txt line ${p.line}: ${p.message}`;
}
