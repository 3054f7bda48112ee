// `netlab web [--port P] [--open] [--host-file F]`: browser mode until Ctrl-C.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { WEB_DEFAULT_PORT } from '../../src-shared/bridge.js';
import { parsePort } from '../../src-shared/hosts.js';
import { LabError } from '../engine/errors.js';
import type { BrowserMode } from '../web/browser-mode.js';
import { startBrowserMode } from '../web/browser-mode.js';
import { openInBrowser } from '../web/open-browser.js';

/** After a clean stop nothing should keep Node alive; if something does, say so and leave anyway. */
const EXIT_GRACE_MS = 2000;

interface WebCommandOptions {
  /** Unset: WEB_DEFAULT_PORT, or a free one when that is taken. */
  port?: number;
  open?: boolean;
  hostFile?: string;
}

function portOption(raw: string): number {
  const port = parsePort(raw.trim());
  if (port === null)
    throw new InvalidArgumentError('a port is an integer from 0 to 65535 (0 = any free port)');
  return port;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function waitForStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** On the asked port; without one on the default port, else (taken) on a free one, said in one line. */
async function startOnSomePort(opts: WebCommandOptions): Promise<BrowserMode> {
  if (opts.port !== undefined) return startBrowserMode({ port: opts.port, hostsPath: opts.hostFile, log });
  try {
    return await startBrowserMode({ port: WEB_DEFAULT_PORT, hostsPath: opts.hostFile, log });
  } catch (err) {
    if (!(err instanceof LabError) || err.code !== 'ADDR_IN_USE') throw err;
    log(
      `Port ${WEB_DEFAULT_PORT} is taken (another NetLab?), so this run uses a free port: ` +
        `the settings the page remembers belong to port ${WEB_DEFAULT_PORT}'s address.`,
    );
    return startBrowserMode({ port: 0, hostsPath: opts.hostFile, log });
  }
}

async function runWeb(opts: WebCommandOptions): Promise<void> {
  const mode = await startOnSomePort(opts);
  const { url } = mode.server;
  const base = url.slice(0, -'#/'.length);
  process.stdout.write(
    `NetLab browser mode is running. Open this address (it carries this run's access token):\n` +
      `  ${url}\n` +
      `Server view only: ${base}#/server   Client view only: ${base}#/client\n` +
      `Press Ctrl-C to stop.\n`,
  );
  if (opts.open && !(await openInBrowser(url))) {
    log('No browser to open on this machine (no display or opener): open the address above yourself.');
  }
  await waitForStopSignal();
  // A second Ctrl-C while stopping means "now".
  process.once('SIGINT', () => process.exit(130));
  log('Stopping browser mode…');
  await mode.close();
  log('Stopped.');
  setTimeout(() => {
    log('Something kept running after the stop; exiting anyway.');
    process.exit(process.exitCode ?? 0);
  }, EXIT_GRACE_MS).unref();
}

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('browser mode: serve the NetLab UI and lab on 127.0.0.1 (a per-run token guards it)')
    .option(
      '--port <P>',
      `port on 127.0.0.1; 0 picks a free one (default ${WEB_DEFAULT_PORT}, or a free one when it is taken)`,
      portOption,
    )
    .option('--open', 'open the page in the default browser, where one exists')
    .option('--host-file <path>', 'hosts.txt for the host pickers (default: the bundled hosts.txt)')
    .action(async (opts: WebCommandOptions) => {
      try {
        await runWeb(opts);
      } catch (err) {
        log(`netlab web: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      }
    });
}
