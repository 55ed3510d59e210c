/**
 * `sysparm_view` (servicenow-api.md 1.3): the fields of a table's UI view. The mock defines a
 * small `desktop` view (the list columns of the default view) and a `mobile` view (a short
 * card) for a few tables; `both` is their union. `sysparm_fields` wins over the view; an
 * unknown view name, or a table without views here, renders every field.
 *
 * @module
 */

/** The two views of one table. */
interface TableViews {
  readonly desktop: readonly string[];
  readonly mobile: readonly string[];
}

function views(desktop: readonly string[], mobile: readonly string[]): TableViews {
  return { desktop: ['sys_id', ...desktop], mobile: ['sys_id', ...mobile] };
}

const TASK_MOBILE = ['number', 'short_description', 'state', 'priority'];

/**
 * The views the mock knows, by table (each starts with `sys_id`, so a client can address the
 * record it got).
 * @internal
 */
export const MOCK_UI_VIEWS: Readonly<Record<string, TableViews>> = {
  task: views(
    ['number', 'short_description', 'sys_class_name', 'state', 'priority', 'assigned_to'],
    TASK_MOBILE,
  ),
  incident: views(
    [
      'number',
      'opened_at',
      'short_description',
      'caller_id',
      'priority',
      'state',
      'category',
      'assignment_group',
      'assigned_to',
      'sys_updated_on',
      'sys_updated_by',
    ],
    [...TASK_MOBILE, 'caller_id'],
  ),
  incident_task: views(
    [
      'number',
      'incident',
      'short_description',
      'state',
      'priority',
      'assignment_group',
      'assigned_to',
      'sys_updated_on',
    ],
    TASK_MOBILE,
  ),
  problem: views(
    [
      'number',
      'short_description',
      'problem_state',
      'priority',
      'assignment_group',
      'assigned_to',
      'sys_updated_on',
    ],
    TASK_MOBILE,
  ),
  sys_user: views(
    ['user_name', 'name', 'email', 'title', 'department', 'active'],
    ['name', 'email', 'mobile_phone'],
  ),
  sys_user_group: views(['name', 'manager', 'email', 'active'], ['name', 'manager']),
  core_company: views(['name', 'city', 'country', 'phone'], ['name']),
  task_sla: views(
    ['task', 'sla', 'stage', 'has_breached', 'start_time', 'end_time'],
    ['task', 'sla', 'stage'],
  ),
  sys_journal_field: views(
    ['element_id', 'name', 'element', 'value', 'sys_created_by', 'sys_created_on'],
    ['element', 'value', 'sys_created_on'],
  ),
};

/** `both`: the desktop fields, then the mobile fields the desktop view lacks. */
const BOTH = new Map<string, readonly string[]>(
  Object.entries(MOCK_UI_VIEWS).map(([table, { desktop, mobile }]) => [
    table,
    [...desktop, ...mobile.filter((name) => !desktop.includes(name))],
  ]),
);

/**
 * The fields of `view` on `table`, or `undefined` (every field) for no view, an unknown view
 * or a table without views. The arrays are shared, so the renderer plans them once.
 * @internal
 */
export function viewFields(table: string, view: string | null): readonly string[] | undefined {
  const name = view?.trim().toLowerCase() ?? '';
  if (!Object.hasOwn(MOCK_UI_VIEWS, table)) return undefined;
  const views = MOCK_UI_VIEWS[table] as TableViews;
  if (name === 'desktop') return views.desktop;
  if (name === 'mobile') return views.mobile;
  if (name === 'both') return BOTH.get(table);
  return undefined;
}
