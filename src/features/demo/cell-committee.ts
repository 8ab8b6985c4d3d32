/**
 * Demo data of the chi ủy as a body and the locality's organisations (issue 11 part E, ADR 025).
 *
 * The chi ủy: every demo cell with at least `cellCommitteeFromOfficialMembers` official members
 * has held chi ủy meetings with its committee (src/features/demo/meetings.ts: 5 members in the
 * large cells, 3 in the others); the term recorded here is that committee — the members who
 * attended its chi ủy meetings, the cell's bí thư (the account holding cell_secretary, bithu1 in
 * Khu phố 1, else the usual chair) as bí thư, the usual secretary of those meetings as phó bí
 * thư — elected on 10/05/2025 for 2025–2030. Set-based: one read, two inserts.
 *
 * The organisations: Khu phố 1's seven (Mặt trận, Phụ nữ, Đoàn, Nông dân, Cựu chiến binh, công
 * an viên, dân quân). Tasks are given to them while the history is written
 * (`seedDemoOrganisationTasks`, called from held-meeting.ts before each record is adopted, since
 * an adopted meeting's tasks are locked): two at the last-but-one held meeting, reviewed at the
 * last one (one with the organisation's report), and one at the last, still open.
 */
import type { Executor } from '../../db/executor.js';
import { rulePackFor } from '../../rules/index.js';
import type { CellContext, Shared } from './meeting-context.js';
import { heldDates } from './meetings.js';

export const DEMO_TERM = { label: '2025–2030', electedOn: '2025-05-10', endsOn: '2030-05-10' } as const;
/** The cell whose organisations the demo names (the demo's largest cell). */
const ORGANISATIONS_CELL = 'kp1';

export interface DemoCellCommitteeResult {
  terms: number;
  members: number;
}

export async function seedDemoCellCommittee(
  tx: Executor,
  input: { today: string },
): Promise<DemoCellCommitteeResult> {
  const threshold = rulePackFor([], input.today).organisation.cellCommitteeFromOfficialMembers;
  const rows = await tx.query<{
    unit_id: number;
    member_id: number;
    secretary_grant: boolean;
    chaired: number;
    minuted: number;
  }>(
    `WITH cells AS (
       SELECT ms.unit_id FROM memberships ms JOIN org_units u ON u.id = ms.unit_id
        WHERE u.kind IN ('chi_bo', 'chi_bo_co_so') AND ms.valid_from <= $1 AND (ms.valid_to IS NULL OR ms.valid_to > $1)
          AND EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = ms.member_id AND p.kind = 'official'
                        AND p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to > $1))
        GROUP BY ms.unit_id HAVING count(*) >= $2
     ), att AS (
       SELECT DISTINCT mt.unit_id, a.member_id
         FROM meetings mt JOIN attendance a ON a.meeting_id = mt.id
        WHERE mt.kind = 'committee' AND mt.unit_id IN (SELECT unit_id FROM cells)
     )
     SELECT att.unit_id, att.member_id,
            EXISTS (SELECT 1 FROM users us JOIN role_grants g ON g.user_id = us.id
                     WHERE us.member_id = att.member_id AND g.org_unit_id = att.unit_id AND g.role = 'cell_secretary') AS secretary_grant,
            (SELECT count(*)::int FROM meetings mt WHERE mt.unit_id = att.unit_id AND mt.kind = 'committee' AND mt.chair_member_id = att.member_id) AS chaired,
            (SELECT count(*)::int FROM meetings mt WHERE mt.unit_id = att.unit_id AND mt.kind = 'committee' AND mt.secretary_member_id = att.member_id) AS minuted
       FROM att ORDER BY att.unit_id, att.member_id`,
    [input.today, threshold],
  );
  const byUnit = new Map<number, typeof rows>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const seats: { unit: number; member: number; role: string }[] = [];
  for (const [unit, list] of byUnit) {
    const best = (key: 'chaired' | 'minuted', skip?: number) =>
      [...list]
        .filter((r) => r.member_id !== skip)
        .sort((a, b) => b[key] - a[key] || a.member_id - b.member_id)[0];
    const biThu = list.find((r) => r.secretary_grant) ?? best('chaired')!;
    const pho = best('minuted', biThu.member_id);
    for (const r of list) {
      const role = r === biThu ? 'bi_thu' : r === pho ? 'pho_bi_thu' : 'chi_uy_vien';
      seats.push({ unit, member: r.member_id, role });
    }
  }
  if (byUnit.size === 0) return { terms: 0, members: 0 };
  const terms = await tx.query<{ id: number; unit_id: number }>(
    `INSERT INTO cell_committee_terms (unit_id, term_label, elected_on, ends_on)
     SELECT u, $2, $3, $4 FROM unnest($1::int[]) AS x(u) RETURNING id, unit_id`,
    [[...byUnit.keys()], DEMO_TERM.label, DEMO_TERM.electedOn, DEMO_TERM.endsOn],
  );
  const termOf = new Map(terms.map((t) => [t.unit_id, t.id]));
  // A member who joined the cell or became official after the election sits from that day.
  await tx.query(
    `INSERT INTO cell_committee_members (term_id, member_id, role, from_on)
     SELECT x.t, x.m, x.r, GREATEST($4::date,
              (SELECT max(ms.valid_from) FROM memberships ms WHERE ms.member_id = x.m AND ms.unit_id = x.u AND ms.valid_to IS NULL),
              (SELECT max(p.valid_from) FROM member_status_periods p WHERE p.member_id = x.m AND p.kind = 'official'
                 AND (p.valid_to IS NULL OR p.valid_to > $5)))
       FROM unnest($1::int[], $2::int[], $3::text[], $6::int[]) AS x(t, m, r, u)`,
    [
      seats.map((s) => termOf.get(s.unit)!),
      seats.map((s) => s.member),
      seats.map((s) => s.role),
      DEMO_TERM.electedOn,
      input.today,
      seats.map((s) => s.unit),
    ],
  );
  return { terms: terms.length, members: seats.length };
}

const areaOf = (unitName: string) => {
  const area = unitName.replace(/^Chi bộ\s+/u, '');
  return area.charAt(0).toLowerCase() + area.slice(1);
};

/** Khu phố 1's organisations, created once (the first held meeting that gives them a task). */
async function ensureOrganisations(
  tx: Executor,
  unitId: number,
  unitName: string,
): Promise<Map<string, number>> {
  const existing = await tx.query<{ id: number; kind: string }>(
    'SELECT id, kind FROM local_organisations WHERE unit_id = $1',
    [unitId],
  );
  if (existing.length > 0) return new Map(existing.map((o) => [o.kind, o.id]));
  const area = areaOf(unitName);
  const list: [string, string, string, string][] = [
    ['mat_tran', `Ban Công tác Mặt trận ${area}`, 'Nguyễn Văn Thành', '0905 210 301'],
    ['phu_nu', `Chi hội Phụ nữ ${area}`, 'Trần Thị Hoa', '0905 210 302'],
    ['doan_thanh_nien', `Chi đoàn ${area}`, 'Lê Văn Nam', '0905 210 303'],
    ['nong_dan', `Chi hội Nông dân ${area}`, 'Phạm Văn Lộc', '0905 210 304'],
    ['cuu_chien_binh', `Chi hội Cựu chiến binh ${area}`, 'Hoàng Văn Dũng', '0905 210 305'],
    ['cong_an', `Công an viên ${area}`, 'Võ Văn Hùng', '0905 210 306'],
    ['dan_quan', `Tổ dân quân ${area}`, 'Đặng Văn Tâm', '0905 210 307'],
  ];
  const rows = await tx.query<{ id: number; kind: string }>(
    `INSERT INTO local_organisations (unit_id, kind, name, contact_name, contact_phone)
     SELECT $1, k, n, c, p FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(k, n, c, p, i)
      ORDER BY i RETURNING id, kind`,
    [unitId, list.map((o) => o[0]), list.map((o) => o[1]), list.map((o) => o[2]), list.map((o) => o[3])],
  );
  return new Map(rows.map((o) => [o.kind, o.id]));
}

/**
 * Called for every held meeting of the history, after its own tasks are reviewed and set and
 * before its record is adopted: gives Khu phố 1's organisations their tasks at the last two.
 */
export async function seedDemoOrganisationTasks(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  r: { meetingId: number; date: string; setAt: Date; reviewedAt: Date },
): Promise<void> {
  if (ctx.unit.key !== ORGANISATIONS_CELL) return;
  const dates = heldDates(shared.input.today, ctx.dayOfMonth);
  const at = dates.indexOf(r.date);
  if (at < dates.length - 2) return;
  const orgs = await ensureOrganisations(tx, ctx.unitId, ctx.unitName);
  const next = dates[at + 1];
  if (at === dates.length - 2) {
    await tx.query(
      `INSERT INTO tasks (unit_id, meeting_id, title, deadline, organisation_id, created_at)
       SELECT $1, $2, t, $3::date, o, $4 FROM unnest($5::text[], $6::int[]) WITH ORDINALITY AS x(t, o, i) ORDER BY i`,
      [
        ctx.unitId,
        r.meetingId,
        next,
        r.setAt,
        [
          'Vận động hội viên phụ nữ thực hiện phân loại rác thải tại nguồn',
          'Ra quân dọn vệ sinh, phát quang các tuyến hẻm trước mùa mưa',
        ],
        [orgs.get('phu_nu')!, orgs.get('doan_thanh_nien')!],
      ],
    );
    return;
  }
  // The last held meeting: the two reviewed (the Chi hội's report recorded), one new task.
  await tx.query(
    `UPDATE tasks t SET result = x.res, result_note = x.note, reviewed_meeting_id = $2, reviewed_at = $3,
            org_report = x.rep, org_reported_at = CASE WHEN x.rep IS NULL THEN NULL ELSE $3::timestamptz END
       FROM unnest($4::int[], $5::text[], $6::text[], $7::text[]) AS x(o, res, note, rep)
      WHERE t.unit_id = $1 AND t.organisation_id = x.o AND t.reviewed_meeting_id IS NULL`,
    [
      ctx.unitId,
      r.meetingId,
      r.reviewedAt,
      [orgs.get('phu_nu')!, orgs.get('doan_thanh_nien')!],
      ['partial', 'achieved'],
      ['Còn 2 tổ dân phố chưa thực hiện', null],
      [
        'Chi hội đã vận động 46/60 hộ hội viên phân loại rác tại nguồn; 2 tổ còn lại hoàn thành trong tháng tới.',
        null,
      ],
    ],
  );
  await tx.query(
    `INSERT INTO tasks (unit_id, meeting_id, title, deadline, organisation_id, created_at)
     VALUES ($1, $2, $3, $4::date + 30, $5, $6)`,
    [
      ctx.unitId,
      r.meetingId,
      'Tổ chức lấy ý kiến nhân dân về quy ước khu phố, tổng hợp báo cáo chi bộ',
      r.date,
      orgs.get('mat_tran')!,
      r.setAt,
    ],
  );
}
