#!/usr/bin/env node
/**
 * Entry point of the `servicenow-sync` command.
 *
 * @module
 */
import { runCli } from './program.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write('\nStopping (committed rows are kept; Ctrl-C again to quit at once)...\n');
  controller.abort(new Error('interrupted by the user (SIGINT)'));
});
process.on('SIGTERM', () => controller.abort(new Error('terminated (SIGTERM)')));
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
