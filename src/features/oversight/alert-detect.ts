/**
 * Alert detection in SQL (issue 12, ADR 029): one CTE per kind over a subtree (`$1`, a path LIKE
 * pattern, `/%` for the job), thresholds from a unit → pack table built in SQL from the packs in
 * force today (loaded once per run), range predicates on dates, window functions for the runs of
 * excused absences. Titles and details are written in SQL with the same words as before
 * (`alerts-reference.ts` keeps the old algorithm; a test holds the two equal).
 *
 * Parameters: $1 subtree pattern, $2 today (local date), $3 packs (jsonb, one row per pack id),
 * $4 default pack id, $5 the current quarter key (`2026-Q4`) in a quarter's last month or null,
 * $6 candidates computed in Node (probation, transfers: working days), $7 directive kind labels.
 */
import type { Executor } from '../../db/executor.js';
import { DEFAULT_PACK_ID, type RulePack } from '../../rules/index.js';
import { allPacks, packVersionFor } from '../../rules/store.js';
import { DIRECTIVE_KIND_LABELS } from '../directives/schema.js';

const TZ = "'Asia/Ho_Chi_Minh'";
const DMY = (e: string) => `to_char(${e}, 'DD/MM/YYYY')`;

/** The pack numbers the detection needs, of the version of each pack id in force on `today`. */
export interface PackRow {
  id: string;
  lookback: number;
  att_bar: number;
  excused_run: number;
  removal_months: number;
  dues_risk: number;
  lead_days: number;
  final_days: number;
  probation_months: number;
  recognition_wd: number;
  transfer_wd: number;
}

/** Every pack id's version in force on `today`, resolved once per run (ADR 029). */
export async function packRows(ex: Executor, today: string): Promise<Map<string, RulePack>> {
  const ids = [...new Set([DEFAULT_PACK_ID, ...(await allPacks(ex)).map((p) => p.id)])];
  const out = new Map<string, RulePack>();
  for (const id of ids) out.set(id, await packVersionFor(ex, id, today));
  return out;
}

export function packTable(packs: Map<string, RulePack>): PackRow[] {
  return [...packs].map(([id, p]) => ({
    id,
    lookback: p.oversight.missedMeetingLookbackMonths,
    att_bar: p.oversight.attendanceAlertPercent,
    excused_run: p.oversight.excusedRunAlert,
    removal_months: p.oversight.removalRiskMonths,
    dues_risk: p.dues.unpaidRiskMonths,
    lead_days: p.meetings.documentsLeadDays,
    final_days: p.meetings.finalDocumentsDays,
    probation_months: p.membership.probationMonths,
    recognition_wd: p.membership.officialRecognitionWorkingDays,
    transfer_wd: p.membership.transferLetterWorkingDays,
  }));
}

export const DIRECTIVE_LABELS_JSON = JSON.stringify(DIRECTIVE_KIND_LABELS);

/** Each unit under $1 with the pack in force (the nearest unit of its path naming one). */
export const UNIT_PACK_CTES = `
packs AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS p(id text, lookback int, att_bar numeric, excused_run int,
    removal_months int, dues_risk int, lead_days int, final_days int, probation_months int, recognition_wd int, transfer_wd int)
), pack_roots AS (
  SELECT path, rule_pack FROM org_units WHERE rule_pack IS NOT NULL
), unit_pack AS MATERIALIZED (
  SELECT DISTINCT ON (u.id) u.id, u.path, u.name, u.kind, u.archived_at,
         CASE WHEN pr.rule_pack IN (SELECT id FROM packs) THEN pr.rule_pack ELSE $4 END AS pack_id
    FROM org_units u LEFT JOIN pack_roots pr ON u.path LIKE pr.path || '%'
   WHERE u.path LIKE $1
   ORDER BY u.id, length(pr.path) DESC NULLS LAST
), up AS (
  SELECT u.*, p.lookback, p.att_bar, p.excused_run, p.removal_months, p.dues_risk, p.lead_days, p.final_days,
         p.probation_months, p.recognition_wd, p.transfer_wd
    FROM unit_pack u JOIN packs p ON p.id = u.pack_id
)`;

/**
 * The year's held meetings: all of them for the tree; under a subtree, every meeting of the members
 * who attended one of its meetings this year (their runs and last unit need their whole year).
 */
const yearMeetings = (scoped: boolean) =>
  scoped
    ? `scope_members AS MATERIALIZED (
  SELECT DISTINCT a.member_id FROM up u
    CROSS JOIN LATERAL (SELECT m.id FROM meetings m WHERE m.unit_id = u.id AND m.status = 'held' AND m.kind <> 'committee'
                          AND m.scheduled_at >= (SELECT y0 FROM yr) AND m.scheduled_at < (SELECT y1 FROM yr)) m
    JOIN attendance a ON a.meeting_id = m.id AND a.category = 'member'
), year_meetings AS MATERIALIZED (
  SELECT DISTINCT mt.id, mt.unit_id, mt.scheduled_at
    FROM scope_members s JOIN attendance a ON a.member_id = s.member_id JOIN meetings mt ON mt.id = a.meeting_id
   WHERE mt.status = 'held' AND mt.kind <> 'committee'
     AND mt.scheduled_at >= (SELECT y0 FROM yr) AND mt.scheduled_at < (SELECT y1 FROM yr)`
    : `year_meetings AS MATERIALIZED (
  SELECT mt.id, mt.unit_id, mt.scheduled_at FROM meetings mt
   WHERE mt.status = 'held' AND mt.kind <> 'committee'
     AND mt.scheduled_at >= (SELECT y0 FROM yr) AND mt.scheduled_at < (SELECT y1 FROM yr)`;

/** The CTEs of every kind and `found`, their union (columns of the `alerts` table). */
export function foundCtes(scoped: boolean): string {
  const lbl = (m: string) => `ltrim(substr(${m}, 6, 2), '0') || '/' || substr(${m}, 1, 4)`;
  return `${UNIT_PACK_CTES},
yr AS (
  SELECT date_trunc('year', $2::date)::timestamp AT TIME ZONE ${TZ} AS y0,
         (date_trunc('year', $2::date) + interval '1 year')::timestamp AT TIME ZONE ${TZ} AS y1,
         to_char($2::date, 'YYYY') AS y
), k_missed AS (
  SELECT s.unit_id, 'no_regular_meeting'::text AS kind, s.unit_id || ':' || s.month AS subject_key, 'critical'::text AS severity,
         u.name || ': chưa sinh hoạt thường kỳ tháng ' || ${lbl('s.month')} AS title,
         CASE WHEN s.regular_planned
              THEN 'Buổi sinh hoạt tháng ' || ${lbl('s.month')} || ' đã lên lịch nhưng chưa được tổ chức (hạn ngày '
              ELSE 'Chi bộ chưa có buổi sinh hoạt thường kỳ tháng ' || ${lbl('s.month')} || ' (hạn ngày ' END
           || ${DMY('s.due_date')} || '). Chi bộ sinh hoạt định kỳ hằng tháng (HD 42).' AS detail,
         '/don-vi/' || s.unit_id AS link, NULL::int AS member_id, NULL::int AS meeting_id, s.due_date
    FROM up u JOIN cell_month_status s ON s.unit_id = u.id AND NOT s.regular_held
   WHERE u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL AND s.due_date < $2::date
     AND s.month >= to_char($2::date - interval '36 months', 'YYYY-MM')
     AND s.month >= to_char(date_trunc('month', $2::date) - make_interval(months => u.lookback), 'YYYY-MM')
), k_quarter AS (
  SELECT u.id AS unit_id, 'no_thematic_meeting'::text, u.id || ':' || $5::text, 'warning'::text,
         u.name || ': chưa có buổi sinh hoạt chuyên đề trong quý ' || right($5::text, 1) || '/' || left($5::text, 4),
         'Mỗi quý chi bộ sinh hoạt chuyên đề ít nhất một lần (HD 42).', '/don-vi/' || u.id, NULL::int, NULL::int, NULL::date
    FROM up u
   WHERE $5::text IS NOT NULL AND u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL
     AND NOT EXISTS (
       SELECT 1 FROM meetings q
        WHERE q.unit_id = u.id AND q.status <> 'cancelled' AND q.kind IN ('thematic', 'combined')
          AND q.scheduled_at >= date_trunc('quarter', $2::date)::timestamp AT TIME ZONE ${TZ}
          AND q.scheduled_at < (date_trunc('quarter', $2::date) + interval '3 months')::timestamp AT TIME ZONE ${TZ}
          AND (q.status <> 'planned' OR q.scheduled_at > now()))
), k_past_quarters AS (
  SELECT s.unit_id, 'no_thematic_meeting'::text, s.unit_id || ':' || left(s.month, 4) || '-Q' || (substr(s.month, 6, 2)::int / 3),
         'warning'::text,
         u.name || ': không sinh hoạt chuyên đề trong quý ' || (substr(s.month, 6, 2)::int / 3) || '/' || left(s.month, 4),
         'Mỗi quý chi bộ sinh hoạt chuyên đề ít nhất một lần (HD 42).', '/don-vi/' || s.unit_id, NULL::int, NULL::int, NULL::date
    FROM up u JOIN cell_month_status s ON s.unit_id = u.id
   WHERE u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL AND NOT s.thematic_in_quarter
     AND substr(s.month, 6, 2) IN ('03', '06', '09', '12') AND s.month < to_char($2::date, 'YYYY-MM')
     AND s.month >= to_char($2::date - interval '36 months', 'YYYY-MM')
     AND s.month >= to_char(date_trunc('month', $2::date) - make_interval(months => u.lookback), 'YYYY-MM')
), k_documents AS (
  SELECT mt.unit_id, 'documents_late'::text, mt.id::text, 'warning'::text,
         mt.title || ': chưa đăng tài liệu cho đảng viên',
         'Tài liệu cần đăng trước ít nhất ' || u.lead_days || ' ngày (HD 42).', '/sinh-hoat/' || mt.id, NULL::int, mt.id, NULL::date
    FROM up u CROSS JOIN LATERAL (
      SELECT x.* FROM meetings x WHERE x.unit_id = u.id AND x.status = 'planned'
         AND x.scheduled_at <= now() + interval '14 days' AND x.scheduled_at > now() - interval '1 day') mt
   WHERE mt.scheduled_at - now() <= u.lead_days * interval '24 hours'
     AND NOT EXISTS (SELECT 1 FROM meeting_documents d WHERE d.meeting_id = mt.id AND d.purpose = 'material' AND d.removed_at IS NULL)
), k_minutes AS (
  SELECT mt.unit_id, 'minutes_late'::text, mt.id::text, 'critical'::text,
         mt.title || ': biên bản chưa được thông qua sau ' || u.final_days || ' ngày',
         'Văn bản hoàn chỉnh phải đăng và báo cáo đảng ủy trong ' || u.final_days || ' ngày sau buổi sinh hoạt.',
         '/sinh-hoat/' || mt.id, NULL::int, mt.id, NULL::date
    FROM up u CROSS JOIN LATERAL (
      -- A held meeting ends within hours of its time: the year bound only lets the index range.
      SELECT x.* FROM meetings x WHERE x.unit_id = u.id AND x.status = 'held' AND x.kind <> 'committee'
         AND x.scheduled_at > now() - interval '1 year' AND x.ended_at < now() AND x.ended_at > now() - interval '120 days') mt
   WHERE now() - mt.ended_at > u.final_days * interval '24 hours'
     AND NOT EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted')
), last_held AS (
  SELECT mt.* FROM unit_pack u CROSS JOIN LATERAL (
      SELECT x.id, x.unit_id, x.title, x.att_present AS present, x.att_summoned AS base FROM meetings x
       WHERE x.unit_id = u.id AND x.status = 'held' AND x.kind <> 'committee' AND x.scheduled_at > now() - interval '62 days'
         AND x.att_summoned IS NOT NULL
       ORDER BY x.scheduled_at DESC, x.id DESC LIMIT 1) mt
), k_attendance AS (
  SELECT h.unit_id, 'low_attendance'::text, h.id::text, 'warning'::text,
         h.title || ': tỷ lệ dự họp '
           || CASE WHEN h.base = 0 THEN '—' ELSE replace(to_char(round(h.present * 100.0 / h.base, 2), 'FM9999990.00'), '.', ',') || '%' END
           || ' (dưới ' || u.att_bar::text || '%)',
         NULL::text, '/sinh-hoat/' || h.id, NULL::int, h.id, NULL::date
    FROM last_held h JOIN up u ON u.id = h.unit_id
   WHERE CASE WHEN h.base = 0 THEN 100 ELSE h.present * 100.0 / h.base END < u.att_bar
), ${yearMeetings(scoped)}), absent AS MATERIALIZED (
  -- The year's absences only (partial index attendance_absent): the members who may reach a bar.
  SELECT a.member_id, a.status, to_char(mt.scheduled_at AT TIME ZONE ${TZ}, 'YYYY-MM') AS local_month
    FROM year_meetings mt JOIN attendance a ON a.meeting_id = mt.id
   WHERE a.category = 'member' AND NOT a.away AND a.status IN ('absent_excused', 'absent_unexcused')
), cand AS (
  SELECT member_id FROM absent GROUP BY member_id
  HAVING count(*) FILTER (WHERE status = 'absent_excused') > (SELECT min(excused_run) FROM packs)
      OR count(DISTINCT local_month) FILTER (WHERE status = 'absent_unexcused') >= greatest((SELECT min(removal_months) FROM packs) - 1, 1)
), att AS MATERIALIZED (
  -- Every held meeting of the year of those members (a run breaks on any other status).
  SELECT a.member_id, mt.unit_id, mt.id AS meeting_id, mt.scheduled_at, a.status,
         to_char(mt.scheduled_at AT TIME ZONE ${TZ}, 'YYYY-MM') AS local_month,
         row_number() OVER (PARTITION BY a.member_id ORDER BY mt.scheduled_at, mt.id)
           - row_number() OVER (PARTITION BY a.member_id, a.status IS NOT DISTINCT FROM 'absent_excused' ORDER BY mt.scheduled_at, mt.id) AS island
    FROM cand c JOIN attendance a ON a.member_id = c.member_id JOIN year_meetings mt ON mt.id = a.meeting_id
   WHERE a.category = 'member' AND NOT a.away
), runs AS (
  SELECT member_id, max(n)::int AS run
    FROM (SELECT member_id, island, count(*) AS n FROM att WHERE status = 'absent_excused' GROUP BY member_id, island) r
   GROUP BY member_id
), per_member AS (
  SELECT l.member_id, l.unit_id, coalesce(r.run, 0) AS run, g.unexcused
    FROM (SELECT DISTINCT ON (member_id) member_id, unit_id FROM att ORDER BY member_id, scheduled_at DESC, meeting_id DESC) l
    JOIN (SELECT member_id, count(DISTINCT local_month) FILTER (WHERE status = 'absent_unexcused')::int AS unexcused
            FROM att GROUP BY member_id) g ON g.member_id = l.member_id
    LEFT JOIN runs r ON r.member_id = l.member_id
), k_runs AS (
  SELECT p.unit_id, 'excused_run'::text, p.member_id || ':' || (SELECT y FROM yr), 'warning'::text,
         'Đồng chí ' || mb.full_name || ' vắng có lý do ' || p.run || ' lần liên tiếp trong năm ' || (SELECT y FROM yr),
         'Quá ' || u.excused_run || ' lần liên tiếp trong năm: chi bộ cần gặp gỡ, xem xét (HD 12/2018).',
         '/dang-vien/' || p.member_id, p.member_id, NULL::int, NULL::date
    FROM per_member p JOIN up u ON u.id = p.unit_id JOIN members mb ON mb.id = p.member_id
   WHERE p.run > u.excused_run
), k_absence_risk AS (
  SELECT p.unit_id, 'removal_risk'::text, p.member_id || ':' || (SELECT y FROM yr),
         CASE WHEN p.unexcused >= u.removal_months THEN 'critical' ELSE 'warning' END,
         'Đồng chí ' || mb.full_name || ' vắng không lý do ' || p.unexcused || ' tháng trong năm',
         CASE WHEN p.unexcused >= u.removal_months
              THEN 'Đã đủ ' || u.removal_months || ' tháng: thuộc trường hợp chi bộ xem xét xóa tên (Điều lệ Đảng).'
              ELSE 'Thêm một tháng nữa là đủ ' || u.removal_months || ' tháng: thuộc trường hợp xem xét xóa tên.' END,
         '/dang-vien/' || p.member_id, p.member_id, NULL::int, NULL::date
    FROM per_member p JOIN up u ON u.id = p.unit_id JOIN members mb ON mb.id = p.member_id
   WHERE p.unexcused > 0 AND p.unexcused >= u.removal_months - 1
), dues_unpaid AS (
  SELECT e.member_id, mb.full_name, mb.unit_id, count(*)::int AS months
    FROM ${scoped ? 'unit_pack u JOIN members mb ON mb.unit_id = u.id JOIN dues_entries e ON e.member_id = mb.id' : 'dues_entries e JOIN members mb ON mb.id = e.member_id JOIN unit_pack u ON u.id = mb.unit_id'}
   WHERE e.month >= (SELECT y FROM yr) || '-01' AND e.month <= (SELECT y FROM yr) || '-12' AND e.paid < e.due
     AND e.reason IS NULL AND mb.standing = 'active'
   GROUP BY e.member_id, mb.full_name, mb.unit_id
), k_dues_risk AS (
  SELECT d.unit_id, 'removal_risk'::text, 'dues:' || d.member_id || ':' || (SELECT y FROM yr),
         CASE WHEN d.months >= u.dues_risk THEN 'critical' ELSE 'warning' END,
         'Đồng chí ' || d.full_name || ' chưa đóng đảng phí ' || d.months || ' tháng trong năm ' || (SELECT y FROM yr) || ' (không có lý do)',
         CASE WHEN d.months >= u.dues_risk
              THEN 'Đã đủ ' || u.dues_risk || ' tháng không đóng đảng phí mà không có lý do chính đáng: thuộc trường hợp chi bộ xem xét xóa tên (Điều lệ Đảng).'
              ELSE 'Thêm một tháng nữa không đóng đảng phí là đủ ' || u.dues_risk || ' tháng: thuộc trường hợp xem xét xóa tên (Điều lệ Đảng).' END,
         '/dang-vien/' || d.member_id, d.member_id, NULL::int, NULL::date
    FROM dues_unpaid d JOIN up u ON u.id = d.unit_id
   WHERE d.months >= u.dues_risk - 1
), k_remedy AS (
  SELECT i.unit_id, 'remedy_overdue'::text, r.id::text, 'warning'::text,
         u.name || ': quá hạn khắc phục "'
           || CASE WHEN char_length(r.content) > 90 THEN left(r.content, 89) || '…' ELSE r.content END
           || '" (hạn ' || ${DMY('r.due_on')} || ')',
         CASE WHEN r.answered_at IS NOT NULL THEN 'Chi bộ đã báo cáo khắc phục nhưng cấp ủy chưa xác nhận hoàn thành (thông báo kết luận '
              ELSE 'Chưa có báo cáo khắc phục theo thông báo kết luận ' END
           || CASE WHEN i.kind = 'inspection' THEN 'kiểm tra' ELSE 'giám sát' END || ' số ' || i.conclusion_no
           || CASE WHEN r.answered_at IS NOT NULL THEN ').' ELSE '.' END,
         '/kiem-tra/' || r.inspection_id, NULL::int, NULL::int, r.due_on
    FROM inspection_remedies r JOIN inspections i ON i.id = r.inspection_id JOIN up u ON u.id = i.unit_id
   WHERE r.closed_at IS NULL AND r.due_on < $2::date AND i.issued_at IS NOT NULL AND u.archived_at IS NULL
), k_directive AS (
  SELECT r.unit_id, 'directive_overdue'::text, d.id || ':' || r.unit_id, 'warning'::text,
         u.name || ': chưa quán triệt ' || ($7::jsonb ->> d.kind) || ' số ' || d.number,
         p.name || ' yêu cầu quán triệt ' || ($7::jsonb ->> d.kind) || ' số ' || d.number || ' (' || d.title || ') trước ngày '
           || ${DMY('d.disseminate_by')} || '; chi bộ chưa ghi nhận quán triệt tại buổi sinh hoạt nào.',
         '/van-ban/' || d.id, NULL::int, NULL::int, d.disseminate_by
    FROM directives d
    JOIN directive_recipients r ON r.directive_id = d.id
    JOIN up u ON u.id = r.unit_id AND u.archived_at IS NULL
    JOIN org_units p ON p.id = d.unit_id
   WHERE d.status = 'published' AND d.requires_dissemination AND d.disseminate_by < $2::date
     AND NOT EXISTS (SELECT 1 FROM directive_disseminations dd WHERE dd.directive_id = d.id AND dd.unit_id = r.unit_id)
), k_node AS (
  SELECT x.unit_id, x.kind, x.subject_key, x.severity, x.title, x.detail, x.link, x.member_id, x.meeting_id, x.due_date
    FROM jsonb_to_recordset($6::jsonb) AS x(unit_id int, kind text, subject_key text, severity text, title text, detail text,
         link text, member_id int, meeting_id int, due_date date)
), found_all AS (
  SELECT * FROM k_missed UNION ALL SELECT * FROM k_quarter UNION ALL SELECT * FROM k_past_quarters
  UNION ALL SELECT * FROM k_documents UNION ALL SELECT * FROM k_minutes UNION ALL SELECT * FROM k_attendance
  UNION ALL SELECT * FROM k_runs UNION ALL SELECT * FROM k_absence_risk UNION ALL SELECT * FROM k_dues_risk
  UNION ALL SELECT * FROM k_remedy UNION ALL SELECT * FROM k_directive UNION ALL SELECT * FROM k_node
), found AS (
  -- One candidate per subject (the open-alert index); a subject a person closed stays closed.
  SELECT DISTINCT ON (f.kind, f.subject_key) f.*
    FROM found_all f
   WHERE NOT EXISTS (SELECT 1 FROM alerts x WHERE x.kind = f.kind AND x.subject_key = f.subject_key AND x.dismissed_at IS NOT NULL)
   ORDER BY f.kind, f.subject_key
)`;
}
