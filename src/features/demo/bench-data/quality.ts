/**
 * The bench province's quality side, set-based: accounts (the province office, each grassroots
 * committee's office and its supervising member), supervision visits, the cell's and the
 * supervisor's scores confirmed and sealed with the keyed hash (ADR 017) in batches,
 * recommendations open and closed, and a few open alerts (missed months, low attendance).
 */
import type { Executor } from '../../../db/executor.js';
import { hashPassword } from '../../auth/passwords.js';
import { FROZEN_SCORE_COLUMNS, type FrozenScore, requireRecordKey, scoreHash } from '../../integrity/hash.js';
import type { BenchContext } from './meetings.js';

const CELLS = "u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.path LIKE $1";

const VISIT_COMMENTS = [
  'Chi bộ chuẩn bị nội dung chu đáo, tài liệu gửi đảng viên đúng hạn; đề nghị tăng thời gian thảo luận.',
  'Nhiều đảng viên phát biểu, đóng góp ý kiến thẳng thắn; cần cụ thể hóa người thực hiện từng nhiệm vụ.',
  'Sinh hoạt đúng quy trình; đề nghị chi bộ đánh giá kỹ hơn kết quả nghị quyết tháng trước.',
  'Không khí dân chủ, cởi mở; chi bộ cần quan tâm đảng viên vắng nhiều lần.',
];
const RECOMMENDATIONS = [
  'Đề nghị cấp ủy cấp trên hỗ trợ kinh phí sửa chữa nơi sinh hoạt chi bộ.',
  'Đề nghị mở lớp bồi dưỡng kỹ năng sử dụng Sổ tay đảng viên điện tử cho đảng viên cao tuổi.',
  'Đề nghị hướng dẫn cách tổ chức sinh hoạt chuyên đề gắn với nhiệm vụ chính trị của đơn vị.',
  'Đề nghị cung cấp tài liệu sinh hoạt chuyên đề sớm hơn để đảng viên nghiên cứu trước.',
];

/**
 * Accounts: `<prefix>tinh` (committee staff of the province), and for each grassroots đảng bộ
 * `<prefix>vp<n>` (its office) and `<prefix>gs<n>` (the supervising committee member, supervisor
 * of its cells). One password for all, hashed once. Returns the number of accounts.
 */
export async function insertAccounts(
  ex: Executor,
  c: BenchContext,
  prefix: string,
  password: string,
): Promise<number> {
  const hash = await hashPassword(password);
  const [root] = await ex.query<{ id: number; name: string }>(
    'SELECT id, name FROM org_units WHERE path = $1',
    [c.root],
  );
  const [staff] = await ex.query<{ id: number }>(
    'INSERT INTO users (username, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id',
    [
      `${prefix}tinh`,
      hash,
      `Văn phòng ${root!.name.replace(/^Đảng bộ/u, 'Tỉnh ủy')}`.replace(' (dữ liệu thử tải)', ''),
    ],
  );
  await ex.query("INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, 'committee_staff', $2)", [
    staff!.id,
    root!.id,
  ]);
  // Grassroots units (and the province itself, for the chi bộ cơ sở directly under it).
  const rows = await ex.query<{ n: number }>(
    `WITH g AS (
       SELECT u.id, u.name, u.path, row_number() OVER (ORDER BY u.id) AS n FROM org_units u
        WHERE u.path LIKE $1 AND u.kind = 'dang_bo_co_so'
     ), office AS (
       INSERT INTO users (username, password_hash, display_name)
       SELECT $2 || 'vp' || g.n, $3, 'Văn phòng ' || regexp_replace(g.name, '^Đảng bộ', 'Đảng ủy') FROM g
       RETURNING id, username
     ), sup AS (
       INSERT INTO users (username, password_hash, display_name)
       SELECT $2 || 'gs' || g.n, $3, 'Đảng ủy viên phụ trách chi bộ, ' || regexp_replace(g.name, '^Đảng bộ', 'Đảng ủy') FROM g
       RETURNING id, username
     ), grants AS (
       INSERT INTO role_grants (user_id, role, org_unit_id)
       SELECT o.id, 'committee_staff', g.id FROM g JOIN office o ON o.username = $2 || 'vp' || g.n
       UNION ALL
       SELECT s.id, 'supervisor', cell.id FROM g JOIN sup s ON s.username = $2 || 'gs' || g.n
         JOIN org_units cell ON cell.path LIKE g.path || '%' AND cell.kind IN ('chi_bo', 'chi_bo_co_so')
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM office)::int + (SELECT count(*) FROM sup)::int AS n, (SELECT count(*) FROM grants) AS g`,
    [`${c.root}%`, prefix, hash],
  );
  // The province's own supervisor for the chi bộ cơ sở directly under it.
  await ex.query(
    `WITH s AS (INSERT INTO users (username, password_hash, display_name) VALUES ($2 || 'gs0', $3, 'Tỉnh ủy viên phụ trách chi bộ cơ sở') RETURNING id)
     INSERT INTO role_grants (user_id, role, org_unit_id)
     SELECT s.id, 'supervisor', u.id FROM s, org_units u WHERE u.parent_id = $1 AND u.kind = 'chi_bo_co_so'`,
    [root!.id, prefix, hash],
  );
  return 2 + rows[0]!.n;
}

/** The supervising member (a supervisor grant on the cell) visits some held meetings. */
export async function insertVisits(ex: Executor, c: BenchContext): Promise<number> {
  const { sql } = c;
  const rows = await ex.query(
    `INSERT INTO supervision_visits (unit_id, supervisor_id, meeting_id, visited_on, comments, created_at)
     SELECT m.unit_id, g.user_id, m.id, (m.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
            ${`($2::text[])[1 + floor(${sql.rnd('m.id', 40)} * cardinality($2::text[]))::int]`}, m.ended_at + interval '1 hour'
       FROM meetings m JOIN org_units u ON u.id = m.unit_id
       JOIN LATERAL (SELECT rg.user_id FROM role_grants rg WHERE rg.org_unit_id = m.unit_id AND rg.role = 'supervisor' ORDER BY rg.id LIMIT 1) g ON true
      WHERE m.status = 'held' AND m.kind <> 'committee' AND ${CELLS}
        AND ${sql.rnd('m.id', 41)} < ${sql.byTier(sql.tier('m.unit_id'), 0.6, 0.42, 0.3)}
     RETURNING 1`,
    [`${c.root}%`, VISIT_COMMENTS],
  );
  return rows.length;
}

/**
 * Scores, written unconfirmed: the cell's own for every held meeting, the supervisor's for the
 * visited ones (a little stricter). Totals by the cell's tier; the band by the pack's thresholds.
 */
export async function insertScores(
  ex: Executor,
  c: BenchContext,
): Promise<{ cell: number; supervisor: number }> {
  const { sql, pack } = c;
  const bands = [...pack.scoring.rubric.bands].sort((a, b) => b.min - a.min);
  const bandOf = (total: string) =>
    `(CASE ${bands.map((b) => `WHEN ${total} >= ${b.min} THEN '${b.label.replace(/'/g, "''")}'`).join(' ')} ELSE '${bands[bands.length - 1]!.label}' END)`;
  const bandKeyOf = (total: string) =>
    `(CASE ${bands.map((b) => `WHEN ${total} >= ${b.min} THEN '${b.key}'`).join(' ')} ELSE '${bands[bands.length - 1]!.key}' END)`;
  const tier = sql.tier('m.unit_id');
  const base = `(${sql.byTier(tier, 91, 71, 40)} + ${sql.rnd('m.id', 50)} * ${sql.byTier(tier, 9, 26, 38)})`;
  const write = async (scorer: 'cell' | 'supervisor', total: string, where: string) => {
    const rows = await ex.query(
      `WITH s AS (
         SELECT m.id, m.ended_at, round((${total})::numeric * 2) / 2 AS total
           FROM meetings m JOIN org_units u ON u.id = m.unit_id
          WHERE m.status = 'held' AND m.kind <> 'committee' AND ${CELLS} ${where}
       )
       INSERT INTO meeting_scores (meeting_id, scorer, judgement, result, total, band, rule_pack, rule_pack_version, created_at, updated_at)
       SELECT s.id, '${scorer}', '{}'::jsonb,
              jsonb_build_object('total', s.total, 'band', jsonb_build_object('key', ${bandKeyOf('s.total')}, 'label', ${bandOf('s.total')}),
                'complete', true, 'source', 'bench-data'),
              s.total, ${bandOf('s.total')}, $2, $3, s.ended_at + interval '30 minutes', s.ended_at + interval '30 minutes'
         FROM s RETURNING 1`,
      [`${c.root}%`, pack.id, pack.version],
    );
    return rows.length;
  };
  const cell = await write('cell', `least(100, ${base})`, '');
  const supervisor = await write(
    'supervisor',
    `greatest(0, least(100, ${base}) - ${sql.rnd('m.id', 51)} * 8)`,
    // The visited meetings as one hashed list (supervision_visits has no index on meeting_id).
    `AND m.id IN (SELECT v.meeting_id FROM supervision_visits v JOIN org_units vu ON vu.id = v.unit_id WHERE vu.path LIKE $1) AND ${sql.rnd('m.id', 52)} < 0.85`,
  );
  return { cell, supervisor };
}

/**
 * Confirms the subtree's unconfirmed scores as the scoring feature does (lockScore): the frozen
 * columns read back, the keyed hash computed, confirmed_at, result_hash and hash_key written —
 * in batches of `batch` rows (one SELECT and one UPDATE each).
 */
export async function confirmScores(
  ex: Executor,
  c: BenchContext,
  batch = 5000,
  onBatch?: (n: number) => void,
): Promise<number> {
  const key = requireRecordKey(ex);
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await ex.query<FrozenScore & { id: number }>(
      `SELECT s.id, ${FROZEN_SCORE_COLUMNS.replace('s.confirmed_at', "(s.created_at + interval '5 minutes') AS confirmed_at")}
         FROM meeting_scores s JOIN meetings m ON m.id = s.meeting_id JOIN org_units u ON u.id = m.unit_id
        WHERE s.confirmed_at IS NULL AND s.id > $2 AND ${CELLS}
        ORDER BY s.id LIMIT ${batch}`,
      [`${c.root}%`, after],
    );
    if (rows.length === 0) return done;
    after = rows[rows.length - 1]!.id;
    await ex.query(
      `UPDATE meeting_scores s SET confirmed_at = x.at, result_hash = x.h, hash_key = $4
         FROM unnest($1::int[], $2::timestamptz[], $3::text[]) AS x(id, at, h) WHERE s.id = x.id`,
      [rows.map((r) => r.id), rows.map((r) => r.confirmed_at), rows.map((r) => scoreHash(key, r)), key.id],
    );
    done += rows.length;
    onBatch?.(done);
  }
}

/** One visit in sixteen raises a recommendation (one in four lately); older ones are answered and closed. */
export async function insertRecommendations(ex: Executor, c: BenchContext): Promise<number> {
  const { sql } = c;
  const rows = await ex.query(
    `INSERT INTO recommendations (unit_id, visit_id, raised_by, raised_on, content, answer, answered_by, answered_at, closed_at)
     SELECT v.unit_id, v.id, v.supervisor_id, v.visited_on, ($2::text[])[1 + floor(${sql.rnd('v.id', 60)} * cardinality($2::text[]))::int],
            CASE WHEN closed THEN 'Đã tiếp nhận và giải quyết; chi bộ đã được thông báo kết quả.' END,
            CASE WHEN closed THEN v.supervisor_id END,
            CASE WHEN closed THEN v.visited_on + make_interval(days => 10 + floor(${sql.rnd('v.id', 61)} * 50)::int) END,
            CASE WHEN closed THEN v.visited_on + make_interval(days => 10 + floor(${sql.rnd('v.id', 61)} * 50)::int) END
       FROM (
         SELECT v.*, (v.visited_on < $3::date - 120 OR ${sql.rnd('v.id', 62)} < 0.4) AS closed
           FROM supervision_visits v JOIN org_units u ON u.id = v.unit_id
          WHERE ${CELLS} AND ${sql.rnd('v.id', 63)} < CASE WHEN v.visited_on >= $3::date - 120 THEN 0.25 ELSE 0.0625 END
       ) v
     RETURNING 1`,
    [`${c.root}%`, RECOMMENDATIONS, c.today],
  );
  return rows.length;
}

/**
 * Open alerts as the alert job raises them (same kinds and subject keys, so the job later finds
 * them open): a regular meeting missed in the last 12 months, and the latest held meeting's
 * attendance below the pack's threshold when it was in the last 62 days.
 */
export async function insertAlerts(ex: Executor, c: BenchContext): Promise<number> {
  const lookback = c.months.slice(-Math.min(c.pack.oversight.missedMeetingLookbackMonths, c.months.length));
  const missed = await ex.query(
    `INSERT INTO alerts (unit_id, kind, subject_key, severity, title, detail, link, due_date)
     SELECT u.id, 'no_regular_meeting', u.id || ':' || p, 'critical',
            u.name || ': chưa sinh hoạt thường kỳ tháng ' || substr(p, 6, 2)::int || '/' || substr(p, 1, 4),
            'Chi bộ chưa có buổi sinh hoạt thường kỳ tháng ' || substr(p, 6, 2)::int || '/' || substr(p, 1, 4)
              || ' (hạn ngày ' || to_char(d, 'DD/MM/YYYY') || '). Chi bộ sinh hoạt định kỳ hằng tháng (HD 42).',
            '/don-vi/' || u.id, d
       FROM org_units u JOIN meeting_series s ON s.unit_id = u.id AND s.active
       CROSS JOIN unnest($2::text[]) AS p
       CROSS JOIN LATERAL (SELECT (p || '-' || lpad(s.day_of_month::text, 2, '0'))::date AS d) dd
      WHERE ${CELLS} AND d < $3::date
        AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.unit_id = u.id AND m.series_period = p AND m.status = 'held')
     ON CONFLICT DO NOTHING RETURNING 1`,
    [`${c.root}%`, lookback, c.today],
  );
  const threshold = c.pack.oversight.attendanceAlertPercent;
  const low = await ex.query(
    `INSERT INTO alerts (unit_id, kind, subject_key, severity, title, link, meeting_id)
     SELECT l.unit_id, 'low_attendance', l.id::text, 'warning',
            l.title || ': tỷ lệ dự họp ' || replace(to_char(round(l.att_present * 100.0 / l.att_summoned, 2), 'FM990.00'), '.', ',') || '% (dưới ${threshold}%)',
            '/sinh-hoat/' || l.id, l.id
       FROM (
         SELECT DISTINCT ON (m.unit_id) m.id, m.unit_id, m.title, m.att_present, m.att_summoned
           FROM meetings m JOIN org_units u ON u.id = m.unit_id
          WHERE ${CELLS} AND m.status = 'held' AND m.kind <> 'committee' AND m.att_summoned > 0
            AND m.scheduled_at > $2::date - 62
          ORDER BY m.unit_id, m.scheduled_at DESC
       ) l
      WHERE l.att_present * 100.0 < ${threshold} * l.att_summoned
     ON CONFLICT DO NOTHING RETURNING 1`,
    [`${c.root}%`, c.today],
  );
  return missed.length + low.length;
}
