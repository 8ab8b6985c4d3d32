import { type App, actorOf, typed } from '../../server/http.js';
import { authorizeHolidayCalendarEdit, canEditHolidayCalendar } from './policy.js';
import { holidayDecisionBody, holidayYearParams, holidayYearQuery } from './schema.js';
import {
  decisionView,
  deleteHolidayDecision,
  findHolidayDecision,
  listHolidayDecisions,
  loadWorkingCalendar,
  saveHolidayDecision,
  yearCalendarView,
} from './service.js';

export async function holidayCalendarRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['calendar'];

  r.get(
    '/api/holiday-decisions',
    {
      schema: {
        tags,
        summary:
          'Quyết định nghỉ lễ, Tết của từng năm (năm mới nhất trước), kèm các ngày nghỉ thực tế và tên gọi',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const decisions = await listHolidayDecisions(db);
      const cal = await loadWorkingCalendar(db);
      return {
        items: decisions.map((d) => decisionView(cal, d)),
        total: decisions.length,
        canEdit: canEditHolidayCalendar(actor),
      };
    },
  );

  r.get(
    '/api/holiday-calendar',
    {
      schema: {
        tags,
        summary: 'Các ngày nghỉ lễ, Tết, nghỉ bù, nghỉ theo quyết định của một năm, kèm lý do',
        querystring: holidayYearQuery,
      },
    },
    async (req) => {
      const { year } = req.query;
      const decision = await findHolidayDecision(db, year);
      const cal = await loadWorkingCalendar(db);
      return { ...yearCalendarView(cal, year), decision: decision ? decisionView(cal, decision) : null };
    },
  );

  r.put(
    '/api/holiday-decisions/:year',
    {
      schema: {
        tags,
        summary: 'Ghi (hoặc sửa) quyết định nghỉ lễ, Tết của một năm — chỉ quản trị hệ thống',
        params: holidayYearParams,
        body: holidayDecisionBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      authorizeHolidayCalendarEdit(actor);
      const { year } = req.params;
      const saved = await saveHolidayDecision(db, actor, year, req.body, req.ip);
      const cal = await loadWorkingCalendar(db);
      reply.code(saved.created ? 201 : 200);
      return { ...decisionView(cal, saved.decision), created: saved.created, warnings: saved.warnings };
    },
  );

  r.delete(
    '/api/holiday-decisions/:year',
    {
      schema: {
        tags,
        summary: 'Xóa quyết định nghỉ lễ, Tết của một năm (năm đó tính theo luật) — chỉ quản trị hệ thống',
        params: holidayYearParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      authorizeHolidayCalendarEdit(actor);
      await deleteHolidayDecision(db, actor, req.params.year, req.ip);
      return reply.code(204).send();
    },
  );
}
