#!/usr/bin/env node
/**
 * Entry point of the `servicenow-sync` command.
 *
 * @module
 */
import { EXIT_CODES, StopRequest } from './exit-codes.js';
import { runCli } from './program.js';

// The first signal stops the run cleanly (it is logged `cancelled`, committed rows stay) and the
// command exits 130 (SIGINT) or 143 (SIGTERM); a second one exits at once.
const controller = new AbortController();
let stops = 0;
function stop(signal: 'SIGINT' | 'SIGTERM'): void {
  stops += 1;
  if (stops > 1) process.exit(signal === 'SIGINT' ? EXIT_CODES.interrupted : EXIT_CODES.terminated);
  if (signal === 'SIGINT') {
    process.stderr.write('\nStopping (committed rows are kept; Ctrl-C again to quit at once)...\n');
  }
  controller.abort(new StopRequest(signal));
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
// `servicenow-sync runs | head`: the reader left; stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interrupted: controller.signal,
});
process.exitCode = code;
