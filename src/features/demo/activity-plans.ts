/**
 * The demo's yearly programmes (issue 11 item 3, ADR 025 part C): every cell has its programme of
 * the current year — one or two key tasks a month, the quarter topics being the thematic plan the
 * meetings already follow. All were approved by the committee above in January; Khu phố 5 and
 * the xã's agency cell adjusted theirs ("Điều chỉnh") and sent them again in the last days; Khu
 * phố 3's adjustment was returned with a comment. Most past months' tasks are marked covered at
 * the cell's held meeting of that month, not all, so the status is mixed. Deterministic; set-based (one statement per step).
 */
import type { Executor } from '../../db/executor.js';
import { CELL_KINDS } from '../org/labels.js';
import { addDays, maxDate } from './dates.js';

/** [month, title, responsible] — position 2 of a month is left out in some cells. */
const TASKS: [number, string, string][] = [
  [1, 'Quán triệt nghị quyết của cấp ủy cấp trên về nhiệm vụ năm', 'Bí thư chi bộ'],
  [1, 'Chăm lo Tết cho gia đình chính sách, hộ nghèo', 'Chi ủy, Mặt trận khu phố'],
  [2, 'Vận động nhân dân tham gia vệ sinh môi trường', 'Tổ dân phố, Chi hội Phụ nữ'],
  [3, 'Thu đảng phí quý I, rà soát sổ đảng phí', 'Chi ủy viên phụ trách đảng phí'],
  [3, 'Tham gia các hoạt động Tháng Thanh niên', 'Chi đoàn thanh niên'],
  [4, 'Tuyên truyền phòng, chống dịch bệnh mùa nắng nóng', 'Chi hội Phụ nữ'],
  [5, 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'Bí thư chi bộ'],
  [6, 'Sơ kết 6 tháng thực hiện nghị quyết của chi bộ', 'Chi ủy'],
  [6, 'Thu đảng phí quý II', 'Chi ủy viên phụ trách đảng phí'],
  [7, 'Thăm hỏi gia đình thương binh, liệt sĩ nhân ngày 27/7', 'Chi hội Cựu chiến binh'],
  [8, 'Rà soát, giới thiệu quần chúng ưu tú để kết nạp Đảng', 'Chi ủy'],
  [9, 'Vận động nhân dân phòng, chống lụt bão', 'Tổ dân phố, dân quân'],
  [9, 'Thu đảng phí quý III', 'Chi ủy viên phụ trách đảng phí'],
  [10, 'Chuẩn bị đại hội chi bộ', 'Chi ủy'],
  [10, 'Giữ vững an ninh trật tự trên địa bàn', 'Công an viên, tổ tự quản'],
  [11, 'Hưởng ứng Ngày hội Đại đoàn kết toàn dân tộc 18/11', 'Mặt trận khu phố'],
  [12, 'Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên cuối năm', 'Bí thư chi bộ'],
  [12, 'Thu đảng phí quý IV, nộp đảng phí lên cấp trên', 'Chi ủy viên phụ trách đảng phí'],
];

export const DEMO_RETURN_COMMENT =
  'Đề nghị chi bộ bổ sung nhiệm vụ tổng kết năm và chuẩn bị đại hội chi bộ vào tháng 12, ghi rõ người phụ trách từng việc.';
export const DEMO_REOPEN_REASON = 'Điều chỉnh nhiệm vụ quý IV theo chỉ đạo của Đảng ủy về tổng kết năm';

export interface DemoActivityPlansResult {
  plans: number;
  items: number;
  covered: number;
}

export async function seedDemoActivityPlans(
  tx: Executor,
  input: { today: string; unitIds: ReadonlyMap<string, number>; staffUserId: number },
): Promise<DemoActivityPlansResult> {
  const year = Number(input.today.slice(0, 4));
  const month = Number(input.today.slice(5, 7));
  const clamp = (d: string) => (d < input.today ? d : input.today);
  const id = (k: string) => input.unitIds.get(k) ?? 0;
  // Approved in January; the adjusted ones (Điều chỉnh) went back to the ward in the last days.
  const jan = (day: number) => clamp(`${year}-01-${String(day).padStart(2, '0')}`);
  const recent = (days: number) => maxDate(`${year}-01-23`, addDays(input.today, -days));
  const adjusted = [id('kp5'), id('mta_cq')];
  const plans = await tx.query<{ id: number }>(
    `INSERT INTO activity_plans (unit_id, year, status, submitted_at, decided_at, decided_by, decision_comment,
       reopened_at, reopen_reason, revision, created_at, updated_at)
     SELECT u.id, $1,
            CASE WHEN u.id = $2 THEN 'returned' WHEN u.id = ANY($3::int[]) THEN 'submitted' ELSE 'approved' END,
            CASE WHEN u.id = $2 OR u.id = ANY($3::int[]) THEN $9::date ELSE $4::date END + time '09:00',
            CASE WHEN u.id = ANY($3::int[]) THEN NULL WHEN u.id = $2 THEN $10::date ELSE $5::date END + time '15:00',
            CASE WHEN u.id = ANY($3::int[]) THEN NULL ELSE $6::int END,
            CASE WHEN u.id = $2 THEN $7 END,
            CASE WHEN u.id = $2 OR u.id = ANY($3::int[]) THEN $11::date + time '08:00' END,
            CASE WHEN u.id = $2 OR u.id = ANY($3::int[]) THEN $12 END,
            CASE WHEN u.id = $2 OR u.id = ANY($3::int[]) THEN 2 ELSE 1 END,
            $4::date + time '08:00', now()
       FROM org_units u WHERE u.kind = ANY($8::text[]) AND u.archived_at IS NULL
      ORDER BY u.path
     RETURNING id`,
    [
      year,
      id('kp3'),
      adjusted,
      jan(12),
      jan(22),
      input.staffUserId,
      DEMO_RETURN_COMMENT,
      CELL_KINDS,
      recent(3),
      recent(1),
      recent(6),
      DEMO_REOPEN_REASON,
    ],
  );
  // Each month's first task everywhere, its second in two cells of three.
  const position = TASKS.map(([m], i) => (i > 0 && TASKS[i - 1]![0] === m ? 2 : 1));
  const items = await tx.query<{ id: number }>(
    `INSERT INTO activity_plan_items (plan_id, month, kind, title, responsible, position)
     SELECT p.id, t.month, 'key_task', t.title, t.responsible, t.position
       FROM activity_plans p CROSS JOIN unnest($2::int[], $3::text[], $4::text[], $5::int[]) AS t(month, title, responsible, position)
      WHERE p.year = $1 AND NOT (t.position = 2 AND (p.unit_id + t.month) % 3 = 0)
     RETURNING id`,
    [year, TASKS.map((t) => t[0]), TASKS.map((t) => t[1]), TASKS.map((t) => t[2]), position],
  );
  // Past months (approved before, also for the adjusted ones): covered at the cell's held meeting
  // of the month, but one task in five (and the months without a held meeting) left open.
  const covered = await tx.query<{ id: number }>(
    `WITH month_held AS (
       SELECT m.unit_id, extract(month FROM m.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS month, m.id,
              m.ended_at, m.scheduled_at
         FROM meetings m
        WHERE m.status = 'held' AND m.kind IN ('regular', 'combined')
          AND m.scheduled_at >= (make_date($1, 1, 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
          AND m.scheduled_at < (make_date($1 + 1, 1, 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
     ), held AS (
       SELECT DISTINCT ON (unit_id, month) unit_id, month, id, ended_at FROM month_held
        ORDER BY unit_id, month, scheduled_at
     )
     UPDATE activity_plan_items i SET covered_meeting_id = held.id, covered_at = held.ended_at
       FROM activity_plans p, held
      WHERE p.id = i.plan_id AND p.year = $1 AND i.month < $2
        AND held.unit_id = p.unit_id AND held.month = i.month AND (i.id * 7 + p.unit_id) % 5 <> 0
     RETURNING i.id`,
    [year, month],
  );
  return { plans: plans.length, items: items.length, covered: covered.length };
}
