/**
 * Compliance alerts (DOMAIN.md §5–6, issue "meeting quality"): each rule looks at the records
 * and yields the alerts that should be open today. The job opens new ones (one open row per
 * kind and subject, guaranteed by a unique index, so two processes running it at once cannot
 * duplicate), resolves those no longer found, and notifies the people who can act.
 */
import type { Executor } from '../../db/executor.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { formatDate, todayIso } from '../../domain/format.js';
import { DEFAULT_PACK_ID } from '../../rules/index.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { DIRECTIVE_LABELS_JSON, foundCtes, packRows, packTable, UNIT_PACK_CTES } from './alert-detect.js';

export interface AlertCandidate {
  unitId: number;
  kind: string;
  subjectKey: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  detail?: string;
  link?: string;
  memberId?: number | null;
  meetingId?: number | null;
  dueDate?: string | null;
}

export const ALERT_KINDS = {
  no_regular_meeting: 'Chưa họp hoặc chưa có lịch sinh hoạt thường kỳ',
  no_thematic_meeting: 'Chưa sinh hoạt chuyên đề trong quý',
  documents_late: 'Chưa đăng tài liệu trước buổi sinh hoạt',
  minutes_late: 'Chưa thông qua biên bản đúng hạn',
  low_attendance: 'Tỷ lệ dự họp thấp',
  excused_run: 'Vắng có lý do nhiều lần liên tiếp',
  removal_risk: 'Nguy cơ xóa tên',
  probation_ending: 'Sắp hết thời gian dự bị',
  transfer_letter_due: 'Hạn nộp giấy giới thiệu sinh hoạt đảng',
  directive_overdue: 'Chưa quán triệt văn bản cấp trên đúng hạn',
  remedy_overdue: 'Quá hạn khắc phục sau kiểm tra, giám sát',
} as const;

/** Present over the attendance base, in percent (an empty base counts as full attendance). */
export function attendancePercent(present: number, base: number): number {
  return base === 0 ? 100 : (present * 100) / base;
}

/** Alert when attendance falls below the pack's bar (85%: HD 12/2018 expects more than 85% present). */
export function isLowAttendance(percent: number, bar: number): boolean {
  return percent < bar;
}

/** The month `n` months before `YYYY-MM`. */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export function addMonths(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** A subtree's LIKE pattern (`/1/12/%`) from its path; `/` is the whole tree. */
const pattern = (root: string) => `${root.endsWith('/') ? root : `${root}/`}%`;

/** The current quarter's key (`2026-Q4`) in a quarter's last month, else null. */
function quarterKey(today: string): string | null {
  const m = Number(today.slice(5, 7));
  return m % 3 === 0 ? `${today.slice(0, 4)}-Q${m / 3}` : null;
}

/**
 * Probation ending and transfer letters need working days (the holiday decisions): the few rows
 * near their date are read scoped, with their pack's numbers joined in SQL, and dated in Node.
 */
async function nodeCandidates(
  ex: Executor,
  root: string,
  today: string,
  packs: string,
): Promise<AlertCandidate[]> {
  const cal = await loadWorkingCalendar(ex);
  const params = [pattern(root), today, packs, DEFAULT_PACK_ID];
  const probation = await ex.query<{
    member_id: number;
    full_name: string;
    unit_id: number;
    valid_from: string;
    months: number;
    wd: number;
  }>(
    `WITH ${UNIT_PACK_CTES}
     SELECT p.member_id, mb.full_name, ms.unit_id, p.valid_from::text AS valid_from, u.probation_months AS months, u.recognition_wd AS wd
       FROM member_status_periods p
       JOIN members mb ON mb.id = p.member_id
       JOIN memberships ms ON ms.member_id = p.member_id AND ms.valid_to IS NULL
       JOIN up u ON u.id = ms.unit_id
      WHERE p.kind = 'probationary' AND p.valid_to IS NULL
        AND (p.valid_from + make_interval(months => u.probation_months))::date <= $2::date + 30`,
    params,
  );
  const out: AlertCandidate[] = [];
  for (const p of probation) {
    const ends = addMonths(p.valid_from, p.months);
    if (addDays(today, 30) < ends) continue;
    const due = addWorkingDays(ends, p.wd, cal);
    out.push({
      unitId: p.unit_id,
      kind: 'probation_ending',
      subjectKey: `${p.member_id}:${ends}`,
      severity: today > due ? 'critical' : 'info',
      title: `Đồng chí ${p.full_name} hết thời gian dự bị ngày ${formatDate(ends)}`,
      detail: `Chi bộ xét công nhận đảng viên chính thức chậm nhất ngày ${formatDate(due)} (${p.wd} ngày làm việc).`,
      link: `/dang-vien/${p.member_id}`,
      memberId: p.member_id,
      dueDate: due,
    });
  }
  const transfers = await ex.query<{
    member_id: number;
    full_name: string;
    unit_id: number;
    valid_to: string;
    other_org: string | null;
    wd: number;
  }>(
    `WITH ${UNIT_PACK_CTES}
     SELECT ms.member_id, mb.full_name, ms.unit_id, ms.valid_to::text AS valid_to, ms.other_org, u.transfer_wd AS wd
       FROM memberships ms JOIN members mb ON mb.id = ms.member_id JOIN up u ON u.id = ms.unit_id
      WHERE ms.end_reason = 'transfer_out' AND mb.standing = 'transferred_out' AND ms.valid_to > $2::date - 60`,
    params,
  );
  for (const t of transfers) {
    const due = addWorkingDays(t.valid_to, t.wd, cal);
    if (today > due) continue;
    out.push({
      unitId: t.unit_id,
      kind: 'transfer_letter_due',
      subjectKey: `${t.member_id}:${t.valid_to}`,
      severity: 'info',
      title: `Đồng chí ${t.full_name} chuyển sinh hoạt${t.other_org ? ` đến ${t.other_org}` : ''}: nộp giấy giới thiệu trước ${formatDate(due)}`,
      detail: `Trong ${t.wd} ngày làm việc kể từ ngày ${formatDate(t.valid_to)}.`,
      link: `/dang-vien/${t.member_id}`,
      memberId: t.member_id,
      dueDate: due,
    });
  }
  return out;
}

/** The parameters of `foundCtes` for a subtree and day (the packs resolved once). */
export async function detectParams(ex: Executor, root: string, today: string): Promise<unknown[]> {
  const packs = JSON.stringify(packTable(await packRows(ex, today)));
  const node = await nodeCandidates(ex, root, today, packs);
  const rows = node.map((a) => ({
    unit_id: a.unitId,
    kind: a.kind,
    subject_key: a.subjectKey,
    severity: a.severity,
    title: a.title,
    detail: a.detail ?? null,
    link: a.link ?? null,
    member_id: a.memberId ?? null,
    meeting_id: a.meetingId ?? null,
    due_date: a.dueDate ?? null,
  }));
  return [
    pattern(root),
    today,
    packs,
    DEFAULT_PACK_ID,
    quarterKey(today),
    JSON.stringify(rows),
    DIRECTIVE_LABELS_JSON,
  ];
}

/**
 * Everything that should be open on `today` under `root` (the whole tree by default), from the
 * records, subjects a person closed left out. For tests and checks: the job upserts in SQL.
 */
export async function detectAlerts(ex: Executor, today: string, root = '/'): Promise<AlertCandidate[]> {
  const rows = await ex.query<{
    unit_id: number;
    kind: string;
    subject_key: string;
    severity: AlertCandidate['severity'];
    title: string;
    detail: string | null;
    link: string | null;
    member_id: number | null;
    meeting_id: number | null;
    due_date: string | null;
  }>(
    `WITH ${foundCtes(root !== '/')}
     SELECT unit_id, kind, subject_key, severity, title, detail, link, member_id, meeting_id, due_date::text AS due_date FROM found`,
    await detectParams(ex, root, today),
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    kind: r.kind,
    subjectKey: r.subject_key,
    severity: r.severity,
    title: r.title,
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.link !== null ? { link: r.link } : {}),
    memberId: r.member_id,
    meetingId: r.meeting_id,
    dueDate: r.due_date,
  }));
}

/**
 * One statement opens, keeps and resolves the alerts of a subtree so its open set equals what the
 * records show today, and tells the people who can act about each new one (the cell's
 * secretaries, its supervisors and committee staff above: notifications and their mails).
 */
const RUN_SQL = (scoped: boolean) => `WITH ${foundCtes(scoped)},
resolved AS (
  UPDATE alerts a SET resolved_at = now()
    FROM unit_pack u
   WHERE u.id = a.unit_id AND a.resolved_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM found f WHERE f.kind = a.kind AND f.subject_key = a.subject_key)
  RETURNING a.id
), ins AS (
  INSERT INTO alerts (unit_id, kind, subject_key, severity, title, detail, link, member_id, meeting_id, due_date)
  SELECT unit_id, kind, subject_key, severity, title, detail, link, member_id, meeting_id, due_date FROM found
  ON CONFLICT (kind, subject_key) WHERE resolved_at IS NULL DO UPDATE
     SET severity = EXCLUDED.severity, title = EXCLUDED.title, detail = EXCLUDED.detail
   WHERE (alerts.severity, alerts.title, alerts.detail) IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.title, EXCLUDED.detail)
  RETURNING id, unit_id, kind, title, detail, link, (xmax = 0) AS inserted
), fresh AS (
  SELECT * FROM ins WHERE inserted
), noti AS (
  INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
  SELECT DISTINCT g.user_id, 'alert.' || f.kind, f.title, f.detail, f.link, 'alert:' || f.id
    FROM fresh f
    JOIN org_units fu ON fu.id = f.unit_id
    -- The unit and each unit above it, read from its path: grants found by their unit's id
    -- (an index or a hash), not by comparing every new alert's path with every grant's.
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM fu.path), '/')::int[]) AS anc(id)
    JOIN role_grants g ON g.org_unit_id = anc.id
     AND g.role IN ('cell_secretary', 'supervisor', 'committee_staff')
  ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
  RETURNING user_id, title, body, link
), mail AS (
  INSERT INTO mail_outbox (to_address, subject, body, link)
  SELECT m.email, '[chibo] ' || n.title, coalesce(n.body, n.title), n.link
    FROM noti n JOIN users us ON us.id = n.user_id JOIN members m ON m.id = us.member_id
   WHERE us.is_active AND m.email IS NOT NULL AND m.email <> ''
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS opened, (SELECT count(*) FROM resolved)::int AS resolved,
       (SELECT count(*) FROM mail)::int AS mails`;

/**
 * Opens, keeps and resolves the alerts under `roots` (the whole tree by default): one statement per
 * root, whatever the size. Idempotent; runs are serialised by the job's lock (jobs.ts) and the
 * open-alert index guards the inserts. `open` counts the open alerts under the roots.
 */
export async function runAlerts(
  db: Executor,
  today = todayIso(),
  roots: readonly string[] = ['/'],
): Promise<{ opened: number; resolved: number; open: number }> {
  return db.transaction(async (tx) => {
    let opened = 0;
    let resolved = 0;
    for (const root of roots) {
      const [row] = await tx.query<{ opened: number; resolved: number }>(
        RUN_SQL(root !== '/'),
        await detectParams(tx, root, today),
      );
      opened += row?.opened ?? 0;
      resolved += row?.resolved ?? 0;
    }
    const [{ n }] = (await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alerts a JOIN org_units u ON u.id = a.unit_id
        WHERE a.resolved_at IS NULL AND u.path LIKE ANY($1::text[])`,
      [roots.map(pattern)],
    )) as [{ n: number }];
    return { opened, resolved, open: n };
  });
}
/**
 * A person deals with an alert the records cannot resolve (a month the cell did not meet, with
 * its reason): closed with a note, it stays closed; the job never reopens that subject.
 */
export async function dismissAlert(tx: Executor, actor: Actor, alertId: number, note: string, ip?: string) {
  const [a] = await tx.query<{
    id: number;
    unit_id: number;
    path: string;
    kind: string;
    title: string;
    resolved_at: Date | null;
  }>(
    `SELECT a.id, a.unit_id, u.path, a.kind, a.title, a.resolved_at FROM alerts a JOIN org_units u ON u.id = a.unit_id WHERE a.id = $1`,
    [alertId],
  );
  if (!a || !can(actor, 'meeting.read', a.path)) throw notFound('cảnh báo');
  authorize(actor, 'meeting.manage', a.path, 'cảnh báo');
  if (a.resolved_at) throw new AppError('CONFLICT', 'Cảnh báo đã được xử lý.');
  await tx.query(
    'UPDATE alerts SET resolved_at = now(), dismissed_at = now(), dismissed_by = $2, dismiss_note = $3 WHERE id = $1',
    [a.id, actor.userId, note],
  );
  await audit(
    tx,
    actor,
    {
      action: 'alert.dismiss',
      entityType: 'alert',
      entityId: a.id,
      orgUnitId: a.unit_id,
      after: { kind: a.kind, title: a.title, note },
    },
    ip,
  );
}
