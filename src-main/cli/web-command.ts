// Placeholder for browser mode: the web colleague owns this file and replaces its body.
import type { Command } from 'commander';

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('browser mode: serve the NetLab UI on a local port')
    .option('--port <P>', 'port to listen on')
    .option('--open', 'open the default browser')
    .action(() => {
      process.stderr.write('browser mode is not built yet\n');
      process.exitCode = 1;
    });
}
