/**
 * Where the CLI writes: injectable so tests can run commands in-process.
 *
 * @module
 */

/** Output streams and environment of one CLI invocation. */
export interface CliIo {
  /** Results (`--json` output, tables). */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Progress, messages and errors. */
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Environment variables (`SN_INSTANCE`, `SN_DB`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (Ctrl-C); used by long-running commands. */
  readonly interrupted: AbortSignal;
}

/** Writes one line. */
export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
