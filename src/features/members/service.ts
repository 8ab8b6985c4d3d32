import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { covers, emptyCounts, type UnitMemberCounts } from '../../domain/membership.js';
import { type Actor, type Capability, can, scopePrefixes } from '../../server/access.js';
import { notFound } from '../../server/errors.js';
import { decodeCursor, encodeCursor } from '../oversight/subtree-cursor.js';
import { END_REASONS, type EndReason, STATUS_LABELS } from './labels.js';
import { summaryCounts } from './member-counts.js';

export interface MemberRow {
  id: number;
  full_name: string;
  sort_key: string;
  birth_date: string | null;
  gender: 'nam' | 'nu' | null;
  ethnicity: string | null;
  hometown: string | null;
  address: string | null;
  admission_date: string | null;
  official_date: string | null;
  card_number: string | null;
  national_id: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  standing: 'active' | 'transferred_out' | 'removed' | 'contact_only';
}

export const MEMBER_COLS = `m.id, m.full_name, m.sort_key, m.birth_date, m.gender, m.ethnicity, m.hometown, m.address,
  m.admission_date, m.official_date, m.card_number, m.national_id, m.phone, m.email, m.notes, m.unit_id,
  u.name AS unit_name, u.path AS unit_path, m.standing`;

export interface PeriodRow {
  id: number;
  member_id: number;
  kind: 'probationary' | 'official' | 'exempted' | 'temporary_out' | 'contact_213';
  unit_id: number | null;
  unit_name: string | null;
  unit_path: string | null;
  other_org: string | null;
  valid_from: string;
  valid_to: string | null;
  reason: string | null;
  decision_no: string | null;
  decision_date: string | null;
}

export interface MembershipRow {
  id: number;
  member_id: number;
  unit_id: number;
  unit_name: string;
  valid_from: string;
  valid_to: string | null;
  start_reason: string;
  end_reason: EndReason | null;
  decision_no: string | null;
  other_org: string | null;
  note: string | null;
}

export async function loadPeriods(ex: Executor, memberIds: number[]): Promise<PeriodRow[]> {
  if (memberIds.length === 0) return [];
  return ex.query<PeriodRow>(
    `SELECT p.id, p.member_id, p.kind, p.unit_id, u.name AS unit_name, u.path AS unit_path, p.other_org,
            p.valid_from, p.valid_to, p.reason, p.decision_no, p.decision_date
       FROM member_status_periods p LEFT JOIN org_units u ON u.id = p.unit_id
      WHERE p.member_id = ANY($1::int[]) ORDER BY p.member_id, p.valid_from, p.id`,
    [memberIds],
  );
}

export async function loadMemberships(ex: Executor, memberIds: number[]): Promise<MembershipRow[]> {
  if (memberIds.length === 0) return [];
  return ex.query<MembershipRow>(
    `SELECT ms.id, ms.member_id, ms.unit_id, u.name AS unit_name, ms.valid_from, ms.valid_to, ms.start_reason,
            ms.end_reason, ms.decision_no, ms.other_org, ms.note
       FROM memberships ms JOIN org_units u ON u.id = ms.unit_id
      WHERE ms.member_id = ANY($1::int[]) ORDER BY ms.member_id, ms.valid_from, ms.id`,
    [memberIds],
  );
}

export interface MemberStatus {
  rank: 'official' | 'probationary' | null;
  exempted: {
    from: string;
    reason: string | null;
    decisionNo: string | null;
    decisionDate: string | null;
  } | null;
  temporaryOut: {
    hostUnitId: number | null;
    hostName: string | null;
    from: string;
    to: string | null;
  } | null;
  contact213: {
    unitId: number | null;
    unitName: string | null;
    otherOrg: string | null;
    from: string;
  } | null;
  ended: { reason: EndReason; reasonLabel: string; date: string; otherOrg: string | null } | null;
  labels: string[];
}

/** A member's status on `date`, with the Vietnamese labels shown in lists. */
export function statusOn(
  member: Pick<MemberRow, 'standing'>,
  periods: PeriodRow[],
  memberships: MembershipRow[],
  date: string,
): MemberStatus {
  const active = periods.filter((p) => covers({ validFrom: p.valid_from, validTo: p.valid_to }, date));
  const find = (k: PeriodRow['kind']) => active.find((p) => p.kind === k);
  const official = find('official');
  const prob = find('probationary');
  const ex = find('exempted');
  const tmp = find('temporary_out');
  const c213 = find('contact_213');
  const home = memberships.find((m) => covers({ validFrom: m.valid_from, validTo: m.valid_to }, date));
  const last = memberships[memberships.length - 1];
  const ended = !home && last?.end_reason && last.valid_to && last.valid_to <= date ? last : undefined;
  const status: MemberStatus = {
    rank: official ? 'official' : prob ? 'probationary' : null,
    exempted: ex
      ? { from: ex.valid_from, reason: ex.reason, decisionNo: ex.decision_no, decisionDate: ex.decision_date }
      : null,
    temporaryOut: tmp
      ? {
          hostUnitId: tmp.unit_id,
          hostName: tmp.unit_name ?? tmp.other_org,
          from: tmp.valid_from,
          to: tmp.valid_to,
        }
      : null,
    contact213: c213
      ? { unitId: c213.unit_id, unitName: c213.unit_name, otherOrg: c213.other_org, from: c213.valid_from }
      : null,
    ended: ended
      ? {
          reason: ended.end_reason!,
          reasonLabel: END_REASONS[ended.end_reason!],
          date: ended.valid_to!,
          otherOrg: ended.other_org,
        }
      : null,
    labels: [],
  };
  if (status.ended) status.labels.push(status.ended.reasonLabel);
  else if (home) {
    if (status.rank) status.labels.push(STATUS_LABELS[status.rank]);
    if (status.exempted) status.labels.push(STATUS_LABELS.exempted);
    if (status.temporaryOut) status.labels.push(STATUS_LABELS.temporary_out);
  } else if (status.contact213 || member.standing === 'contact_only')
    status.labels.push(STATUS_LABELS.contact_213);
  return status;
}

export interface FieldAccess {
  contact: boolean;
  identity: boolean;
  manage: boolean;
}

/** What the actor may see and do on one member: registry keepers see all, a member sees themself. */
export function memberFieldAccess(actor: Actor, member: Pick<MemberRow, 'id' | 'unit_path'>): FieldAccess {
  const self = actor.memberId === member.id;
  return {
    contact: self || can(actor, 'member.readContact', member.unit_path),
    identity: self || can(actor, 'member.readIdentity', member.unit_path),
    manage: can(actor, 'member.manage', member.unit_path),
  };
}

export function presentMember(
  m: MemberRow,
  access: FieldAccess,
  status: MemberStatus,
  extra: { relation?: 'member' | 'temporary_in' | 'contact_213' } = {},
) {
  return {
    id: m.id,
    fullName: m.full_name,
    gender: m.gender,
    birthDate: m.birth_date,
    ethnicity: m.ethnicity,
    hometown: m.hometown,
    admissionDate: m.admission_date,
    officialDate: m.official_date,
    unitId: m.unit_id,
    unitName: m.unit_name,
    standing: m.standing,
    ...(access.identity ? { cardNumber: m.card_number, nationalId: m.national_id } : {}),
    ...(access.contact ? { phone: m.phone, email: m.email, address: m.address } : {}),
    ...(access.manage ? { notes: m.notes } : {}),
    status,
    ...(extra.relation ? { relation: extra.relation } : {}),
    permissions: { canManage: access.manage, canSeeContact: access.contact, canSeeIdentity: access.identity },
  };
}
export type MemberDto = ReturnType<typeof presentMember>;

export async function findMember(ex: Executor, id: number): Promise<MemberRow | undefined> {
  const [m] = await ex.query<MemberRow>(
    `SELECT ${MEMBER_COLS} FROM members m JOIN org_units u ON u.id = m.unit_id WHERE m.id = $1`,
    [id],
  );
  return m;
}

/**
 * Loads a member the actor may read: through the record's own unit, through a unit hosting
 * them (temporary membership, 213 contact), or because it is the actor's own record.
 * Anything else answers 404, as if absent.
 */
export async function visibleMember(ex: Executor, actor: Actor, id: number): Promise<MemberRow> {
  const m = await findMember(ex, id);
  if (!m) throw notFound('đảng viên');
  if (actor.memberId === m.id || can(actor, 'member.read', m.unit_path)) return m;
  const hosts = await ex.query<{ path: string }>(
    `SELECT u.path FROM member_status_periods p JOIN org_units u ON u.id = p.unit_id
      WHERE p.member_id = $1 AND p.kind IN ('temporary_out', 'contact_213')
        AND (p.valid_to IS NULL OR p.valid_to > CURRENT_DATE)`,
    [id],
  );
  if (hosts.some((h) => can(actor, 'member.read', h.path))) return m;
  throw notFound('đảng viên');
}

export type MemberFilter =
  | 'all'
  | 'official'
  | 'probationary'
  | 'exempted'
  | 'temporary_out'
  | 'temporary_in'
  | 'contact_213'
  | 'voting'
  | 'former';

export interface ListMembersQuery {
  unitPath: string;
  unitId: number;
  date: string;
  subtree: boolean;
  filter: MemberFilter;
  q?: string;
  /**
   * Whose rights decide the fields `q` matches: card number and CCCD only on records whose
   * identity they may read, the phone only where they may read contacts (the same rule as
   * `memberFieldAccess`); without a searcher, names only. Matching a hidden field would let a
   * digit-by-digit search recover it.
   */
  searcher?: Actor;
  limit: number;
  /** Legacy paging (old links); ignored with a cursor. */
  offset: number;
  /** The `nextCursor` of the previous page (list 'members', key shape 'text'). */
  cursor?: string;
}

/**
 * A sort key in a cursor: the key is ASCII with U+0001 between a word's letters and its tones
 * (vietnameseNameSortKey), and cursor keys carry no control characters, so U+0001 travels as
 * U+00B7 (never in a key) and comes back on decoding.
 */
const toCursorKey = (k: string) => k.replaceAll('\u0001', '\u00b7');
const fromCursorKey = (k: string) => k.replaceAll('\u00b7', '\u0001');

/** `q` taken literally by LIKE: `%` and `_` typed by the user are characters, not wildcards. */
function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// $1 is always the date of the list, $2 the unit (its id, or its path prefix for a subtree).
const COVERS = (alias: string) =>
  `${alias}.valid_from <= $1 AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > $1)`;
const HAS = (kind: string) =>
  `EXISTS (SELECT 1 FROM member_status_periods sp WHERE sp.member_id = m.id AND sp.kind = '${kind}' AND ${COVERS('sp')})`;

const FILTERS: Record<MemberFilter, string> = {
  all: "r.relation <> 'former'",
  official: `r.relation = 'member' AND ${HAS('official')}`,
  probationary: `r.relation = 'member' AND ${HAS('probationary')} AND NOT ${HAS('official')}`,
  exempted: `r.relation = 'member' AND ${HAS('exempted')}`,
  temporary_out: `r.relation = 'member' AND ${HAS('temporary_out')}`,
  temporary_in: "r.relation = 'temporary_in'",
  contact_213: "r.relation = 'contact_213'",
  voting: `r.relation = 'member' AND ${HAS('official')} AND NOT ${HAS('exempted')} AND NOT ${HAS('temporary_out')}`,
  former: "r.relation = 'former'",
};

/** Filters whose list is a subset of the unit's own members (the summary rows count them). */
const MEMBER_FILTERS: Partial<Record<MemberFilter, keyof UnitMemberCounts>> = {
  official: 'official',
  probationary: 'probationary',
  exempted: 'exempted',
  temporary_out: 'temporaryOut',
  voting: 'votingBase',
};

/**
 * A subtree with at least this share of every member is listed by walking the members in name
 * order (index on (sort_key COLLATE "C", id)) and keeping those related to it; a smaller one
 * gathers its members through its units and sorts them (ADR 027).
 */
export const WALK_SHARE = 0.05;

/** A search counts its matches up to this; above it `totalCapped` says "more than" (ADR 027). */
export const SEARCH_COUNT_MAX = 1000;

/**
 * A search over a scope with at least this share of the registry is counted from the text's
 * matches; over a smaller one through the scope's units (countListed).
 */
export const COUNT_MATCHES_SHARE = 0.25;

/** How one member relates to the unit (or subtree) `inScope` names, in order of precedence. */
function relationSql(inScope: (alias: string) => string): string {
  // Scalar subqueries with LIMIT 1, not EXISTS: an EXISTS in a walk of the province may be
  // planned as a hashed subplan over every membership of the province (ADR 027).
  const hosted = (kind: string, relation: string) =>
    `(SELECT '${relation}'::text FROM member_status_periods hp JOIN org_units hu ON hu.id = hp.unit_id
              WHERE hp.member_id = m.id AND hp.kind = '${kind}' AND ${COVERS('hp')} AND ${inScope('hu')} LIMIT 1)`;
  return `coalesce(
      (SELECT 'member'::text FROM memberships hm JOIN org_units hu ON hu.id = hm.unit_id
        WHERE hm.member_id = m.id AND ${COVERS('hm')} AND ${inScope('hu')} LIMIT 1),
      ${hosted('temporary_out', 'temporary_in')},
      ${hosted('contact_213', 'contact_213')},
      CASE WHEN m.standing IN ('removed', 'transferred_out') AND ${inScope('u')} THEN 'former' END)`;
}

/** The members that may be on the list with `filter`, gathered through the scope's units. */
function candidatesSql(filter: MemberFilter, inScope: (alias: string) => string): string {
  const home = `SELECT cm.member_id FROM memberships cm JOIN org_units cu ON cu.id = cm.unit_id
                 WHERE ${inScope('cu')} AND ${COVERS('cm')}`;
  const hosted = (
    kinds: string,
  ) => `SELECT cp.member_id FROM member_status_periods cp JOIN org_units cu ON cu.id = cp.unit_id
                 WHERE cp.kind IN (${kinds}) AND ${inScope('cu')} AND ${COVERS('cp')}`;
  const former = `SELECT cf.id FROM members cf JOIN org_units cu ON cu.id = cf.unit_id
                 WHERE ${inScope('cu')} AND cf.standing IN ('removed', 'transferred_out')`;
  if (filter in MEMBER_FILTERS) return home;
  if (filter === 'temporary_in') return hosted(`'temporary_out'`);
  if (filter === 'contact_213') return hosted(`'contact_213'`);
  if (filter === 'former') return former;
  return `${home} UNION ${hosted(`'temporary_out', 'contact_213'`)}`;
}

export type ListedMember = MemberRow & { relation: 'member' | 'temporary_in' | 'contact_213' | 'former' };

/**
 * Members related to a unit on a date, sorted the Vietnamese way, one page by keyset on
 * (sort_key COLLATE "C", id): its own members, members of other cells in temporary membership
 * here, 213 contacts here, and (filter `former`) members who left it. The total comes from the
 * summary rows where they hold it (today, no search, unfiltered or a member filter), otherwise
 * it is counted once on the first page and carried in the cursor. No DISTINCT ON or window
 * count over the subtree per page (ADR 027).
 */
export async function listUnitMembers(
  ex: Executor,
  query: ListMembersQuery,
  today: string = todayIso(),
): Promise<{ rows: ListedMember[]; total: number; totalCapped: boolean; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor('members', 'text', query.cursor) : null;
  const params: unknown[] = [query.date, query.subtree ? `${query.unitPath}%` : query.unitId];
  const inScope = (a: string) => (query.subtree ? `${a}.path LIKE $2` : `${a}.id = $2`);
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };

  // Today's figures of the unit and of the whole registry decide the plan and, where they can,
  // give the total.
  const scale = await registryScale(ex, query.unitId, today);
  const figures = query.subtree ? scale.subtree : scale.own;
  const scopeSize = figures.total + figures.temporaryIn + figures.contact213;
  // The share of the registry the list can hold decides the plan (a member filter by its own
  // figure; `former` always through the scope's units: a partial index holds them).
  const key = MEMBER_FILTERS[query.filter];
  const listSize = key
    ? figures[key]
    : query.filter === 'temporary_in'
      ? figures.temporaryIn
      : query.filter === 'contact_213'
        ? figures.contact213
        : scopeSize;
  const walk = query.filter !== 'former' && scale.all > 0 && listSize / scale.all >= WALK_SHARE;

  let search = '';
  const q = query.q?.trim().normalize('NFC');
  if (q) {
    const like = add(`%${escapeLike(q)}%`);
    const col = (c: string) => c;
    const matches = [`chibo_fold(${col('m.full_name')}) LIKE chibo_fold(${like})`];
    const who = query.searcher;
    if (who) {
      const self = add(who.memberId ?? 0);
      const readable = (cap: Capability) =>
        `(u.path LIKE ANY(${add(scopePrefixes(who, cap))}::text[]) OR m.id = ${self})`;
      matches.push(
        `((${col('m.card_number')} LIKE ${like} OR ${col('m.national_id')} LIKE ${like}) AND ${readable('member.readIdentity')})`,
      );
      matches.push(`(${col('m.phone')} LIKE ${like} AND ${readable('member.readContact')})`);
    }
    search = `AND (${matches.join(' OR ')})`;
  }

  const rel = relationSql(inScope);
  const where = `${FILTERS[query.filter]} ${search}`;
  const from = (withCandidates: boolean) =>
    withCandidates
      ? // Through the scope's units: one member looked up per candidate (the fence keeps a search
        // from driving the plan from the trigram indexes, where a common name matches a province).
        `(${candidatesSql(query.filter, inScope)}) c(member_id)
         CROSS JOIN LATERAL (SELECT mm.* FROM members mm WHERE mm.id = c.member_id OFFSET 0) m
         JOIN org_units u ON u.id = m.unit_id`
      : 'members m JOIN org_units u ON u.id = m.unit_id';
  const body = (withCandidates: boolean) =>
    `FROM ${from(withCandidates)} CROSS JOIN LATERAL (SELECT ${rel} AS relation) r WHERE ${where}`;

  let total = cursor?.total;
  if (total === undefined)
    total = await countListed(
      ex,
      query,
      figures,
      today,
      params,
      body,
      scale.all > 0 && listSize / scale.all >= COUNT_MATCHES_SHARE,
    );

  let keyset = '';
  if (cursor) {
    const key = cursor.key
      ? `${add(fromCursorKey(cursor.key))}::text`
      : `(SELECT sort_key FROM members WHERE id = ${add(cursor.id)})`;
    keyset = `AND (m.sort_key COLLATE "C", m.id) > (${key} COLLATE "C", ${add(cursor.id)}::int)`;
  }
  const offset = cursor ? 0 : query.offset;
  const rows = await ex.query<ListedMember>(
    `SELECT ${MEMBER_COLS}, r.relation ${body(!walk)} ${keyset}
      ORDER BY m.sort_key COLLATE "C", m.id
      LIMIT ${query.limit + 1} OFFSET ${offset}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor('members', {
          // A sort key longer than a cursor holds is read back by id.
          key: last.sort_key.length <= 160 ? toCursorKey(last.sort_key) : '',
          id: last.id,
          total,
        })
      : null;
  // A search's count stops past SEARCH_COUNT_MAX: the answer says "more than" (never a silent cut).
  const totalCapped = !!q && total > SEARCH_COUNT_MAX;
  return { rows: page, total: totalCapped ? SEARCH_COUNT_MAX : total, totalCapped, nextCursor };
}

async function countListed(
  ex: Executor,
  query: ListMembersQuery,
  figures: UnitMemberCounts,
  today: string,
  params: unknown[],
  body: (withCandidates: boolean) => string,
  countFromMatches: boolean,
): Promise<number> {
  const fromSummary = query.date === today && !query.q?.trim();
  const key = MEMBER_FILTERS[query.filter];
  if (fromSummary && key) return figures[key];
  if (fromSummary && query.filter === 'all') {
    // The unit's members, plus those hosted here who are not also members here (a live count over
    // the scope's hosting periods only).
    const inScope = (a: string) => (query.subtree ? `${a}.path LIKE $2` : `${a}.id = $2`);
    const [r] = await ex.query<{ n: number }>(
      `SELECT count(DISTINCT p.member_id)::int AS n
         FROM member_status_periods p JOIN org_units hu ON hu.id = p.unit_id
        WHERE p.kind IN ('temporary_out', 'contact_213') AND ${COVERS('p')} AND ${inScope('hu')}
          AND NOT EXISTS (SELECT 1 FROM memberships hm JOIN org_units h2 ON h2.id = hm.unit_id
                           WHERE hm.member_id = p.member_id AND ${COVERS('hm')} AND ${inScope('h2')})`,
      params.slice(0, 2),
    );
    return figures.total + (r?.n ?? 0);
  }
  // A search counts at most SEARCH_COUNT_MAX + 1 matches: a common name over a province would
  // otherwise count tens of thousands on its first page. A scope holding a large share of the
  // registry counts from the text's matches (the search indexes; most matches lie inside, so
  // the bound is soon reached); a smaller one through its own units: counted from its matches,
  // a common name would check ~100.000 members against a scope holding a few of them (ADR 027).
  const searching = !!query.q?.trim();
  const fromMatches = searching && countFromMatches;
  const bound = searching ? `LIMIT ${SEARCH_COUNT_MAX + 1}` : '';
  const [r] = await ex.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 ${body(!fromMatches)} ${bound}) t`,
    params,
  );
  return r?.n ?? 0;
}

/** Today's figures of the unit (own and subtree) and the number of members of the whole registry. */
async function registryScale(
  ex: Executor,
  unitId: number,
  today: string,
): Promise<{ own: UnitMemberCounts; subtree: UnitMemberCounts; all: number }> {
  const roots = await ex.query<{ id: number }>('SELECT id FROM org_units WHERE parent_id IS NULL');
  const rows = await summaryCounts(ex, [unitId, ...roots.map((r) => r.id)], today);
  const mine = rows.get(unitId);
  let all = 0;
  for (const r of roots) all += rows.get(r.id)?.subtree.total ?? 0;
  return { own: mine?.own ?? emptyCounts(), subtree: mine?.subtree ?? emptyCounts(), all };
}
