import type { Executor } from '../../db/executor.js';
import { covers } from '../../domain/membership.js';
import { type Actor, type Capability, can, scopePrefixes } from '../../server/access.js';
import { notFound } from '../../server/errors.js';
import { END_REASONS, type EndReason, STATUS_LABELS } from './labels.js';

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
  offset: number;
}

/** `q` taken literally by LIKE: `%` and `_` typed by the user are characters, not wildcards. */
function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// $1 is always the date of the list.
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

/**
 * Members related to a unit on a date, sorted the Vietnamese way, paged in SQL:
 * its own members, members of other cells in temporary membership here, 213 contacts here,
 * and (filter `former`) members who left it.
 */
export async function listUnitMembers(ex: Executor, query: ListMembersQuery) {
  const unitCond = query.subtree ? 'u.path LIKE $2' : 'u.id = $2';
  const params: unknown[] = [query.date, query.subtree ? `${query.unitPath}%` : query.unitId];
  let search = '';
  if (query.q?.trim()) {
    params.push(`%${escapeLike(query.q.trim().normalize('NFC'))}%`);
    const q = `$${params.length}`;
    const matches = [`m.full_name ILIKE ${q}`];
    const who = query.searcher;
    if (who) {
      params.push(who.memberId ?? 0);
      const self = `$${params.length}`;
      const readable = (cap: Capability) => {
        params.push(scopePrefixes(who, cap));
        return `(u.path LIKE ANY($${params.length}::text[]) OR m.id = ${self})`;
      };
      matches.push(
        `((m.card_number LIKE ${q} OR m.national_id LIKE ${q}) AND ${readable('member.readIdentity')})`,
      );
      matches.push(`(m.phone LIKE ${q} AND ${readable('member.readContact')})`);
    }
    search = `AND (${matches.join(' OR ')})`;
  }
  const base = `
    WITH rel AS (
      SELECT DISTINCT ON (member_id) member_id, relation FROM (
        SELECT ms.member_id, 'member' AS relation, 0 AS pri
          FROM memberships ms JOIN org_units u ON u.id = ms.unit_id WHERE ${unitCond} AND ${COVERS('ms')}
        UNION ALL
        SELECT p.member_id, CASE p.kind WHEN 'temporary_out' THEN 'temporary_in' ELSE 'contact_213' END, 1
          FROM member_status_periods p JOIN org_units u ON u.id = p.unit_id
         WHERE p.kind IN ('temporary_out', 'contact_213') AND ${unitCond} AND ${COVERS('p')}
        UNION ALL
        SELECT m2.id, 'former', 2 FROM members m2 JOIN org_units u ON u.id = m2.unit_id
         WHERE ${unitCond} AND m2.standing IN ('removed', 'transferred_out')
      ) x ORDER BY member_id, pri
    )
    SELECT ${MEMBER_COLS}, r.relation, count(*) OVER () AS total_count
      FROM rel r JOIN members m ON m.id = r.member_id JOIN org_units u ON u.id = m.unit_id
     WHERE ${FILTERS[query.filter]} ${search}
     ORDER BY m.sort_key COLLATE "C", m.id
     LIMIT ${query.limit} OFFSET ${query.offset}`;
  const rows = await ex.query<
    MemberRow & { relation: 'member' | 'temporary_in' | 'contact_213' | 'former'; total_count: number }
  >(base, params);
  const total = rows[0]?.total_count ?? 0;
  if (rows.length === 0 && query.offset > 0) {
    // Past the end: still report the total.
    const [c] = await ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${base.replace(/LIMIT[\s\S]*$/, '')}) t`,
      params,
    );
    return { rows, total: c?.n ?? 0 };
  }
  return { rows, total };
}
