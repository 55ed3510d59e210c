/**
 * `sys_journal_field` rows: the comments and work notes of a share of the incidents, incident
 * tasks and problems, written by agents (and, for comments, by requesters) at instants within
 * the record's life, never after its last update.
 *
 * @module
 */
import { RowRandom } from '../random.js';
import { sysJournalFieldSchema } from '../schemas/sys-journal-field.js';
import { ChildLayout } from './child-layout.js';
import { CoreReader, CoreSource } from './core-source.js';
import type { JournalParents } from './journal-parents.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { SYSTEM_ACCESSORS } from './system-values.js';
import type { UserSource } from './user-source.js';
import { COMMENT_TEXTS, WORK_NOTE_TEXTS } from './vocabulary/journal-texts.js';
import type { World } from './world.js';

const TABLE = 'sys_journal_field';
/** Entries per parent (0, 1, 2, ...) by kind of parent. */
const ENTRIES: Readonly<Record<ReturnType<JournalParents['kind']>, readonly number[]>> = {
  'new-incident': [0.7, 0.3],
  incident: [0.2, 0.3, 0.25, 0.15, 0.1],
  incident_task: [0.45, 0.35, 0.15, 0.05],
  problem: [0.2, 0.3, 0.3, 0.2],
};
/** A record younger than this (seconds between opening and last update) has no entries. */
const MIN_SPAN = 120;
/** Share of entries that are customer-visible comments (the rest are work notes). */
const COMMENT_SHARE = 0.45;

/**
 * The layout of journal rows over their parents: a pure function of the seed and the parents.
 * @internal
 */
export function journalLayout(world: World, parents: JournalParents): ChildLayout {
  const seed = world.tableSeed(TABLE);
  return ChildLayout.fromCounts(parents.size, (p) => {
    if (parents.updated(p) - parents.opened(p) < MIN_SPAN) return 0;
    return new RowRandom(seed, -1 - p).weighted(1, ENTRIES[parents.kind(p)]);
  });
}

/** The drawn entry. @internal */
export interface JournalCore {
  readonly parent: number;
  readonly at: number;
  readonly updated: number;
  readonly modCount: number;
  readonly element: 'comments' | 'work_notes';
  /** sys_user row of the author. */
  readonly author: number;
  readonly text: string;
}

class JournalReader extends CoreReader<JournalSource, JournalCore> {
  get createdOn(): number {
    return this.core.at;
  }
  get createdBy(): string {
    return this.source.users.login(this.core.author);
  }
  get updatedBy(): string {
    return this.createdBy;
  }

  value(field: string): string {
    return JOURNAL_TABLE.value(this, field);
  }
}

const JOURNAL_ACCESSORS: Accessors<JournalReader> = {
  ...SYSTEM_ACCESSORS,
  element: (j) => j.core.element,
  element_id: (j) => j.source.parents.sysId(j.core.parent),
  name: (j) => j.source.parents.table(j.core.parent),
  value: (j) => j.core.text,
};

const JOURNAL_TABLE = new AccessorTable(JOURNAL_ACCESSORS, sysJournalFieldSchema.fields);

/** The `sys_journal_field` table. @internal */
export class JournalSource extends CoreSource<JournalCore, JournalReader> {
  constructor(
    world: World,
    readonly users: UserSource,
    readonly parents: JournalParents,
    readonly layout: ChildLayout,
  ) {
    super(TABLE, world, layout.size, JOURNAL_TABLE, 'sys_created_on');
  }

  /** An agent who works on parent `p` (its assignee most of the time). */
  private agent(r: RowRandom, p: number): number {
    const world = this.world;
    const { group, assignee } = this.parents.workers(p);
    if (assignee >= 0 && r.chance(4, 0.7)) return assignee;
    const agents = group >= 0 ? world.agentsIn(group) : 0;
    if (agents > 0) return world.agentOf(group, r.int(5, agents));
    return 1 + r.int(5, world.agents);
  }

  protected draw(row: number): JournalCore {
    const { world, layout, parents } = this;
    const parent = layout.parentOf(row);
    const ordinal = row - layout.start(parent);
    const count = layout.end(parent) - layout.start(parent);
    const r = new RowRandom(world.tableSeed(TABLE), row);
    const opened = parents.opened(parent);
    const span = Math.max(0, parents.updated(parent) - opened - count);
    // Strictly increasing within a parent, and never after the parent's last update.
    const at =
      opened + 1 + ordinal + Math.floor((span * (ordinal + 0.1 + 0.8 * r.unit(1))) / count);
    const element = r.chance(2, COMMENT_SHARE) ? 'comments' : 'work_notes';
    const requesters = world.users - 1 - world.agents;
    const byRequester = element === 'comments' && requesters > 0 && r.chance(3, 0.5);
    const author = byRequester ? world.agents + 1 + r.int(6, requesters) : this.agent(r, parent);
    const texts = element === 'comments' ? COMMENT_TEXTS : WORK_NOTE_TEXTS;
    return { parent, at, updated: at, modCount: 0, element, author, text: r.pick(7, texts) };
  }

  protected createdAt(row: number): number {
    return this.core(row).at;
  }

  protected updatedAt(row: number): number {
    return this.core(row).updated;
  }

  reader(row: number): JournalReader {
    return new JournalReader(this, row, this.core(row));
  }
}
