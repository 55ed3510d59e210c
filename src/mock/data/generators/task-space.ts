/**
 * The rows of `task` that SLAs and time entries attach to: incidents first (0 .. NI-1), then
 * incident tasks (NI .. NI+NT-1), with the few facts children need about each kept in typed
 * arrays (about 40 bytes a task), computed once at generation.
 *
 * @module
 */
import type { World } from './world.js';

/** What children need to know of their task. Instants are epoch seconds, -1 = not (yet). @internal */
export interface TaskLife {
  readonly isIncident: boolean;
  /** Row in its own table. */
  readonly row: number;
  readonly opened: number;
  /** Resolution (incident) or complete closure (task); -1 while open. */
  readonly done: number;
  /** Cancel instant (canceled incident, incomplete or skipped task), else -1. */
  readonly cancelled: number;
  /** On hold since (incidents), else -1. */
  readonly holdSince: number;
  /** First response of an incident (a task: its opening), -1 when none yet. */
  readonly responded: number;
  readonly priority: number;
  readonly state: number;
  /** sys_user_group row, -1 when none. */
  readonly group: number;
  /** sys_user row, -1 when unassigned. */
  readonly assignee: number;
  /** sys_updated_on of the task. */
  readonly updated: number;
}

/** Task-space facts, by task index. @internal */
export class TaskSpace {
  readonly incidents: number;
  readonly tasks: number;
  private readonly opened: Int32Array;
  private readonly done: Int32Array;
  private readonly cancelled: Int32Array;
  private readonly holdSince: Int32Array;
  private readonly responded: Int32Array;
  private readonly updated: Int32Array;
  private readonly group: Int32Array;
  private readonly assignee: Int32Array;
  private readonly priority: Uint8Array;
  private readonly state: Int8Array;

  constructor(
    readonly world: World,
    incidents: number,
    tasks: number,
  ) {
    this.incidents = incidents;
    this.tasks = tasks;
    const size = incidents + tasks;
    this.opened = new Int32Array(size);
    this.done = new Int32Array(size);
    this.cancelled = new Int32Array(size);
    this.holdSince = new Int32Array(size);
    this.responded = new Int32Array(size);
    this.updated = new Int32Array(size);
    this.group = new Int32Array(size);
    this.assignee = new Int32Array(size);
    this.priority = new Uint8Array(size);
    this.state = new Int8Array(size);
  }

  /** Number of tasks (incidents + incident tasks). */
  get size(): number {
    return this.incidents + this.tasks;
  }

  /** Records the facts of task `t`. */
  set(t: number, life: Omit<TaskLife, 'isIncident' | 'row'>): void {
    this.opened[t] = life.opened;
    this.done[t] = life.done;
    this.cancelled[t] = life.cancelled;
    this.holdSince[t] = life.holdSince;
    this.responded[t] = life.responded;
    this.updated[t] = life.updated;
    this.group[t] = life.group;
    this.assignee[t] = life.assignee;
    this.priority[t] = life.priority;
    this.state[t] = life.state;
  }

  /** The facts of task `t`. */
  life(t: number): TaskLife {
    const isIncident = t < this.incidents;
    return {
      isIncident,
      row: isIncident ? t : t - this.incidents,
      opened: this.opened[t] as number,
      done: this.done[t] as number,
      cancelled: this.cancelled[t] as number,
      holdSince: this.holdSince[t] as number,
      responded: this.responded[t] as number,
      priority: this.priority[t] as number,
      state: this.state[t] as number,
      group: this.group[t] as number,
      assignee: this.assignee[t] as number,
      updated: this.updated[t] as number,
    };
  }

  /** Opening instant of task `t`. */
  openedAt(t: number): number {
    return this.opened[t] as number;
  }

  /** sys_updated_on of task `t`. */
  updatedAt(t: number): number {
    return this.updated[t] as number;
  }

  /** State of task `t`. */
  stateOf(t: number): number {
    return this.state[t] as number;
  }

  /** The table of task `t`. */
  table(t: number): 'incident' | 'incident_task' {
    return t < this.incidents ? 'incident' : 'incident_task';
  }

  /** The sys_id of task `t`. */
  sysId(t: number): string {
    return t < this.incidents
      ? this.world.sysId('incident', t)
      : this.world.sysId('incident_task', t - this.incidents);
  }
}
