/**
 * The demo's implementation plan (issue 11 part B, ADR 025): the ward's plan to raise the quality
 * of its cells' meetings this year, active, implementing the ward's published directive when the
 * demo holds one (part A), with targets bound to indicators — thresholds chosen so that, with the
 * demo's year of meetings, some are met or on track and the quality target (rated Tốt by the
 * supervisors) is at risk — one target tracked by hand, three milestones (one done) and three
 * responsibilities. Plain inserts, no audit rows (the demo seed writes its own).
 */
import type { Executor } from '../../db/executor.js';

export interface DemoPlansResult {
  planId: number;
}

export async function seedDemoPlans(
  tx: Executor,
  opts: { today: string; unitIds: Map<string, number>; staffUserId: number },
): Promise<DemoPlansResult> {
  const year = opts.today.slice(0, 4);
  const ward = opts.unitIds.get('phuong')!;
  const kp1 = opts.unitIds.get('kp1') ?? null;
  // Part A's demo directive of the ward, when it exists (any published one of the ward).
  const [directive] = await tx.query<{ id: number }>(
    `SELECT id FROM directives WHERE unit_id = $1 AND status = 'published' ORDER BY issued_on, id LIMIT 1`,
    [ward],
  );
  const [plan] = await tx.query<{ id: number }>(
    `INSERT INTO plans (unit_id, title, directive_id, goals, period_from, period_to, status, activated_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7::date + time '08:00', $8) RETURNING id`,
    [
      ward,
      `Kế hoạch nâng cao chất lượng sinh hoạt chi bộ năm ${year}`,
      directive?.id ?? null,
      [
        'Nâng cao chất lượng sinh hoạt chi bộ, bảo đảm tính lãnh đạo, tính giáo dục, tính chiến đấu; duy trì nền nếp sinh hoạt định kỳ.',
        'Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi quý; đảng viên dự sinh hoạt đầy đủ; cấp ủy viên phụ trách dự, giám sát thường xuyên.',
      ].join('\n'),
      `${year}-01`,
      `${year}-12`,
      `${year}-01-15`,
      opts.staffUserId,
    ],
  );
  const planId = plan!.id;
  const deadline = `${year}-12-31`;
  const targets: [string, string | null, number, number | null, string | null][] = [
    ['100% chi bộ duy trì sinh hoạt thường kỳ hằng tháng', 'regular_monthly', 100, null, null],
    ['Tỷ lệ đảng viên dự sinh hoạt đạt từ 90% trở lên', 'attendance', 90, null, null],
    ['Từ 70% lượt sinh hoạt được cấp ủy viên phụ trách xếp loại Tốt', 'rated_good', 70, null, null],
    ['100% chi bộ sinh hoạt chuyên đề mỗi quý', 'thematic_quarterly', 100, null, null],
    ['Từ 80% nhiệm vụ được phân công hoàn thành đúng hạn', 'tasks_completed', 80, null, null],
    [
      'Kết nạp ít nhất 8 đảng viên mới trong năm',
      null,
      8,
      5,
      'Theo danh sách quần chúng ưu tú đã học lớp nhận thức về Đảng; 3 hồ sơ đang thẩm định.',
    ],
  ];
  for (const [i, [title, indicator, threshold, manual, note]] of targets.entries())
    await tx.query(
      `INSERT INTO plan_targets (plan_id, position, title, indicator, comparator, threshold, deadline, manual_value,
                                 manual_note, manual_updated_at, manual_updated_by)
       VALUES ($1, $2, $3, $4, 'gte', $5, $6, $7, $8, CASE WHEN $7::numeric IS NULL THEN NULL ELSE now() END,
               CASE WHEN $7::numeric IS NULL THEN NULL ELSE $9::int END)`,
      [planId, i, title, indicator, threshold, deadline, manual, note, opts.staffUserId],
    );
  if (directive)
    await tx.query(
      `INSERT INTO plan_targets (plan_id, position, title, indicator, directive_id, comparator, threshold, deadline)
       VALUES ($1, $2, '100% chi bộ quán triệt văn bản chỉ đạo của Đảng ủy', 'dissemination', $3, 'gte', 100, $4)`,
      [planId, targets.length, directive.id, deadline],
    );
  const milestones: [string, string, string | null][] = [
    [
      `${year}-02-28`,
      'Phổ biến kế hoạch đến các chi bộ; các chi bộ xây dựng chương trình công tác năm',
      `${year}-02-20`,
    ],
    [`${year}-07-15`, 'Sơ kết 6 tháng, đánh giá tiến độ các chỉ tiêu', null],
    [`${year}-12-20`, 'Tổng kết năm, đánh giá mức độ đạt các chỉ tiêu', null],
  ];
  for (const [due, title, done] of milestones)
    await tx.query('INSERT INTO plan_milestones (plan_id, due_on, title, done_on) VALUES ($1, $2, $3, $4)', [
      planId,
      due,
      title,
      done,
    ]);
  const responsibilities: [string, number | null, string][] = [
    ['Ban Tuyên giáo Đảng ủy', null, 'Hướng dẫn nội dung sinh hoạt chuyên đề từng quý, tài liệu quán triệt.'],
    [
      'Văn phòng Đảng ủy',
      null,
      'Theo dõi, tổng hợp số liệu, báo cáo tiến độ thực hiện các chỉ tiêu hằng tháng.',
    ],
    ['Chi bộ Khu phố 1', kp1, 'Xây dựng mô hình sinh hoạt chi bộ mẫu để các chi bộ học tập.'],
  ];
  for (const [who, unitId, what] of responsibilities)
    await tx.query(
      'INSERT INTO plan_responsibilities (plan_id, who, unit_id, what) VALUES ($1, $2, $3, $4)',
      [planId, who, unitId, what],
    );
  return { planId };
}
