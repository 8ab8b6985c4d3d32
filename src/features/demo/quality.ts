/**
 * The demo's quality side: every held meeting scored by its cell (confirmed at closing), many
 * of Khu phố 1 and 2's meetings also scored by their supervising member (giamsat1) with a visit
 * recorded, a few recommendations (kiến nghị) open and answered, the month × cell rows, and the
 * alert job run once so the dashboards open with real alerts. Ratings differ by the cell's tier
 * (model, good, weak), so every rating occurs. Deterministic.
 */
import type { Executor } from '../../db/executor.js';
import type { Rubric } from '../../domain/scoring/rubric.js';
import { scoreMeeting } from '../../domain/scoring/score.js';
import { packVersionFor } from '../../rules/store.js';
import { findMeeting } from '../meetings/service.js';
import { runAlerts } from '../oversight/alerts.js';
import { gatherEvidence, meetingDate } from '../scoring/evidence.js';
import { lockScore } from '../scoring/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { addDays } from './dates.js';
import { type QualityTier, qualityTierOf } from './meeting-context.js';
import { Rng } from './rng.js';

const VISIT_COMMENTS = [
  'Chi bộ chuẩn bị nội dung chu đáo, tài liệu gửi đảng viên đúng hạn; đề nghị tăng thời gian thảo luận.',
  'Nhiều đảng viên phát biểu, đóng góp ý kiến thẳng thắn; cần cụ thể hóa người thực hiện từng nhiệm vụ.',
  'Sinh hoạt đúng quy trình; đề nghị chi bộ đánh giá kỹ hơn kết quả nghị quyết tháng trước.',
  'Không khí dân chủ, cởi mở; chi bộ cần quan tâm đảng viên vắng nhiều lần.',
];

function judgementFor(
  rubric: Rubric,
  kind: string,
  tier: QualityTier,
  rng: Rng,
  strictness = 0,
): Record<string, number> {
  const out: Record<string, number> = {};
  const [lo, hi] = ({ model: [0.95, 1], good: [0.7, 0.95], weak: [0.05, 0.45] } as const)[tier];
  for (const c of rubric.criteria) {
    for (const i of c.items) {
      if (i.measure || (i.kinds && !i.kinds.includes(kind))) continue;
      const share = Math.max(0, lo + (hi - lo) * rng.float() - strictness);
      out[i.key] = Math.round(i.max * share * 2) / 2;
    }
  }
  return out;
}

export async function seedDemoQuality(
  tx: Executor,
  input: {
    today: string;
    unitIds: ReadonlyMap<string, number>;
    accounts: ReadonlyMap<string, { userId: number }>;
  },
): Promise<{
  cellScores: number;
  supervisorScores: number;
  visits: number;
  recommendations: number;
  alerts: number;
}> {
  const rng = new Rng(0x9a11);
  const keyOf = new Map([...input.unitIds].map(([k, v]) => [v, k]));
  const supervisor = input.accounts.get('giamsat1')?.userId ?? null;
  const supervised = new Set(['kp1', 'kp2'].map((k) => input.unitIds.get(k)));
  const held = await tx.query<{ id: number; unit_id: number }>(
    `SELECT id, unit_id FROM meetings WHERE status = 'held' AND kind <> 'committee' ORDER BY unit_id, scheduled_at`,
  );
  const lastThree = new Map<number, number[]>();
  for (const h of held) lastThree.set(h.unit_id, [...(lastThree.get(h.unit_id) ?? []), h.id].slice(-3));
  let cellScores = 0;
  let supervisorScores = 0;
  let visits = 0;
  const months = new Set<string>();
  for (const h of held) {
    const m = (await findMeeting(tx, h.id))!;
    const date = meetingDate(m);
    months.add(`${h.unit_id}|${date.slice(0, 7)}`);
    const pack = await packVersionFor(tx, m.rule_pack, date);
    const tier = qualityTierOf(keyOf.get(h.unit_id) ?? '');
    const evidence = await gatherEvidence(tx, m, pack);
    const [chairUser] = await tx.query<{ id: number }>('SELECT id FROM users WHERE member_id = $1', [
      m.chair_member_id ?? 0,
    ]);
    const insert = async (
      scorer: 'cell' | 'supervisor',
      judgement: Record<string, number>,
      by: number | null,
      at: Date,
    ) => {
      const score = scoreMeeting(pack.scoring.rubric, evidence, judgement);
      // Written, then confirmed by the scoring feature's own lock (keyed hash, ADR 017).
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO meeting_scores (meeting_id, scorer, judgement, result, total, band, rule_pack, rule_pack_version, scored_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          m.id,
          scorer,
          JSON.stringify(judgement),
          JSON.stringify(score),
          score.total,
          score.band.label,
          pack.id,
          pack.version,
          by,
          at,
        ],
      );
      await lockScore(tx, row!.id, at);
    };
    const ended = new Date(m.ended_at!);
    const cellJudgement = judgementFor(pack.scoring.rubric, m.kind, tier, rng);
    await insert('cell', cellJudgement, chairUser?.id ?? null, new Date(ended.getTime() + 30 * 60_000));
    cellScores++;
    // giamsat1 scores about two meetings in three of the cells they supervise, stricter than the
    // cell itself; Khu phố 1's three latest are left for the supervisor to score in the app.
    if (
      supervisor &&
      supervised.has(h.unit_id) &&
      !(keyOf.get(h.unit_id) === 'kp1' && lastThree.get(h.unit_id)!.includes(h.id)) &&
      rng.chance(0.7)
    ) {
      const at = new Date(ended.getTime() + rng.int(1, 3) * 86_400_000);
      await insert('supervisor', judgementFor(pack.scoring.rubric, m.kind, tier, rng, 0.1), supervisor, at);
      supervisorScores++;
      await tx.query(
        'INSERT INTO supervision_visits (unit_id, supervisor_id, meeting_id, visited_on, comments, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [h.unit_id, supervisor, m.id, date, rng.pick(VISIT_COMMENTS), at],
      );
      visits++;
    }
  }
  for (const key of months) {
    const [unitId, month] = key.split('|');
    await refreshCellMonth(tx, Number(unitId), month!);
  }
  // Recommendations raised by cells: some still open (of different ages), one answered and closed.
  const recs: [string, number, string, string | null][] = [
    ['kp1', 20, 'Đề nghị Đảng ủy phường hỗ trợ sửa chữa mái nhà văn hóa Khu phố 1 trước mùa mưa.', null],
    [
      'kp1',
      95,
      'Đề nghị bố trí lớp bồi dưỡng kỹ năng sử dụng Sổ tay đảng viên điện tử cho đảng viên cao tuổi.',
      'Đảng ủy đã mở lớp ngày 15 hằng tháng tại Hội trường Ủy ban nhân dân phường.',
    ],
    ['kp2', 45, 'Đề nghị công an phường tăng cường tuần tra khu vực chợ đêm.', null],
    [
      'ap_an_binh',
      70,
      'Đề nghị hướng dẫn chi bộ cách tổ chức sinh hoạt chuyên đề gắn với xây dựng nông thôn mới.',
      null,
    ],
  ];
  for (const [key, daysAgo, content, answer] of recs) {
    const unitId = input.unitIds.get(key);
    if (!unitId) continue;
    await tx.query(
      `INSERT INTO recommendations (unit_id, raised_by, raised_on, content, answer, answered_by, answered_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [
        unitId,
        supervisor,
        addDays(input.today, -daysAgo),
        content,
        answer,
        answer ? (input.accounts.get('danguy')?.userId ?? null) : null,
        answer ? new Date(Date.parse(addDays(input.today, -daysAgo + 10))) : null,
      ],
    );
  }
  const alerts = await runAlerts(tx, input.today);
  return { cellScores, supervisorScores, visits, recommendations: recs.length, alerts: alerts.open };
}
