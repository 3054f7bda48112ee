// The `netlab` command (bin/netlab.cjs runs this through tsx): server, client, link and browser mode.
import { Command } from 'commander';
import pkg from '../../package.json';
import { registerClientCommand } from './client-command.js';
import { registerLinkCommand } from './link-command.js';
import { registerServerCommand } from './server-command.js';
import { reportFailure } from './session.js';
import { registerWebCommand } from './web-command.js';

/** After the work is done, anything still holding the event loop (a stray socket) gets this long. */
const EXIT_GRACE_MS = 2000;

function buildProgram(): Command {
  const program = new Command('netlab')
    .description('NetLab: send echo, file and stream requests over TCP and UDP, and see what really happens')
    .version(pkg.version)
    .showSuggestionAfterError();
  registerServerCommand(program);
  registerClientCommand(program);
  registerLinkCommand(program);
  registerWebCommand(program);
  return program;
}

// `netlab … | head -1` closes our stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

buildProgram()
  .parseAsync(process.argv)
  .catch(reportFailure)
  .finally(() => {
    setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  });
