import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, intText, typed } from '../../server/http.js';
import { listNotifications } from '../notifications/service.js';
import { loadTasks } from './follow-up.js';
import { buildIcs } from './ics.js';
import { MEETING_KINDS, type MeetingKindKey } from './labels.js';
import { MEETING_COLS, type MeetingRow, presentMeetingSummary } from './service.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The meetings a person is invited to: their own cell's, and the cell they attend temporarily;
 * chi ủy meetings only for those who sit on it (or hold a role above it). $1 is the member, $2 the user.
 */
function myMeetingsSql(where: string) {
  return `SELECT ${MEETING_COLS} FROM meetings mt JOIN org_units u ON u.id = mt.unit_id
    WHERE (mt.kind <> 'committee' OR EXISTS (
        SELECT 1 FROM role_grants g JOIN org_units gu ON gu.id = g.org_unit_id
         WHERE g.user_id = $2 AND g.role IN ('cell_committee', 'cell_secretary', 'committee_staff', 'admin') AND u.path LIKE gu.path || '%')
      -- or a member of the cell's chi ủy on the meeting's day (ADR 025 part E)
      OR EXISTS (
        SELECT 1 FROM cell_committee_members c JOIN cell_committee_terms ct ON ct.id = c.term_id
         WHERE c.member_id = $1 AND ct.unit_id = mt.unit_id
           AND c.from_on <= (mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
           AND (c.to_on IS NULL OR c.to_on > (mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)))
      AND mt.unit_id IN (
      SELECT ms.unit_id FROM memberships ms WHERE ms.member_id = $1 AND ms.valid_to IS NULL
      UNION SELECT p.unit_id FROM member_status_periods p
       WHERE p.member_id = $1 AND p.kind = 'temporary_out' AND p.unit_id IS NOT NULL AND (p.valid_to IS NULL OR p.valid_to > CURRENT_DATE))
      AND ${where}`;
}

export async function meRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['me'];

  r.get(
    '/api/me/meetings',
    { schema: { tags, summary: 'Các buổi sinh hoạt sắp tới và gần đây của tôi' } },
    async (req) => {
      const actor = actorOf(req);
      if (!actor.memberId) return { upcoming: [], recent: [] };
      const upcoming = await db.query<MeetingRow>(
        `${myMeetingsSql(`mt.status IN ('planned', 'in_progress') AND mt.scheduled_at > now() - interval '1 day'`)} ORDER BY mt.scheduled_at LIMIT 10`,
        [actor.memberId, actor.userId],
      );
      const recent = await db.query<MeetingRow>(
        `${myMeetingsSql(`mt.status = 'held'`)} ORDER BY mt.scheduled_at DESC LIMIT 12`,
        [actor.memberId, actor.userId],
      );
      const ids = [...upcoming, ...recent].map((m) => m.id);
      const docs = ids.length
        ? await db.query<{ meeting_id: number; n: number }>(
            'SELECT meeting_id, count(*)::int AS n FROM meeting_documents WHERE meeting_id = ANY($1::int[]) AND removed_at IS NULL GROUP BY meeting_id',
            [ids],
          )
        : [];
      const adopted = ids.length
        ? await db.query<{ meeting_id: number }>(
            `SELECT DISTINCT meeting_id FROM meeting_record_versions WHERE meeting_id = ANY($1::int[]) AND status = 'adopted'`,
            [ids],
          )
        : [];
      const extra = (m: MeetingRow) => ({
        ...presentMeetingSummary(m),
        documents: docs.find((d) => d.meeting_id === m.id)?.n ?? 0,
        minutesAdopted: adopted.some((a) => a.meeting_id === m.id),
      });
      return { upcoming: upcoming.map(extra), recent: recent.map(extra) };
    },
  );

  r.get('/api/me/tasks', { schema: { tags, summary: 'Nhiệm vụ được giao cho tôi' } }, async (req) => {
    const actor = actorOf(req);
    if (!actor.memberId) return { items: [], total: 0 };
    const items = await loadTasks(
      db,
      'EXISTS (SELECT 1 FROM task_owners o WHERE o.task_id = t.id AND o.member_id = $1)',
      [actor.memberId],
    );
    return { items, total: items.length };
  });

  r.get(
    '/api/me/notifications',
    {
      schema: {
        tags,
        summary: 'Thông báo của tôi',
        querystring: z.object({ limit: intText(1, 200, 'limit').default(50) }),
      },
    },
    async (req) => listNotifications(db, actorOf(req).userId, req.query.limit),
  );

  r.post(
    '/api/me/notifications/:id/read',
    { schema: { tags, summary: 'Đánh dấu đã đọc', params: idParams } },
    async (req) => {
      await db.query(
        'UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2',
        [req.params.id, actorOf(req).userId],
      );
      return { ok: true };
    },
  );

  r.post(
    '/api/me/calendar-token',
    { schema: { tags, summary: 'Tạo đường dẫn lịch (iCalendar) bí mật; đường dẫn cũ bị thu hồi' } },
    async (req) => {
      const actor = actorOf(req);
      const token = randomBytes(24).toString('base64url');
      await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE calendar_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [actor.userId],
        );
        await tx.query('INSERT INTO calendar_tokens (user_id, token_hash) VALUES ($1, $2)', [
          actor.userId,
          sha256(token),
        ]);
        await audit(
          tx,
          actor,
          { action: 'calendar.token_create', entityType: 'user', entityId: actor.userId },
          req.ip,
        );
      });
      return { url: `/api/calendar/${token}.ics`, token };
    },
  );

  r.delete('/api/me/calendar-token', { schema: { tags, summary: 'Thu hồi đường dẫn lịch' } }, async (req) => {
    const actor = actorOf(req);
    await db.transaction(async (tx) => {
      await tx.query(
        'UPDATE calendar_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [actor.userId],
      );
      await audit(
        tx,
        actor,
        { action: 'calendar.token_revoke', entityType: 'user', entityId: actor.userId },
        req.ip,
      );
    });
    return { ok: true };
  });

  r.get(
    '/api/calendar/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Lịch sinh hoạt dạng iCalendar (đường dẫn bí mật, không cần đăng nhập)',
        params: z.object({ token: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      const token = req.params.token.replace(/\.ics$/, '');
      const [owner] = await db.query<{ member_id: number | null; is_active: boolean; user_id: number }>(
        `SELECT us.member_id, us.is_active, us.id AS user_id FROM calendar_tokens c JOIN users us ON us.id = c.user_id
          WHERE c.token_hash = $1 AND c.revoked_at IS NULL`,
        [sha256(token)],
      );
      if (!owner?.is_active) throw new AppError('NOT_FOUND', 'Đường dẫn lịch không còn hiệu lực.');
      const rows = owner.member_id
        ? await db.query<MeetingRow>(
            `${myMeetingsSql(`mt.scheduled_at > now() - interval '90 days'`)} ORDER BY mt.scheduled_at LIMIT 200`,
            [owner.member_id, owner.user_id],
          )
        : [];
      const ics = buildIcs(
        rows.map((m) => ({
          uid: `meeting-${m.id}@chibo`,
          start: new Date(m.scheduled_at),
          minutes: m.min_duration_minutes,
          summary: `${MEETING_KINDS[m.kind as MeetingKindKey]} — ${m.unit_name}`,
          description: m.thematic_topic ? `Chuyên đề: ${m.thematic_topic}` : m.title,
          location: m.place ?? '',
          cancelled: m.status === 'cancelled',
        })),
        todayIso(),
      );
      return reply
        .header('Content-Type', 'text/calendar; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(ics);
    },
  );
}
