/**
 * What the mock holds for a window, computed straight from its rows (not through the library),
 * for the example tests to compare with.
 */
import type { MockServiceNow } from 'servicenow-sync/mock';

export interface Window {
  readonly from: string;
  readonly to: string;
}

type Row = Readonly<Record<string, string>>;

/** Incidents whose `opened_at` is in the window (both days included, UTC). */
export function incidentsOpened(mock: MockServiceNow, window: Window): Row[] {
  const start = `${window.from} 00:00:00`;
  const end = `${window.to} 23:59:59`;
  const rows: Row[] = [];
  for (const row of mock.data.rows('incident')) {
    const opened = row.opened_at ?? '';
    if (opened >= start && opened <= end) rows.push(row);
  }
  return rows;
}

/** Row counts the incidents job must leave for the window, by target table. */
export function incidentsJobCounts(mock: MockServiceNow, window: Window): Record<string, number> {
  const ids = new Set(incidentsOpened(mock, window).map((row) => row.sys_id));
  const count = (table: string, field: string) => {
    let n = 0;
    for (const row of mock.data.rows(table)) if (ids.has(row[field] ?? '')) n++;
    return n;
  };
  return {
    incident: ids.size,
    task_sla: count('task_sla', 'task'),
    task_time_worked: count('task_time_worked', 'task'),
    incident_task: count('incident_task', 'incident'),
  };
}

/** The configurations job loads whole tables. */
export function configurationsJobCounts(mock: MockServiceNow): Record<string, number> {
  const tables = [
    'contract_sla',
    'sys_user_group',
    'core_company',
    'sys_user',
    'cmdb_ci_network_link',
  ];
  return Object.fromEntries(tables.map((table) => [table, mock.data.count(table)]));
}
