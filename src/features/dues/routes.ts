/**
 * Routes of the dues ledger (issue 10 item 1, ADR 024): thin — validate, authorise, call the
 * service, present. Amounts are integers of đồng.
 */
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { can } from '../../server/access.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { rulePackForUnit } from '../org/service.js';
import { cellForDuesWrite, memberForDuesRead, memberForDuesWrite, unitForDuesRead } from './policy.js';
import { baseBody, entriesBody, monthQuery, remittanceBody, unitMonthParams, yearQuery } from './schema.js';
import { memberDuesYear, unitDues } from './service.js';
import { exportStatement } from './statement.js';
import { recordMonth, recordRemittance, setDuesBase } from './write.js';

export async function duesRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['dues'];

  r.get(
    '/api/org-units/:id/dues',
    {
      schema: {
        tags,
        summary:
          'Sổ thu đảng phí của tháng: từng đảng viên (chi bộ) hoặc tổng hợp theo đơn vị trực thuộc (đảng bộ)',
        params: idParams,
        querystring: monthQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await unitForDuesRead(db, actor, req.params.id);
      // Whether the page offers the bulk entry (the server still checks on save).
      return {
        ...(await unitDues(db, unit, req.query.month)),
        canManage: can(actor, 'dues.manage', unit.path),
      };
    },
  );

  r.put(
    '/api/org-units/:id/dues/:month',
    {
      schema: {
        tags,
        summary:
          'Ghi số tiền đảng phí đã thu của tháng cho nhiều đảng viên cùng lúc (lưu tất cả hoặc không lưu gì)',
        params: unitMonthParams,
        body: entriesBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await cellForDuesWrite(db, actor, req.params.id);
      return db.transaction((tx) =>
        recordMonth(tx, actor, unit, req.params.month, req.body.entries, todayIso(), req.ip),
      );
    },
  );

  r.post(
    '/api/org-units/:id/dues/:month/remittance',
    {
      schema: {
        tags,
        summary: 'Ghi số đảng phí chi bộ đã nộp lên cấp trên trong tháng',
        params: unitMonthParams,
        body: remittanceBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await cellForDuesWrite(db, actor, req.params.id);
      const result = await db.transaction((tx) =>
        recordRemittance(tx, actor, unit, req.params.month, req.body, todayIso(), req.ip),
      );
      reply.code(201);
      return result;
    },
  );

  r.get(
    '/api/org-units/:id/dues/statement.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải bảng kê thu, nộp đảng phí của tháng (Excel) để nộp cấp trên',
        params: idParams,
        querystring: monthQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await unitForDuesRead(db, actor, req.params.id);
      const file = await db.transaction((tx) =>
        exportStatement(tx, actor, unit, req.query.month, todayIso(), req.ip),
      );
      return sendFile(
        reply,
        file.bytes,
        safeFileName(file.fileName),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    },
  );

  r.put(
    '/api/members/:id/dues-base',
    {
      schema: {
        tags,
        summary: 'Ghi đối tượng và mức căn cứ đóng đảng phí của đảng viên từ một tháng',
        params: idParams,
        body: baseBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const member = await memberForDuesWrite(db, actor, req.params.id);
      const pack = await rulePackForUnit(db, member.unit_path, `${req.body.from}-01`);
      return db.transaction((tx) => setDuesBase(tx, actor, member, req.body, pack.dues, todayIso(), req.ip));
    },
  );

  r.get(
    '/api/members/:id/dues',
    {
      schema: {
        tags,
        summary: 'Đảng phí của một đảng viên trong năm (12 tháng); đảng viên xem được của chính mình',
        params: idParams,
        querystring: yearQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const member = await memberForDuesRead(db, actor, req.params.id);
      return {
        ...(await memberDuesYear(db, member, req.query.year, todayIso().slice(0, 7))),
        // The member's cell, and whether the reader keeps its ledger (the page links to the base form).
        unitId: member.unit_id,
        canManage: can(actor, 'dues.manage', member.unit_path),
      };
    },
  );
}
