/**
 * Vitest's global setup: chooses the PostgreSQL and MariaDB/MySQL databases of the run before
 * any worker starts (the workers inherit the variables it sets). Under CI a missing URL fails
 * the run; locally the servers on 127.0.0.1 are found, or their skip is announced loudly.
 */
import { chooseTestDatabases, skipBanner } from './support/database-setup.js';
import { probeLocalServer } from './support/local-servers.js';

export default async function setup(): Promise<void> {
  const choice = await chooseTestDatabases(process.env, probeLocalServer);
  Object.assign(process.env, choice.set);
  if (choice.skipped.length > 0) console.warn(skipBanner(choice));
  else for (const line of choice.lines) console.info(`[servicenow-sync tests] ${line}`);
}
