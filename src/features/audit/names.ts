/**
 * Names of the objects an audit page talks about, resolved set-based: the ids of the whole page
 * are gathered first (`collectRefs`, pure), then one query per kind of object (`resolveNames`).
 * An id that no longer resolves falls back to the snapshot in the row, then to a neutral phrase.
 */
import type { Executor } from '../../db/executor.js';
import { listRulePacks } from '../../rules/index.js';

export type RefKind =
  | 'members'
  | 'meetings'
  | 'units'
  | 'tasks'
  | 'users'
  | 'agendaItems'
  | 'documents'
  | 'recommendations'
  | 'rulePacks';

/** Payload keys that hold the id of another object, and which kind. */
export const REF_KEYS: Record<string, RefKind> = {
  memberId: 'members',
  ownerIds: 'members',
  presenterMemberId: 'members',
  chairMemberId: 'members',
  secretaryMemberId: 'members',
  preparerMemberId: 'members',
  meetingId: 'meetings',
  prepMeetingId: 'meetings',
  hostUnitId: 'units',
  toUnitId: 'units',
  unitId: 'units',
  orgUnitId: 'units',
  parentId: 'units',
  parent_id: 'units',
  documentId: 'documents',
  itemId: 'agendaItems',
  agendaItemId: 'agendaItems',
  packId: 'rulePacks',
  rule_pack: 'rulePacks',
  rulePack: 'rulePacks',
};

/** The kind of object each `entity_type` names. */
export const ENTITY_REF: Record<string, RefKind> = {
  member: 'members',
  meeting: 'meetings',
  org_unit: 'units',
  task: 'tasks',
  user: 'users',
  recommendation: 'recommendations',
  rule_pack: 'rulePacks',
};

export interface Names {
  members: Map<number, string>;
  meetings: Map<number, string>;
  units: Map<number, string>;
  tasks: Map<number, { title: string; meetingId: number }>;
  users: Map<number, { username: string; displayName: string | null }>;
  agendaItems: Map<number, string>;
  documents: Map<number, string>;
  recommendations: Map<number, string>;
  rulePacks: Map<string, string>;
}

export function emptyNames(): Names {
  return {
    members: new Map(),
    meetings: new Map(),
    units: new Map(),
    tasks: new Map(),
    users: new Map(),
    agendaItems: new Map(),
    documents: new Map(),
    recommendations: new Map(),
    rulePacks: new Map(),
  };
}

export type Refs = { [K in RefKind]: Set<K extends 'rulePacks' ? string : number> };

const MAX_INT4 = 2_147_483_647;

/** A database id from a payload value (`12`, `"12"`), or undefined. */
export function asId(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_INT4 ? n : undefined;
}

/** `hd42-2025@2025.10.28` → `hd42-2025`: the pack id of a pack reference (with or without version). */
export function packIdOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v.split('@')[0] : undefined;
}

export interface RefSource {
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Every id the rows of a page point at, by kind (the entity itself and references in the payloads). */
export function collectRefs(rows: readonly RefSource[]): Refs {
  const refs: Refs = {
    members: new Set(),
    meetings: new Set(),
    units: new Set(),
    tasks: new Set(),
    users: new Set(),
    agendaItems: new Set(),
    documents: new Set(),
    recommendations: new Set(),
    rulePacks: new Set(),
  };
  const add = (kind: RefKind, v: unknown) => {
    if (kind === 'rulePacks') {
      const p = packIdOf(v);
      if (p) refs.rulePacks.add(p);
      return;
    }
    for (const one of Array.isArray(v) ? v : [v]) {
      const id = asId(one);
      if (id) refs[kind].add(id);
    }
  };
  const scan = (o: unknown, depth: number) => {
    if (Array.isArray(o)) {
      if (depth < 2) for (const x of o) scan(x, depth + 1);
      return;
    }
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      const kind = REF_KEYS[k];
      if (kind) add(kind, v);
      else if (depth < 2 && v && typeof v === 'object') scan(v, depth + 1);
    }
  };
  for (const r of rows) {
    const kind = ENTITY_REF[r.entityType];
    if (kind && r.entityId) add(kind, r.entityId);
    scan(r.before, 0);
    scan(r.after, 0);
  }
  return refs;
}

const ids = (s: Set<number>) => [...s];

/** One query per kind of object for the whole page (none for a kind the page does not mention). */
export async function resolveNames(ex: Executor, refs: Refs): Promise<Names> {
  const names = emptyNames();
  if (refs.tasks.size > 0) {
    const rows = await ex.query<{ id: number; title: string; meeting_id: number }>(
      'SELECT id, title, meeting_id FROM tasks WHERE id = ANY($1::int[])',
      [ids(refs.tasks)],
    );
    for (const t of rows) {
      names.tasks.set(t.id, { title: t.title, meetingId: t.meeting_id });
      refs.meetings.add(t.meeting_id);
    }
  }
  const simple = async (kind: Exclude<RefKind, 'tasks' | 'users' | 'rulePacks'>, sql: string) => {
    if (refs[kind].size === 0) return;
    const rows = await ex.query<{ id: number; name: string }>(sql, [ids(refs[kind])]);
    for (const r of rows) names[kind].set(r.id, r.name);
  };
  await simple('members', 'SELECT id, full_name AS name FROM members WHERE id = ANY($1::int[])');
  await simple('meetings', 'SELECT id, title AS name FROM meetings WHERE id = ANY($1::int[])');
  await simple('units', 'SELECT id, name FROM org_units WHERE id = ANY($1::int[])');
  await simple('agendaItems', 'SELECT id, title AS name FROM agenda_items WHERE id = ANY($1::int[])');
  await simple(
    'documents',
    'SELECT id, coalesce(title, file_name) AS name FROM meeting_documents WHERE id = ANY($1::int[])',
  );
  await simple(
    'recommendations',
    'SELECT id, content AS name FROM recommendations WHERE id = ANY($1::int[])',
  );
  if (refs.users.size > 0) {
    const rows = await ex.query<{ id: number; username: string; display_name: string | null }>(
      'SELECT id, username, display_name FROM users WHERE id = ANY($1::int[])',
      [ids(refs.users)],
    );
    for (const u of rows) names.users.set(u.id, { username: u.username, displayName: u.display_name });
  }
  if (refs.rulePacks.size > 0) {
    for (const p of listRulePacks()) if (refs.rulePacks.has(p.id)) names.rulePacks.set(p.id, p.name);
    const rows = await ex.query<{ id: string; name: string }>(
      'SELECT DISTINCT ON (id) id, name FROM rule_packs WHERE id = ANY($1::text[]) ORDER BY id, effective_from DESC',
      [[...refs.rulePacks]],
    );
    for (const r of rows) if (!names.rulePacks.has(r.id)) names.rulePacks.set(r.id, r.name);
  }
  return names;
}
