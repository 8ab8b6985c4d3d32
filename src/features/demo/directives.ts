/**
 * The demo's directives (issue 11 part A, ADR 025), published by Đảng bộ phường An Hội to its
 * cells, each with a small PDF:
 *   - Hướng dẫn số 43-HD/BTCTW of the Ban Tổ chức Trung ương (the year's review and grading, which
 *     chibo's grading follows), re-published 40 days before `today`, to be disseminated within 50
 *     days: about half the cells disseminated it at their first held meeting after it; Khu phố 1
 *     (bithu1's cell) has not yet — the journey records it at a meeting;
 *   - the ward's own Kế hoạch số 45-KH/ĐU (75 days before `today`, due 35 days before it): every
 *     cell disseminated it at its first meeting after publication but the last two, now late
 *     (the `directive_overdue` alert) — overdue by more than the pack's 30 days when the demo is
 *     made, so the proposals of the recognition demo already count them (later days only add).
 * Present/base come from the recording meetings' attendance summary. A few members of each cell
 * that disseminated the guidance marked it read; dangvien1 read the ward's plan, not the guidance.
 * The directives are written before the meetings (`seedDemoDirectiveDrafts`) and each held meeting
 * records its disseminations before its minutes are adopted (`disseminateAtDemoMeeting`, from
 * held-meeting.ts), so the adopted minutes name them as a real meeting's would.
 * Plain inserts with dates from `today` (the demo is the same for a given day), no audit rows.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { unitNameSortKey } from '../../domain/indicators.js';
import { CELL_KINDS_SQL } from '../oversight/rollup.js';
import { addDays } from './dates.js';
import { slugify, tinyPdf } from './pdf.js';

export interface DemoDirectivesResult {
  guidanceId: number;
  planId: number;
  /** Cells that disseminated the guidance / the plan. */
  guidanceDone: number;
  planDone: number;
  cells: number;
}

export interface Spec {
  kind: string;
  number: string;
  issuedOn: string;
  publishedOn: string;
  issuer: string;
  title: string;
  summary: string;
  disseminateBy: string;
  lines: string[];
}

async function insertDirective(tx: Executor, ward: number, staff: number, s: Spec): Promise<number> {
  const [d] = await tx.query<{ id: number }>(
    `INSERT INTO directives (unit_id, kind, number, issued_on, issuer, title, summary, requires_dissemination,
       disseminate_by, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9, $10::date + time '08:00', $10::date + time '08:00') RETURNING id`,
    [ward, s.kind, s.number, s.issuedOn, s.issuer, s.title, s.summary, s.disseminateBy, staff, s.publishedOn],
  );
  const bytes = tinyPdf([
    s.issuer,
    `${s.number} ngay ${s.issuedOn.split('-').reverse().join('/')}`,
    s.title,
    ...s.lines,
  ]);
  await tx.query(
    `INSERT INTO directive_files (directive_id, file_name, mime_type, size_bytes, sha256, content, posted_by, posted_at)
     VALUES ($1, $2, 'application/pdf', $3, $4, $5, $6, $7::date + time '08:00')`,
    [
      d!.id,
      `${slugify(`${s.number} ${s.title}`).slice(0, 60)}.pdf`,
      bytes.length,
      createHash('sha256').update(bytes).digest('hex'),
      bytes,
      staff,
      s.publishedOn,
    ],
  );
  await tx.query(
    `UPDATE directives SET status = 'published', published_at = ($2::date + time '08:30') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       published_by = $3 WHERE id = $1`,
    [d!.id, s.publishedOn, staff],
  );
  return d!.id;
}

/** What the meetings' seeding needs to record the disseminations before each record is adopted. */
export interface DemoDirectivePlan {
  guidanceId: number;
  planId: number;
  guidance: Spec;
  plan: Spec;
  staffUserId: number;
  /** Per directive: the cells that disseminate it, at their first held meeting after `after`. */
  rules: { directiveId: number; after: string; cells: ReadonlySet<number> }[];
  /** `<directive>:<cell>` already recorded. */
  done: Set<string>;
  cells: number;
  /** Khu phố 1 (bithu1's cell), which has not disseminated the guidance. */
  kp1: number;
}

/**
 * Called for each held meeting of the demo before its minutes are adopted (the minutes name what
 * was disseminated, and adopted minutes never change): records the dissemination of each
 * directive this cell disseminates at its first held meeting after publication, with the
 * meeting's date and its attendance summary.
 */
export async function disseminateAtDemoMeeting(
  tx: Executor,
  plan: DemoDirectivePlan,
  r: { unitId: number; meetingId: number; date: string; today: string; recorder: number | null },
): Promise<void> {
  if (r.date >= r.today) return;
  for (const rule of plan.rules) {
    const key = `${rule.directiveId}:${r.unitId}`;
    if (r.date <= rule.after || !rule.cells.has(r.unitId) || plan.done.has(key)) continue;
    plan.done.add(key);
    await tx.query(
      `INSERT INTO directive_disseminations (directive_id, unit_id, meeting_id, disseminated_on, present, base, recorded_by, recorded_at)
       SELECT $1, mt.unit_id, mt.id, (mt.started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
              coalesce(mt.att_present, 0), coalesce(mt.att_summoned, 0), $3, mt.ended_at
         FROM meetings mt WHERE mt.id = $2`,
      [rule.directiveId, r.meetingId, r.recorder ?? plan.staffUserId],
    );
  }
}

/**
 * The directives and their recipients, before the meetings are seeded (the meetings record the
 * disseminations through `disseminateAtDemoMeeting`).
 */
export async function seedDemoDirectiveDrafts(
  tx: Executor,
  opts: { today: string; unitIds: Map<string, number>; staffUserId: number },
): Promise<DemoDirectivePlan> {
  const { today } = opts;
  const ward = opts.unitIds.get('phuong')!;
  const kp1 = opts.unitIds.get('kp1')!;
  const year = today.slice(0, 4);
  const guidance: Spec = {
    kind: 'guidance',
    number: '43-HD/BTCTW',
    issuedOn: '2025-10-31',
    publishedOn: addDays(today, -40),
    issuer: 'Ban Tổ chức Trung ương',
    title: 'Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tổ chức đảng, đảng viên',
    summary:
      'Hướng dẫn nội dung, quy trình kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm theo Quy định số 366-QĐ/TW. Các chi bộ quán triệt tại buổi sinh hoạt trước khi tổ chức kiểm điểm cuối năm.',
    disseminateBy: addDays(today, 10),
    lines: ['Cac chi bo quan triet truoc khi kiem diem cuoi nam.'],
  };
  const plan: Spec = {
    kind: 'plan',
    number: '45-KH/ĐU',
    issuedOn: addDays(today, -75),
    publishedOn: addDays(today, -75),
    issuer: 'Đảng ủy phường An Hội',
    title: `Kế hoạch tổ chức kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm ${year}`,
    summary:
      'Các chi bộ quán triệt kế hoạch, phân công chi ủy chuẩn bị báo cáo kiểm điểm; đảng viên viết bản kiểm điểm cá nhân theo mẫu; chi bộ họp kiểm điểm, đề xuất mức xếp loại gửi Đảng ủy phường.',
    disseminateBy: addDays(today, -35),
    lines: ['Chi bo quan triet tai buoi sinh hoat thuong ky gan nhat.'],
  };
  const guidanceId = await insertDirective(tx, ward, opts.staffUserId, guidance);
  const planId = await insertDirective(tx, ward, opts.staffUserId, plan);

  // The recipients: the ward's cells at publication, with their names' sort keys.
  const cells = await tx.query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM org_units u JOIN org_units w ON w.id = $1
      WHERE u.path LIKE w.path || '%' AND u.kind IN ${CELL_KINDS_SQL} AND u.archived_at IS NULL
      ORDER BY u.sort_order, u.id`,
    [ward],
  );
  for (const id of [guidanceId, planId]) {
    await tx.query(
      `INSERT INTO directive_recipients (directive_id, unit_id, sort_key)
       SELECT $1, t.u, t.k FROM unnest($2::int[], $3::text[]) AS t(u, k)`,
      [id, cells.map((c) => c.id), cells.map((c) => unitNameSortKey(c.name))],
    );
  }
  // The guidance: every other cell of the ward but Khu phố 1; the plan: every cell but the last
  // two (late: the `directive_overdue` alert). Each at its first held meeting after publication.
  const others = cells.filter((c) => c.id !== kp1).map((c) => c.id);
  const guidanceCells = new Set(others.filter((_, i) => i % 2 === 0));
  const planCells = new Set(cells.slice(0, Math.max(0, cells.length - 2)).map((c) => c.id));
  return {
    guidanceId,
    planId,
    guidance,
    plan,
    staffUserId: opts.staffUserId,
    rules: [
      { directiveId: guidanceId, after: guidance.publishedOn, cells: guidanceCells },
      { directiveId: planId, after: plan.publishedOn, cells: planCells },
    ],
    done: new Set(),
    cells: cells.length,
    kp1,
  };
}

/** After the meetings: read marks and the bells, and what was seeded. */
export async function seedDemoDirectives(tx: Executor, d: DemoDirectivePlan): Promise<DemoDirectivesResult> {
  const { guidanceId, planId, guidance, plan } = d;
  const { kp1 } = d;
  const counts = await tx.query<{ directive_id: number; n: number }>(
    'SELECT directive_id, count(*)::int AS n FROM directive_disseminations WHERE directive_id = ANY($1::int[]) GROUP BY directive_id',
    [[guidanceId, planId]],
  );
  const doneOf = (id: number) => counts.find((c) => c.directive_id === id)?.n ?? 0;
  const guidanceDone = doneOf(guidanceId);
  const planDone = doneOf(planId);

  // Read marks: three members present at each meeting that disseminated the guidance; dangvien1
  // (and everyone present at Khu phố 1's meeting) read the plan.
  await tx.query(
    `INSERT INTO directive_reads (directive_id, member_id, read_at)
     SELECT directive_id, member_id, read_at FROM (
       SELECT dd.directive_id, a.member_id, mt.ended_at + interval '1 hour' AS read_at,
              row_number() OVER (PARTITION BY dd.unit_id ORDER BY a.member_id) AS n
         FROM directive_disseminations dd JOIN meetings mt ON mt.id = dd.meeting_id
         JOIN attendance a ON a.meeting_id = mt.id AND a.category = 'member' AND a.status IN ('present', 'late')
        WHERE dd.directive_id = $1) x
      WHERE n <= 3`,
    [guidanceId],
  );
  await tx.query(
    `INSERT INTO directive_reads (directive_id, member_id, read_at)
     SELECT $1, us.member_id, ($2::date + time '20:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
       FROM users us WHERE us.username = 'dangvien1' AND us.member_id IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [planId, addDays(plan.publishedOn, 2)],
  );

  // bithu1's bell: the guidance awaits Khu phố 1; dangvien1's: a new directive.
  await tx.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at)
     SELECT g.user_id, 'directive.disseminate', $2, $3, $4, $5, ($6::date + time '08:30') AT TIME ZONE 'Asia/Ho_Chi_Minh'
       FROM role_grants g WHERE g.org_unit_id = $1 AND g.role = 'cell_secretary'`,
    [
      kp1,
      `Văn bản cần quán triệt: Hướng dẫn số ${guidance.number}`,
      `Đảng bộ phường An Hội đã ban hành Hướng dẫn số ${guidance.number} (${guidance.title}). Đề nghị chi bộ quán triệt tại buổi sinh hoạt trước ngày ${guidance.disseminateBy.split('-').reverse().join('/')}.`,
      `/van-ban/${guidanceId}`,
      `directive-cell:${guidanceId}`,
      guidance.publishedOn,
    ],
  );
  await tx.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at)
     SELECT us.id, 'directive.new', $1, $2, $3, $4, ($5::date + time '08:30') AT TIME ZONE 'Asia/Ho_Chi_Minh'
       FROM users us WHERE us.username = 'dangvien1'`,
    [
      `Có văn bản mới: Hướng dẫn số ${guidance.number}`,
      guidance.title,
      `/van-ban/${guidanceId}`,
      `directive:${guidanceId}`,
      guidance.publishedOn,
    ],
  );
  return { guidanceId, planId, guidanceDone, planDone, cells: d.cells };
}
