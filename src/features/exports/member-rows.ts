/**
 * The rows of the member list export, read by keyset on (sort_key, id) one batch per statement
 * (ADR 028). Everything a row shows is computed in SQL for the batch: the status labels on the
 * date, the home cell, and the fields the viewer may see (the same rule as memberFieldAccess:
 * the member themself, or a grant of member.readContact / readIdentity / manage over the
 * member's own unit). No per-row scan of the subtree in JavaScript.
 *
 * The members listed are those with a membership in the subtree covering the date (the
 * "member" relation of listUnitMembers), as the export has always been.
 */
import type { Executor } from '../../db/executor.js';
import type { ExportMember } from '../../documents/members-xlsx.js';
import { type Actor, scopePrefixes } from '../../server/access.js';
import { STATUS_LABELS } from '../members/labels.js';

/** Who reads: an actor's grants, or everything (the CLI, run by the operator). */
export type ExportViewer = { kind: 'actor'; actor: Actor } | { kind: 'all' };

export interface ViewerScopes {
  contact: string[];
  identity: string[];
  manage: string[];
  memberId: number;
}

export function viewerScopes(viewer: ExportViewer): ViewerScopes {
  if (viewer.kind === 'all') return { contact: ['/%'], identity: ['/%'], manage: ['/%'], memberId: 0 };
  const a = viewer.actor;
  return {
    contact: scopePrefixes(a, 'member.readContact'),
    identity: scopePrefixes(a, 'member.readIdentity'),
    manage: scopePrefixes(a, 'member.manage'),
    memberId: a.memberId ?? 0,
  };
}

/** Where the last batch ended. */
export interface Keyset {
  key: string;
  id: number;
}

export interface MemberBatch {
  rows: ExportMember[];
  /** The keyset after the last row; null when the batch was the last one. */
  next: Keyset | null;
}

// $1 date, $2 subtree LIKE prefix.
const COVERS = (a: string) => `${a}.valid_from <= $1 AND (${a}.valid_to IS NULL OR ${a}.valid_to > $1)`;
const IN_SUBTREE = `EXISTS (SELECT 1 FROM memberships ms JOIN org_units mu ON mu.id = ms.unit_id
                    WHERE ms.member_id = m.id AND mu.path LIKE $2 AND ${COVERS('ms')})`;
/** How many members the export of this subtree on this date holds. */
export async function countExportMembers(ex: Executor, unitPath: string, date: string): Promise<number> {
  const [r] = await ex.query<{ n: number }>(
    `SELECT count(DISTINCT ms.member_id)::int AS n
       FROM memberships ms JOIN org_units mu ON mu.id = ms.unit_id
      WHERE mu.path LIKE $2 AND ${COVERS('ms')}`,
    [date, `${unitPath}%`],
  );
  return r?.n ?? 0;
}

interface Raw {
  id: number;
  sort_key: string;
  full_name: string;
  birth_date: string | null;
  gender: string | null;
  ethnicity: string | null;
  hometown: string | null;
  address: string | null;
  admission_date: string | null;
  official_date: string | null;
  card_number: string | null;
  cell_name: string;
  national_id: string | null;
  phone: string | null;
  email: string | null;
  status_label: string;
  notes: string | null;
}

/** One batch of at most `limit` rows after `after`, in the Vietnamese order. */
export async function readMemberBatch(
  ex: Executor,
  q: { unitPath: string; date: string; after: Keyset | null; limit: number; scopes: ViewerScopes },
): Promise<MemberBatch> {
  const s = q.scopes;
  const params: unknown[] = [
    q.date,
    `${q.unitPath}%`,
    s.contact,
    s.identity,
    s.manage,
    s.memberId,
    STATUS_LABELS.official,
    STATUS_LABELS.probationary,
    STATUS_LABELS.exempted,
    STATUS_LABELS.temporary_out,
  ];
  let after = '';
  if (q.after) {
    params.push(q.after.key, q.after.id);
    // A row comparison on the index's own expressions: an index condition, not a filter.
    after = `AND ((m.sort_key COLLATE "C"), m.id) > ($11 COLLATE "C", $12)`;
  }
  const see = (i: number) => `(u.path LIKE ANY($${i}::text[]) OR m.id = $6)`;
  const rows = await ex.query<Raw>(
    `SELECT m.id, m.sort_key, m.full_name, m.birth_date, m.gender, m.ethnicity, m.hometown,
            CASE WHEN ${see(3)} THEN m.address END AS address,
            m.admission_date, m.official_date,
            CASE WHEN ${see(4)} THEN m.card_number END AS card_number,
            coalesce(h.name, u.name) AS cell_name,
            CASE WHEN ${see(4)} THEN m.national_id END AS national_id,
            CASE WHEN ${see(3)} THEN m.phone END AS phone,
            CASE WHEN ${see(3)} THEN m.email END AS email,
            concat_ws(', ',
              CASE WHEN s.official THEN $7 WHEN s.probationary THEN $8 END,
              CASE WHEN s.exempted THEN $9 END,
              CASE WHEN s.temporary_out THEN $10 END) AS status_label,
            CASE WHEN u.path LIKE ANY($5::text[]) THEN m.notes END AS notes
       FROM members m
       JOIN org_units u ON u.id = m.unit_id
       LEFT JOIN LATERAL (
         SELECT hu.name FROM memberships hm JOIN org_units hu ON hu.id = hm.unit_id
          WHERE hm.member_id = m.id AND ${COVERS('hm')}
          ORDER BY hm.valid_from, hm.id LIMIT 1) h ON true
       -- The member's own periods on the date (msp_member), not a hashed scan of every period.
       LEFT JOIN LATERAL (
         SELECT bool_or(sp.kind = 'official') AS official, bool_or(sp.kind = 'probationary') AS probationary,
                bool_or(sp.kind = 'exempted') AS exempted, bool_or(sp.kind = 'temporary_out') AS temporary_out
           FROM member_status_periods sp WHERE sp.member_id = m.id AND ${COVERS('sp')}) s ON true
      WHERE ${IN_SUBTREE} ${after}
      ORDER BY m.sort_key COLLATE "C", m.id
      LIMIT ${Math.trunc(q.limit)}`,
    params,
  );
  const last = rows[rows.length - 1];
  return {
    rows: rows.map(toExportMember),
    next: last && rows.length === q.limit ? { key: last.sort_key, id: last.id } : null,
  };
}

const opt = (v: string | null) => v ?? undefined;

function toExportMember(r: Raw): ExportMember {
  return {
    fullName: r.full_name,
    birthDate: opt(r.birth_date),
    gender: opt(r.gender),
    ethnicity: opt(r.ethnicity),
    hometown: opt(r.hometown),
    address: opt(r.address),
    admissionDate: opt(r.admission_date),
    officialDate: opt(r.official_date),
    cardNumber: opt(r.card_number),
    cellName: r.cell_name,
    nationalId: opt(r.national_id),
    phone: opt(r.phone),
    email: opt(r.email),
    statusLabel: r.status_label,
    notes: opt(r.notes),
  };
}
