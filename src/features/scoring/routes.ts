import { z } from 'zod';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { visibleMeeting } from '../meetings/service.js';
import { monthStatusRoutes } from './month-status.js';
import { confirmScore, meetingScoreView, reviseScore, saveJudgement } from './service.js';

export { monthState } from './month-status.js';

const scorerParams = idParams.extend({ scorer: z.enum(['cell', 'supervisor']) });

export async function scoringRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['quality'];
  const view = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const actor = actorOf(req);
    return meetingScoreView(db, actor, await visibleMeeting(db, actor, id));
  };

  r.get(
    '/api/meetings/:id/score',
    {
      schema: {
        tags,
        summary:
          'Điểm chất lượng buổi sinh hoạt: hai cột (chi bộ tự chấm, cấp trên chấm), từng tiêu chí với căn cứ',
        params: idParams,
      },
    },
    async (req) => view(req, req.params.id),
  );

  r.put(
    '/api/meetings/:id/score/:scorer',
    {
      schema: {
        tags,
        summary: 'Nhập điểm các mục chấm theo đánh giá (chưa xác nhận)',
        params: scorerParams,
        body: z.object({ judgement: z.record(z.string(), z.number().min(0).max(100)) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        saveJudgement(tx, actor, req.params.id, req.params.scorer, req.body.judgement, req.ip),
      );
      return view(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/score/:scorer/confirm',
    {
      schema: {
        tags,
        summary: 'Xác nhận điểm (khóa; thay đổi sau đó là bản chấm lại)',
        params: scorerParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => confirmScore(tx, actor, req.params.id, req.params.scorer, req.ip));
      return view(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/score/:scorer/revisions',
    {
      schema: {
        tags,
        summary: 'Chấm lại một cột đã xác nhận (ghi lý do; bản cũ được giữ nguyên)',
        params: scorerParams,
        body: z.object({ note: z.string().trim().min(3, 'Cần ghi lý do chấm lại').max(1000) }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const revision = await db.transaction((tx) =>
        reviseScore(tx, actor, req.params.id, req.params.scorer, req.body.note, req.ip),
      );
      reply.code(201);
      return { revision };
    },
  );

  await monthStatusRoutes(app);
}
