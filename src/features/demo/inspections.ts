/**
 * The demo's inspection and supervision plan (issue 11 part D, ADR 025): the ward's approved plan
 * of this year with an issued inspection of Khu phố 1 on "Chất lượng sinh hoạt chi bộ" (findings,
 * a conclusion, two remedies: one answered and closed, one open and due later so bithu1 can answer
 * it), an issued inspection of Khu phố 3 with a remedy past its due date (the remedy_overdue
 * alert), a supervision of Khu phố 2 under which giamsat1's latest visit there was made, and
 * entries planned for the coming months. Plain inserts, no audit rows (the demo seed writes its own).
 */
import type { Executor } from '../../db/executor.js';
import { conclusionHash } from '../inspections/issue.js';
import type { InspectionRow, RemedyRow } from '../inspections/service.js';

export interface DemoInspectionsResult {
  planId: number;
  inspectionIds: number[];
  openRemedyId: number;
  overdueRemedyId: number | null;
}

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const monthOf = (year: number, m: number) =>
  `${year}-${String(Math.min(12, Math.max(1, m))).padStart(2, '0')}`;
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

const TEAM = [
  { name: 'Nguyễn Văn Hùng', role: 'truong_doan' as const },
  { name: 'Lê Thị Thu Hà', role: 'thanh_vien' as const },
  { name: 'Phạm Quốc Bảo', role: 'thanh_vien' as const },
];

export async function seedDemoInspections(
  tx: Executor,
  opts: { today: string; unitIds: Map<string, number>; staffUserId: number },
): Promise<DemoInspectionsResult> {
  const { today } = opts;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const unit = (key: string) => {
    const id = opts.unitIds.get(key);
    if (id === undefined) throw new Error(`demo: unknown unit ${key}`);
    return id;
  };
  const ward = unit('phuong');
  const by = opts.staffUserId;
  const [plan] = await tx.query<{ id: number }>(
    `INSERT INTO inspection_plans (unit_id, year, title, status, approved_at, created_by, updated_by)
     VALUES ($1, $2, $3, 'approved', $4::date + time '08:00', $5, $5) RETURNING id`,
    [ward, year, `Kế hoạch kiểm tra, giám sát năm ${year}`, `${year}-01-10`, by],
  );
  const planId = plan!.id;
  const insert = async (i: {
    unit: string;
    kind: 'inspection' | 'supervision';
    content: string;
    month: string;
    team: { name: string; role: 'truong_doan' | 'thanh_vien' }[];
    status?: 'planned' | 'in_progress';
    findings?: [string, string, string, string];
  }) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO inspections (plan_id, unit_id, kind, content, planned_month, team, status,
                                strengths, limitations, shortcomings, conclusion, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
      [
        planId,
        unit(i.unit),
        i.kind,
        i.content,
        i.month,
        JSON.stringify(i.team),
        i.status ?? (i.findings ? 'in_progress' : 'planned'),
        ...(i.findings ?? [null, null, null, null]),
        by,
      ],
    );
    return row!.id;
  };
  const remedies = (inspectionId: number, list: [string, string][]) =>
    tx.query<RemedyRow>(
      `INSERT INTO inspection_remedies (inspection_id, position, content, due_on)
       SELECT $1, t.ord, t.content, t.due_on FROM unnest($2::text[], $3::date[]) WITH ORDINALITY AS t(content, due_on, ord)
       RETURNING id, inspection_id, position, content, due_on::text AS due_on, answer, answered_at, closed_at`,
      [inspectionId, list.map((r) => r[0]), list.map((r) => r[1])],
    );
  const issue = async (id: number, no: string, on: string, rows: RemedyRow[]) => {
    const [row] = await tx.query<InspectionRow>(
      `SELECT i.*, p.unit_id AS plan_unit_id FROM inspections i JOIN inspection_plans p ON p.id = i.plan_id WHERE i.id = $1`,
      [id],
    );
    const hash = conclusionHash(row!, no, on, rows);
    await tx.query(
      `UPDATE inspections SET status = 'concluded', conclusion_no = $2, concluded_on = $3, content_hash = $4,
              issued_at = $3::date + time '15:00', issued_by = $5 WHERE id = $1`,
      [id, no, on, hash, by],
    );
  };

  // Khu phố 1 (bithu1's cell), some months back: issued; one remedy closed, one open.
  const doneMonth = monthOf(year, month - 4);
  const kp1 = await insert({
    unit: 'kp1',
    kind: 'inspection',
    content: 'Chất lượng sinh hoạt chi bộ',
    month: doneMonth,
    team: TEAM,
    findings: [
      'Chi bộ duy trì sinh hoạt thường kỳ đều đặn hằng tháng, đúng thời gian; nội dung sinh hoạt bám sát nghị quyết của Đảng ủy phường và tình hình khu phố.\nBiên bản, nghị quyết được ghi chép đầy đủ, thông qua tại hội nghị; tỷ lệ đảng viên dự sinh hoạt đạt trên 90%.',
      'Một số buổi sinh hoạt còn nặng về thông báo tình hình, ít dành thời gian thảo luận; việc phân công nhiệm vụ cho đảng viên chưa cụ thể.',
      'Chưa tổ chức sinh hoạt chuyên đề trong một quý theo quy định; việc kiểm tra thực hiện nhiệm vụ được giao ở buổi sinh hoạt sau chưa thường xuyên.',
      'Chi bộ Khu phố 1 thực hiện tương đối tốt nền nếp sinh hoạt chi bộ; cần khắc phục hạn chế về chất lượng thảo luận và bảo đảm sinh hoạt chuyên đề mỗi quý ít nhất một lần.',
    ],
  });
  const doneOn = minDate(today, addDays(`${doneMonth}-01`, 20));
  const kp1Remedies = await remedies(kp1, [
    [
      'Xây dựng kế hoạch sinh hoạt chuyên đề hằng quý và tổ chức bù chuyên đề còn thiếu.',
      maxDate(doneOn, addDays(doneOn, 30)),
    ],
    [
      'Mỗi buổi sinh hoạt kiểm điểm việc thực hiện nhiệm vụ đã giao và ghi rõ vào biên bản.',
      addDays(today, 45),
    ],
  ]);
  await issue(kp1, '05-TB/ĐU', doneOn, kp1Remedies);
  const [closed, open] = kp1Remedies as [RemedyRow, RemedyRow];
  const closedAnswer =
    'Chi bộ đã ban hành kế hoạch sinh hoạt chuyên đề các quý và tổ chức sinh hoạt chuyên đề "Xây dựng khu phố văn minh" để bù quý còn thiếu.';
  const answeredAt = minDate(today, addDays(doneOn, 25));
  await tx.query(
    `UPDATE inspection_remedies SET answer = $2, answered_at = $3::date + time '09:00', answered_by = NULL,
            closed_at = $3::date + time '16:00', closed_by = $4 WHERE id = $1`,
    [closed.id, closedAnswer, answeredAt, by],
  );
  await tx.query(
    `INSERT INTO inspection_remedy_answers (remedy_id, answer, answered_at, outcome, decided_by, decided_at)
     VALUES ($1, $2, $3::date + time '09:00', 'closed', $4, $3::date + time '16:00')`,
    [closed.id, closedAnswer, answeredAt, by],
  );

  // Khu phố 3: issued earlier, one remedy past its due date and not answered.
  const earlyMonth = monthOf(year, month - 6);
  const kp3 = await insert({
    unit: 'kp3',
    kind: 'inspection',
    content: 'Việc thu, nộp và quản lý đảng phí',
    month: earlyMonth,
    team: TEAM.slice(0, 2),
    findings: [
      'Chi bộ mở sổ thu đảng phí, ghi chép hằng tháng.',
      'Một số tháng nộp đảng phí lên cấp trên chậm.',
      'Chưa thông báo công khai kết quả thu, nộp đảng phí tại buổi sinh hoạt.',
      'Chi bộ cần chấn chỉnh việc nộp đảng phí đúng hạn và công khai kết quả thu, nộp hằng quý.',
    ],
  });
  const earlyOn = minDate(today, addDays(`${earlyMonth}-01`, 15));
  const overdueDue = maxDate(earlyOn, addDays(today, -20));
  const kp3Remedies = await remedies(kp3, [
    [
      'Nộp đảng phí lên Đảng ủy phường đúng hạn hằng tháng; công khai kết quả thu, nộp tại sinh hoạt chi bộ.',
      overdueDue,
    ],
  ]);
  await issue(kp3, '03-TB/ĐU', earlyOn, kp3Remedies);

  // Khu phố 2: a supervision this year, under which giamsat1's latest visit there was made.
  const [visit] = await tx.query<{ id: number; visited_on: string; supervisor: string }>(
    `SELECT v.id, v.visited_on::text AS visited_on, us.display_name AS supervisor FROM supervision_visits v
       JOIN users us ON us.id = v.supervisor_id
      WHERE v.unit_id = $1 AND v.visited_on >= $2::date AND v.visited_on <= $3::date
      ORDER BY v.visited_on DESC, v.id DESC LIMIT 1`,
    [unit('kp2'), `${year}-01-01`, today],
  );
  const kp2 = await insert({
    unit: 'kp2',
    kind: 'supervision',
    content: 'Việc thực hiện nghị quyết của chi bộ về xây dựng khu phố văn minh',
    month: visit ? visit.visited_on.slice(0, 7) : monthOf(year, month),
    team: [{ name: visit?.supervisor ?? 'Nguyễn Văn Hùng', role: 'truong_doan' }],
    status: 'in_progress',
  });
  if (visit)
    await tx.query('UPDATE supervision_visits SET inspection_id = $2 WHERE id = $1', [visit.id, kp2]);

  // Planned for the coming months (in this year).
  const next = monthOf(year, month + 1);
  const later = monthOf(year, month + 2);
  const planned = [
    await insert({
      unit: 'kp4',
      kind: 'inspection',
      content: 'Chất lượng sinh hoạt chi bộ',
      month: next,
      team: TEAM,
    }),
    await insert({
      unit: 'kp5',
      kind: 'supervision',
      content: 'Việc phân công nhiệm vụ cho đảng viên',
      month: later,
      team: TEAM.slice(1),
    }),
  ];
  return {
    planId,
    inspectionIds: [kp1, kp3, kp2, ...planned],
    openRemedyId: open.id,
    overdueRemedyId: overdueDue < today ? kp3Remedies[0]!.id : null,
  };
}
