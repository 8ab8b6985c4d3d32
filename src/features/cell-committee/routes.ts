/** Routes of the chi ủy as a body (issue 11 item 5, ADR 025 part E): thin. */
import { todayIso, toIsoDate } from '../../domain/format.js';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { visibleMeeting } from '../meetings/service.js';
import { cellCommitteeBody } from './schema.js';
import { cellForCommittee, meetingCommitteeFacts, readCellCommittee, saveCellCommittee } from './service.js';

export async function cellCommitteeRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['cell-committee'];

  r.get(
    '/api/org-units/:id/cell-committee',
    {
      schema: {
        tags,
        summary: 'Chi ủy của chi bộ: nhiệm kỳ, thành viên, chức vụ (ai chưa có tài khoản)',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await cellForCommittee(db, actor, req.params.id, 'member.read');
      return readCellCommittee(db, actor, unit, todayIso());
    },
  );

  r.put(
    '/api/org-units/:id/cell-committee',
    {
      schema: {
        tags,
        summary:
          'Ghi chi ủy được bầu của một nhiệm kỳ (thay toàn bộ danh sách của nhiệm kỳ đó): bí thư, phó bí thư, chi ủy viên',
        params: idParams,
        body: cellCommitteeBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await cellForCommittee(db, actor, req.params.id, 'member.manage');
      await db.transaction((tx) => saveCellCommittee(tx, actor, unit, req.body, req.ip));
      return readCellCommittee(db, actor, unit, todayIso());
    },
  );

  r.get(
    '/api/meetings/:id/cell-committee',
    {
      schema: {
        tags,
        summary: 'Chi ủy đối với buổi sinh hoạt: đã ghi nhận chi ủy chưa, cuộc họp chi ủy chuẩn bị và số dự',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const m = await visibleMeeting(db, actor, req.params.id);
      return meetingCommitteeFacts(db, m, toIsoDate(new Date(m.scheduled_at)));
    },
  );
}
