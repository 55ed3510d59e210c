/**
 * The `sys_user` rows of the users the mock accepts, so a client can read its own user (user
 * name, time zone) as it would on an instance.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { formatDateTime } from '../data/glide-format.js';
import type { MockDataStore } from '../types.js';

/** A user the server accepts, with its resolved zone. @internal */
export interface MockUserRow {
  readonly username: string;
  readonly timeZone: string;
}

/** `sys_user.time_zone` as ServiceNow writes a zone: `GMT` for UTC, an IANA name as it is. */
function storedZone(timeZone: string): string {
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'GMT' : timeZone;
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** First and last name from a login (`sn.integration` -> `Sn`, `Integration`). */
function namesOf(username: string): { first: string; last: string } {
  const words = username.split(/[._@\s-]+/).filter((word) => word !== '');
  if (words.length < 2) return { first: capitalized(username), last: '' };
  return {
    first: capitalized(words[0] as string),
    last: words.slice(1).map(capitalized).join(' '),
  };
}

/** A deterministic sys_id for a user's row (the same login gives the same row in every run). */
function userSysId(username: string): string {
  return createHash('md5').update(`mock sys_user ${username}`).digest('hex');
}

function findByUserName(store: MockDataStore, username: string): string | undefined {
  const { rows } = store.select(
    'sys_user',
    {
      groups: [{ terms: [[{ field: 'user_name', operator: '=', value: username }]] }],
      orderBy: [],
    },
    { limit: 1 },
  );
  return rows[0]?.sys_id;
}

/**
 * Gives every accepted user a `sys_user` row: active, `web_service_access_only`, `time_zone` as
 * the user's zone. A user whose login is already in the table keeps its row, with the zone set
 * (its `sys_updated_on` left as it was). Rows are stamped a year before the data's reference
 * time, so they are as old as the generated users.
 *
 * @internal
 */
export function addUserRows(store: MockDataStore, users: readonly MockUserRow[]): void {
  const reference = (store as { referenceTime?: unknown }).referenceTime;
  const stamp =
    typeof reference === 'number' ? formatDateTime(Math.floor(reference / 1000) - 400 * 86400) : '';
  for (const user of users) {
    const timeZone = storedZone(user.timeZone);
    const existing = findByUserName(store, user.username);
    if (existing !== undefined) {
      const current = store.get('sys_user', existing);
      if (current !== undefined && current.time_zone !== timeZone) {
        store.update('sys_user', existing, {
          time_zone: timeZone,
          sys_updated_on: current.sys_updated_on ?? '',
        });
      }
      continue;
    }
    const { first, last } = namesOf(user.username);
    store.insert('sys_user', {
      sys_id: userSysId(user.username),
      user_name: user.username,
      name: [first, last].filter((part) => part !== '').join(' '),
      first_name: first,
      last_name: last,
      title: 'Integration user',
      active: 'true',
      locked_out: 'false',
      web_service_access_only: 'true',
      internal_integration_user: 'false',
      vip: 'false',
      password_needs_reset: 'false',
      enable_multifactor_authn: 'false',
      failed_attempts: '0',
      time_zone: timeZone,
      preferred_language: 'en',
      notification: '2',
      calendar_integration: '1',
      ...(stamp === '' ? {} : { sys_created_on: stamp, sys_updated_on: stamp }),
    });
  }
}
