// `netlab web` end to end: one Lab, the renderer built if needed, the server in front of them.
import { Lab } from '../engine/lab.js';
import { loadHostsFile } from '../engine/hosts-file.js';
import { RENDERER_DIR, ensureRendererBuilt } from './renderer-build.js';
import { startWebServer } from './web-server.js';
import type { WebServer } from './web-server.js';

export interface BrowserModeOptions {
  port: number;
  /** hosts.txt for the host pickers; default the bundled one. */
  hostsPath?: string;
  rendererDir?: string;
  log: (line: string) => void;
}

export interface BrowserMode {
  server: WebServer;
  lab: Lab;
  /** Stops the server, then the lab (which flushes its journal). Safe to call twice. */
  close(): Promise<void>;
}

export async function startBrowserMode(opts: BrowserModeOptions): Promise<BrowserMode> {
  if (opts.hostsPath !== undefined) {
    // Said now, in the terminal, rather than later as an empty host picker.
    const hosts = await loadHostsFile(opts.hostsPath);
    for (const p of hosts.problems) opts.log(`${hosts.path}:${p.line}: ${p.message} ("${p.text}"), skipped`);
  }
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  await ensureRendererBuilt(opts.log, rendererDir);
  const lab = await Lab.create({ hostsPath: opts.hostsPath });
  let server: WebServer;
  try {
    server = await startWebServer({ lab, rendererDir, port: opts.port, log: opts.log });
  } catch (err) {
    await lab.close();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    server,
    lab,
    close() {
      closing ??= server.close().then(() => lab.close());
      return closing;
    },
  };
}
