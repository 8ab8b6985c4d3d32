/**
 * Compliance alerts (DOMAIN.md §5–6, issue "meeting quality"): each rule looks at the records
 * and yields the alerts that should be open today. The job opens new ones (one open row per
 * kind and subject, guaranteed by a unique index, so two processes running it at once cannot
 * duplicate), resolves those no longer found, and notifies the people who can act.
 */
import type { Executor } from '../../db/executor.js';
import { type AttendanceStatus, longestExcusedRun } from '../../domain/attendance.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { formatDate, formatPercent, todayIso } from '../../domain/format.js';
import type { RulePack } from '../../rules/index.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { directiveOverdueAlerts } from '../directives/alerts.js';
import { duesRemovalRiskAlerts } from '../dues/alerts.js';
import { remedyOverdueAlerts } from '../inspections/alerts.js';
import { notifyUsers, usersWithRoleOver } from '../notifications/service.js';
import { rulePackForUnit } from '../org/service.js';

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
function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function addMonths(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** Everything that should be open on `today`, from the records. */
export async function detectAlerts(ex: Executor, today: string): Promise<AlertCandidate[]> {
  const out: AlertCandidate[] = [];
  // Working days follow each year's official holiday decision (Tết span, swapped days).
  const cal = await loadWorkingCalendar(ex);
  // Every threshold comes from the pack in force for the unit concerned (inherited down the tree).
  const packs = new Map<number, RulePack>();
  const packFor = async (unitId: number): Promise<RulePack> => {
    let pack = packs.get(unitId);
    if (!pack) {
      const [u] = await ex.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [unitId]);
      pack = await rulePackForUnit(ex, u!.path, today);
      packs.set(unitId, pack);
    }
    return pack;
  };
  const month = today.slice(0, 7);
  // Months whose regular meeting is due and was not held: the alert stays, month after month,
  // until the meeting is held or a person closes it with a note (a planned date does not count).
  const missed = await ex.query<{
    unit_id: number;
    name: string;
    month: string;
    due_date: string;
    regular_planned: boolean;
  }>(
    `SELECT s.unit_id, u.name, s.month, s.due_date, s.regular_planned
       FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id
      WHERE NOT s.regular_held AND s.due_date < $1::date AND u.archived_at IS NULL
        AND u.kind IN ('chi_bo', 'chi_bo_co_so')
        AND s.month >= to_char($1::date - interval '36 months', 'YYYY-MM')
      ORDER BY s.unit_id, s.month`,
    [today],
  );
  for (const r of missed) {
    const pack = await packFor(r.unit_id);
    if (r.month < monthsBefore(month, pack.oversight.missedMeetingLookbackMonths)) continue;
    const label = `${Number(r.month.slice(5))}/${r.month.slice(0, 4)}`;
    out.push({
      unitId: r.unit_id,
      kind: 'no_regular_meeting',
      subjectKey: `${r.unit_id}:${r.month}`,
      severity: 'critical',
      title: `${r.name}: chưa sinh hoạt thường kỳ tháng ${label}`,
      detail: r.regular_planned
        ? `Buổi sinh hoạt tháng ${label} đã lên lịch nhưng chưa được tổ chức (hạn ngày ${formatDate(r.due_date)}). Chi bộ sinh hoạt định kỳ hằng tháng (HD 42).`
        : `Chi bộ chưa có buổi sinh hoạt thường kỳ tháng ${label} (hạn ngày ${formatDate(r.due_date)}). Chi bộ sinh hoạt định kỳ hằng tháng (HD 42).`,
      link: `/don-vi/${r.unit_id}`,
      dueDate: r.due_date,
    });
  }

  // Thematic meeting at least once a quarter (HD 42): in the quarter's last month, warn when none is
  // held or planned still to come; after the quarter, a quarter without one stays open.
  const cells = await ex.query<{ id: number; name: string }>(
    "SELECT u.id, u.name FROM org_units u WHERE u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL",
  );
  const quarterMeetings = await ex.query<{ unit_id: number; status: string; scheduled_at: Date }>(
    `SELECT unit_id, status, scheduled_at FROM meetings
      WHERE status <> 'cancelled' AND kind IN ('thematic', 'combined')
        AND scheduled_at >= (date_trunc('quarter', $1::date))::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
        AND scheduled_at < (date_trunc('quarter', $1::date) + interval '3 months')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    [today],
  );
  const quarter = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  if (Number(month.slice(5, 7)) % 3 === 0) {
    const now = Date.now();
    for (const c of cells) {
      const ok = quarterMeetings.some(
        (m) => m.unit_id === c.id && (m.status !== 'planned' || new Date(m.scheduled_at).getTime() > now),
      );
      if (ok) continue;
      out.push({
        unitId: c.id,
        kind: 'no_thematic_meeting',
        subjectKey: `${c.id}:${quarter}`,
        severity: 'warning',
        title: `${c.name}: chưa có buổi sinh hoạt chuyên đề trong quý ${quarter.slice(-1)}/${quarter.slice(0, 4)}`,
        detail: 'Mỗi quý chi bộ sinh hoạt chuyên đề ít nhất một lần (HD 42).',
        link: `/don-vi/${c.id}`,
      });
    }
  }
  const pastQuarters = await ex.query<{ unit_id: number; name: string; month: string }>(
    `SELECT s.unit_id, u.name, s.month FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id
      WHERE NOT s.thematic_in_quarter AND u.archived_at IS NULL AND u.kind IN ('chi_bo', 'chi_bo_co_so')
        AND substring(s.month FROM 6 FOR 2) IN ('03', '06', '09', '12') AND s.month < $1
        AND s.month >= to_char($2::date - interval '36 months', 'YYYY-MM')`,
    [month, today],
  );
  for (const r of pastQuarters) {
    const pack = await packFor(r.unit_id);
    if (r.month < monthsBefore(month, pack.oversight.missedMeetingLookbackMonths)) continue;
    const q = `${r.month.slice(0, 4)}-Q${Number(r.month.slice(5, 7)) / 3}`;
    out.push({
      unitId: r.unit_id,
      kind: 'no_thematic_meeting',
      subjectKey: `${r.unit_id}:${q}`,
      severity: 'warning',
      title: `${r.name}: không sinh hoạt chuyên đề trong quý ${q.slice(-1)}/${q.slice(0, 4)}`,
      detail: 'Mỗi quý chi bộ sinh hoạt chuyên đề ít nhất một lần (HD 42).',
      link: `/don-vi/${r.unit_id}`,
    });
  }

  // Documents not posted one day before a planned meeting (HD 42); the window is the unit's pack.
  const soon = await ex.query<{ id: number; unit_id: number; title: string; hours_left: number }>(
    `SELECT mt.id, mt.unit_id, mt.title, extract(epoch FROM mt.scheduled_at - now()) / 3600 AS hours_left FROM meetings mt
      WHERE mt.status = 'planned' AND mt.scheduled_at <= now() + interval '14 days' AND mt.scheduled_at > now() - interval '1 day'
        AND NOT EXISTS (SELECT 1 FROM meeting_documents d WHERE d.meeting_id = mt.id AND d.purpose = 'material' AND d.removed_at IS NULL)`,
  );
  for (const m of soon) {
    const lead = (await packFor(m.unit_id)).meetings.documentsLeadDays;
    if (Number(m.hours_left) > lead * 24) continue;
    out.push({
      unitId: m.unit_id,
      kind: 'documents_late',
      subjectKey: String(m.id),
      severity: 'warning',
      title: `${m.title}: chưa đăng tài liệu cho đảng viên`,
      detail: `Tài liệu cần đăng trước ít nhất ${lead} ngày (HD 42).`,
      link: `/sinh-hoat/${m.id}`,
      meetingId: m.id,
    });
  }

  // Minutes not adopted (final documents) within the pack's days after the meeting (HD 42: 2 days).
  const unadopted = await ex.query<{ id: number; unit_id: number; title: string; hours_since: number }>(
    `SELECT mt.id, mt.unit_id, mt.title, extract(epoch FROM now() - mt.ended_at) / 3600 AS hours_since FROM meetings mt
      WHERE mt.status = 'held' AND mt.kind <> 'committee' AND mt.ended_at < now() AND mt.ended_at > now() - interval '120 days'
        AND NOT EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted')`,
  );
  for (const m of unadopted) {
    const days = (await packFor(m.unit_id)).meetings.finalDocumentsDays;
    if (Number(m.hours_since) <= days * 24) continue;
    out.push({
      unitId: m.unit_id,
      kind: 'minutes_late',
      subjectKey: String(m.id),
      severity: 'critical',
      title: `${m.title}: biên bản chưa được thông qua sau ${days} ngày`,
      detail: `Văn bản hoàn chỉnh phải đăng và báo cáo đảng ủy trong ${days} ngày sau buổi sinh hoạt.`,
      link: `/sinh-hoat/${m.id}`,
      meetingId: m.id,
    });
  }

  // Attendance below the bar at the last held meeting of each cell (HD 12/2018: >85%), from the
  // meeting's stored summary (the one attendance rule, as in its minutes and its score).
  const attendance = await ex.query<{
    id: number;
    unit_id: number;
    title: string;
    present: number;
    base: number;
  }>(
    `SELECT DISTINCT ON (mt.unit_id) mt.id, mt.unit_id, mt.title, mt.att_present AS present, mt.att_summoned AS base
       FROM meetings mt
      WHERE mt.status = 'held' AND mt.kind <> 'committee' AND mt.scheduled_at > now() - interval '62 days'
        AND mt.att_summoned IS NOT NULL
      ORDER BY mt.unit_id, mt.scheduled_at DESC`,
  );
  for (const a of attendance) {
    const pack = await packFor(a.unit_id);
    const pct = attendancePercent(a.present, a.base);
    if (isLowAttendance(pct, pack.oversight.attendanceAlertPercent)) {
      out.push({
        unitId: a.unit_id,
        kind: 'low_attendance',
        subjectKey: String(a.id),
        severity: 'warning',
        title: `${a.title}: tỷ lệ dự họp ${formatPercent(a.present, a.base)} (dưới ${pack.oversight.attendanceAlertPercent}%)`,
        link: `/sinh-hoat/${a.id}`,
        meetingId: a.id,
      });
    }
  }

  // Per member, over this year's held meetings: excused runs and unexcused months.
  const year = today.slice(0, 4);
  const rows = await ex.query<{
    member_id: number;
    full_name: string;
    unit_id: number;
    status: string | null;
    local_month: string;
  }>(
    `SELECT a.member_id, mb.full_name, mt.unit_id, a.status,
            to_char(mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS local_month
       FROM meetings mt JOIN attendance a ON a.meeting_id = mt.id JOIN members mb ON mb.id = a.member_id
      WHERE mt.status = 'held' AND mt.kind <> 'committee' AND a.category = 'member' AND NOT a.away
        AND to_char(mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') = $1
      ORDER BY a.member_id, mt.scheduled_at`,
    [year],
  );
  const byMember = new Map<number, typeof rows>();
  for (const r of rows) byMember.set(r.member_id, [...(byMember.get(r.member_id) ?? []), r]);
  for (const [memberId, list] of byMember) {
    const last = list[list.length - 1]!;
    const pack = await packFor(last.unit_id);
    // The longest run in the year, as the rubric's attendance point counts it (not only the latest).
    const run = longestExcusedRun(list.map((r) => r.status as AttendanceStatus | null));
    if (run > pack.oversight.excusedRunAlert) {
      out.push({
        unitId: last.unit_id,
        kind: 'excused_run',
        subjectKey: `${memberId}:${year}`,
        severity: 'warning',
        title: `Đồng chí ${last.full_name} vắng có lý do ${run} lần liên tiếp trong năm ${year}`,
        detail: `Quá ${pack.oversight.excusedRunAlert} lần liên tiếp trong năm: chi bộ cần gặp gỡ, xem xét (HD 12/2018).`,
        link: `/dang-vien/${memberId}`,
        memberId,
      });
    }
    const unexcusedMonths = new Set(
      list.filter((r) => r.status === 'absent_unexcused').map((r) => r.local_month),
    );
    if (unexcusedMonths.size >= pack.oversight.removalRiskMonths - 1 && unexcusedMonths.size > 0) {
      const atRisk = unexcusedMonths.size >= pack.oversight.removalRiskMonths;
      out.push({
        unitId: last.unit_id,
        kind: 'removal_risk',
        subjectKey: `${memberId}:${year}`,
        severity: atRisk ? 'critical' : 'warning',
        title: `Đồng chí ${last.full_name} vắng không lý do ${unexcusedMonths.size} tháng trong năm`,
        detail: atRisk
          ? `Đã đủ ${pack.oversight.removalRiskMonths} tháng: thuộc trường hợp chi bộ xem xét xóa tên (Điều lệ Đảng).`
          : `Thêm một tháng nữa là đủ ${pack.oversight.removalRiskMonths} tháng: thuộc trường hợp xem xét xóa tên.`,
        link: `/dang-vien/${memberId}`,
        memberId,
      });
    }
  }

  // The dues ground of the same alert (a subject key of its own), from the ledger.
  out.push(...(await duesRemovalRiskAlerts(ex, year, packFor)));
  out.push(...(await remedyOverdueAlerts(ex, today)));
  out.push(...(await directiveOverdueAlerts(ex, today)));

  // Probation ending: 12 months; the cell must consider recognition within 30 working days after.
  const probation = await ex.query<{
    member_id: number;
    full_name: string;
    unit_id: number;
    valid_from: string;
  }>(
    `SELECT p.member_id, mb.full_name, ms.unit_id, p.valid_from FROM member_status_periods p
       JOIN members mb ON mb.id = p.member_id
       JOIN memberships ms ON ms.member_id = p.member_id AND ms.valid_to IS NULL
      WHERE p.kind = 'probationary' AND p.valid_to IS NULL`,
  );
  for (const p of probation) {
    const pack = await packFor(p.unit_id);
    const ends = addMonths(p.valid_from, pack.membership.probationMonths);
    if (addDays(today, 30) < ends) continue;
    const due = addWorkingDays(ends, pack.membership.officialRecognitionWorkingDays, cal);
    out.push({
      unitId: p.unit_id,
      kind: 'probation_ending',
      subjectKey: `${p.member_id}:${ends}`,
      severity: today > due ? 'critical' : 'info',
      title: `Đồng chí ${p.full_name} hết thời gian dự bị ngày ${formatDate(ends)}`,
      detail: `Chi bộ xét công nhận đảng viên chính thức chậm nhất ngày ${formatDate(due)} (${pack.membership.officialRecognitionWorkingDays} ngày làm việc).`,
      link: `/dang-vien/${p.member_id}`,
      memberId: p.member_id,
      dueDate: due,
    });
  }

  // Official transfer out of the tree: the letter must be presented within 30 working days.
  const transfers = await ex.query<{
    member_id: number;
    full_name: string;
    unit_id: number;
    valid_to: string;
    other_org: string | null;
  }>(
    `SELECT ms.member_id, mb.full_name, ms.unit_id, ms.valid_to, ms.other_org FROM memberships ms JOIN members mb ON mb.id = ms.member_id
      WHERE ms.end_reason = 'transfer_out' AND mb.standing = 'transferred_out' AND ms.valid_to > $1::date - 60`,
    [today],
  );
  for (const t of transfers) {
    const pack = await packFor(t.unit_id);
    const due = addWorkingDays(t.valid_to, pack.membership.transferLetterWorkingDays, cal);
    if (today > due) continue;
    out.push({
      unitId: t.unit_id,
      kind: 'transfer_letter_due',
      subjectKey: `${t.member_id}:${t.valid_to}`,
      severity: 'info',
      title: `Đồng chí ${t.full_name} chuyển sinh hoạt${t.other_org ? ` đến ${t.other_org}` : ''}: nộp giấy giới thiệu trước ${formatDate(due)}`,
      detail: `Trong ${pack.membership.transferLetterWorkingDays} ngày làm việc kể từ ngày ${formatDate(t.valid_to)}.`,
      link: `/dang-vien/${t.member_id}`,
      memberId: t.member_id,
      dueDate: due,
    });
  }
  return out;
}

/**
 * Opens, keeps and resolves alerts so the open set equals what the records show today.
 * Idempotent; concurrent runs are harmless (ON CONFLICT on the open-alert index).
 */
export async function runAlerts(
  db: Executor,
  today = todayIso(),
): Promise<{ opened: number; resolved: number; open: number }> {
  return db.transaction(async (tx) => {
    // One run at a time across processes; the unique index also guards the inserts.
    await tx.query('SELECT pg_advisory_xact_lock(727003)');
    const dismissed = new Set(
      (
        await tx.query<{ key: string }>(
          "SELECT kind || '|' || subject_key AS key FROM alerts WHERE dismissed_at IS NOT NULL",
        )
      ).map((r) => r.key),
    );
    // A subject a person closed with a note stays closed.
    const found = (await detectAlerts(tx, today)).filter((a) => !dismissed.has(`${a.kind}|${a.subjectKey}`));
    const keys = found.map((a) => `${a.kind}|${a.subjectKey}`);
    const resolved = await tx.query(
      `UPDATE alerts SET resolved_at = now() WHERE resolved_at IS NULL AND NOT (kind || '|' || subject_key = ANY($1::text[])) RETURNING id`,
      [keys],
    );
    let opened = 0;
    for (const a of found) {
      const rows = await tx.query<{ id: number; unit_path: string }>(
        `INSERT INTO alerts (unit_id, kind, subject_key, severity, title, detail, link, member_id, meeting_id, due_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (kind, subject_key) WHERE resolved_at IS NULL DO UPDATE SET severity = EXCLUDED.severity, title = EXCLUDED.title,
           detail = EXCLUDED.detail
         RETURNING id, (xmax = 0) AS inserted, (SELECT path FROM org_units WHERE id = $1) AS unit_path`,
        [
          a.unitId,
          a.kind,
          a.subjectKey,
          a.severity,
          a.title,
          a.detail ?? null,
          a.link ?? null,
          a.memberId ?? null,
          a.meetingId ?? null,
          a.dueDate ?? null,
        ],
      );
      const row = rows[0] as { id: number; unit_path: string; inserted: boolean } | undefined;
      if (!row?.inserted) continue;
      opened++;
      // The people who can act: the cell's secretaries, its supervisors, and committee staff above.
      const users = await usersWithRoleOver(tx, row.unit_path, [
        'cell_secretary',
        'supervisor',
        'committee_staff',
      ]);
      await notifyUsers(tx, users, {
        kind: `alert.${a.kind}`,
        title: a.title,
        body: a.detail,
        link: a.link,
        dedupeKey: `alert:${row.id}`,
      });
    }
    const [{ n }] = (await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM alerts WHERE resolved_at IS NULL',
    )) as [{ n: number }];
    return { opened, resolved: resolved.length, open: n };
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
