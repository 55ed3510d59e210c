/**
 * `servicenow-sync mock`: the mock ServiceNow server, standalone.
 *
 * @module
 */
import { createMockServiceNow } from '../../mock/index.js';
import { type CliIo, line } from '../io.js';

/** Options of the `mock` command. */
export interface MockCommandOptions {
  readonly port?: number;
  readonly seed?: number;
  readonly scale?: number;
  readonly latency?: number;
}

/** Starts the mock and keeps it running until interrupted. */
export async function mockCommand(options: MockCommandOptions, io: CliIo): Promise<number> {
  // Data ends today, so `sync incidents` without --from/--to (yesterday) finds incidents.
  const mock = await createMockServiceNow({
    now: () => Date.now(),
    port: options.port ?? 0,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.scale === undefined ? {} : { scale: options.scale }),
    ...(options.latency === undefined ? {} : { faults: { latencyMs: options.latency } }),
  });
  line(io.stdout, `Mock ServiceNow listening on ${mock.url}`);
  line(io.stdout, `  basic auth:  ${mock.credentials.username} / ${mock.credentials.password}`);
  line(
    io.stdout,
    `  oauth:       client id ${mock.oauthClient.clientId} / secret ${mock.oauthClient.clientSecret}`,
  );
  line(
    io.stdout,
    `  try:         curl -u '${mock.credentials.username}:${mock.credentials.password}' '${mock.url}/api/now/table/incident?sysparm_limit=1'`,
  );
  line(
    io.stdout,
    '  sync:        servicenow-sync sync incidents --instance URL --user U --password P --from D --to D',
  );
  line(io.stdout, 'Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    if (io.interrupted.aborted) resolve();
    else io.interrupted.addEventListener('abort', () => resolve(), { once: true });
  });
  await mock.close();
  return 0;
}
