/**
 * The alert detection as it was before issue 12 (one query per kind, the rows filtered and worded
 * in Node, a pack lookup per unit): kept as the reference the set-based detection
 * (`alert-detect.ts`) is held equal to in tests. Not called by the application.
 */
import type { Executor } from '../../db/executor.js';
import { type AttendanceStatus, longestExcusedRun } from '../../domain/attendance.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { formatDate, formatPercent } from '../../domain/format.js';
import type { RulePack } from '../../rules/index.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { directiveOverdueAlerts } from '../directives/alerts.js';
import { duesRemovalRiskAlerts } from '../dues/alerts.js';
import { remedyOverdueAlerts } from '../inspections/alerts.js';
import { rulePackForUnit } from '../org/service.js';
import {
  type AlertCandidate,
  addDays,
  addMonths,
  attendancePercent,
  isLowAttendance,
  monthsBefore,
} from './alerts.js';

/** Everything that should be open on `today`, from the records. */
export async function detectAlertsReference(ex: Executor, today: string): Promise<AlertCandidate[]> {
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

/** One candidate as a comparable line (absent optional fields as null). */
function line(a: AlertCandidate): string {
  return JSON.stringify([
    a.kind,
    a.subjectKey,
    a.unitId,
    a.severity,
    a.title,
    a.detail ?? null,
    a.link ?? null,
    a.memberId ?? null,
    a.meetingId ?? null,
    a.dueDate ?? null,
  ]);
}

/**
 * Where two candidate lists differ: what the reference finds on `today` (subjects a person closed
 * left out, as the job leaves them) against `found`. Empty when equal.
 */
export async function referenceDifferences(
  ex: Executor,
  today: string,
  found: AlertCandidate[],
): Promise<string[]> {
  const dismissed = new Set(
    (
      await ex.query<{ key: string }>(
        "SELECT kind || '|' || subject_key AS key FROM alerts WHERE dismissed_at IS NOT NULL",
      )
    ).map((r) => r.key),
  );
  const ref = (await detectAlertsReference(ex, today)).filter(
    (a) => !dismissed.has(`${a.kind}|${a.subjectKey}`),
  );
  const a = new Set(ref.map(line));
  const b = new Set(found.map(line));
  return [
    ...[...a].filter((x) => !b.has(x)).map((x) => `only in the reference: ${x}`),
    ...[...b].filter((x) => !a.has(x)).map((x) => `only in the set-based detection: ${x}`),
  ];
}
