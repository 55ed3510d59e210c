/**
 * `plan` for humans: per task a few aligned lines (mode, selection, rows, partitions,
 * watermark, deletes), the columns as a table, fallbacks, unreadable fields, then the DDL.
 *
 * @module
 */
import type { PlanColumnJson, PlanJson, PlanTaskJson } from './plan-json.js';

/** The text of a plan, as lines. */
export function planText(plan: PlanJson): string[] {
  const { database } = plan;
  const state = database.exists
    ? ''
    : ' (new database: it does not exist yet, every table would be created)';
  const lines = [
    `Plan against ${database.url} [${database.dialect}]${state}`,
    `Mode ${plan.mode}, planned at ${plan.plannedAt} UTC. Nothing was written.`,
  ];
  for (const task of plan.tasks) lines.push('', ...taskText(task, database.dialect));
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of plan.warnings) lines.push(`  - ${warning}`);
  }
  return lines;
}

function taskText(task: PlanTaskJson, dialect: string): string[] {
  const head = task.name === task.table ? task.name : `${task.name} (${task.table})`;
  const facts: [string, string][] = [
    ['chain', task.chain.join(' -> ')],
    ['target', task.target],
    ['mode', task.modeReason],
    ['selection', task.query === '' ? '(every row)' : task.query],
    [
      'rows',
      task.count === null
        ? 'unknown (the instance gave no count)'
        : `${task.count} on the instance`,
    ],
    ['partitions', `${task.partitions.count}: ${task.partitions.reason}`],
    ['watermark', watermarkText(task)],
    ['deletes', task.deletes.reason],
  ];
  const width = Math.max(...facts.map(([label]) => label.length));
  const lines = [`${head}`, ...facts.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
  lines.push(`  columns (${task.columns.length}):`, ...aligned(columnRows(task.columns), '    '));
  if (task.fallbacks.length > 0)
    lines.push(`  fallbacks (read as text): ${task.fallbacks.join(', ')}`);
  if (task.unreadableFields.length > 0) {
    lines.push(
      `  unreadable (left out by the API for this user, they would read as empty): ${task.unreadableFields.join(', ')}`,
    );
  }
  if (task.referencesWithoutDisplay.length > 0) {
    lines.push(
      `  no display column (display field unknown): ${task.referencesWithoutDisplay.join(', ')}`,
    );
  }
  if (task.mysqlRow !== null && (dialect === 'mysql' || !task.mysqlRow.fits)) {
    const { rowBytes, inRowBytes, fits } = task.mysqlRow;
    lines.push(
      `  mysql row: ${rowBytes} of 65535 bytes, ${inRowBytes} of 8126 in-row: ${fits ? 'fits' : 'does NOT fit (narrow it with --fields)'}`,
    );
  }
  lines.push(...ddlText(task));
  return lines;
}

function watermarkText(task: PlanTaskJson): string {
  const { watermark } = task;
  const stored = watermark.stored === null ? 'none stored' : `stored ${watermark.stored.updatedOn}`;
  switch (watermark.source) {
    case 'stored':
      return `${stored}: reads from ${watermark.from} to ${watermark.until}`;
    case 'since':
      return `none stored: reads from --since ${watermark.from} to ${watermark.until}`;
    case 'beginning':
      return `none stored: reads from the beginning to ${watermark.until}`;
    default:
      return `not used by a full read (${stored})`;
  }
}

function columnRows(columns: readonly PlanColumnJson[]): string[][] {
  const rows = [['ELEMENT', 'GLIDE TYPE', 'SQL NAME', 'SQL TYPE', 'FROM', 'REFERENCE']];
  for (const column of columns) {
    rows.push([
      column.name,
      (column.glideType ?? '-') + (column.fallback ? ' (fallback)' : ''),
      column.sqlName,
      column.sqlType,
      column.definedOn ?? '-',
      column.reference ?? '-',
    ]);
  }
  return rows;
}

function ddlText(task: PlanTaskJson): string[] {
  const changes = task.schemaChanges;
  if (changes === null) return ['  DDL: unknown (the sink cannot plan it)'];
  if (changes.length === 0) return ['  DDL: none (the table is up to date)'];
  const lines = [`  DDL (${changes.length}):`];
  for (const change of changes) {
    if (change.sql !== undefined) lines.push(`    ${change.sql};`);
    else if (change.kind === 'shorten-name') {
      lines.push(
        `    -- ${change.from} is stored as ${change.column} (name too long for the dialect)`,
      );
    }
  }
  return lines;
}

/** Rows of cells padded into columns. */
function aligned(rows: readonly string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row) => {
    const cells = row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)));
    return `${indent}${cells.join('  ')}`.trimEnd();
  });
}
