import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { authorize } from '../../server/access.js';
import {
  type App,
  actorOf,
  idParams,
  isoDate,
  paging,
  queryBoolean,
  sendFile,
  typed,
} from '../../server/http.js';
import { intText } from '../../server/input-schemas.js';
import { auditingRefusals } from '../../server/refusals.js';
import { visibleUnit } from '../org/service.js';
import { applyStatusChange, createMember, updateMember } from './commands.js';
import { buildMembersXlsx } from './export.js';
import { END_REASONS, START_REASONS } from './labels.js';
import { createMemberSchema, statusChangeSchema, updateMemberSchema } from './schema.js';
import {
  findMember,
  listUnitMembers,
  loadMemberships,
  loadPeriods,
  type MemberFilter,
  memberFieldAccess,
  presentMember,
  statusOn,
  visibleMember,
} from './service.js';

const FILTER_KEYS = [
  'all',
  'official',
  'probationary',
  'exempted',
  'temporary_out',
  'temporary_in',
  'contact_213',
  'voting',
  'former',
] as const satisfies readonly MemberFilter[];

/** The registry pages: `limit` from 1 to this (default 50), ADR 026. */
export const MEMBERS_MAX_LIMIT = 200;

export const listQuery = z.object({
  date: isoDate.optional(),
  subtree: queryBoolean.default(false),
  status: z.enum(FILTER_KEYS).default('all'),
  q: z.string().max(100).optional(),
  limit: intText(1, MEMBERS_MAX_LIMIT, 'limit').default(50),
  offset: paging.offset,
  cursor: z.string({ error: 'Con trỏ trang (cursor) phải là chuỗi ký tự' }).max(800).optional(),
});

export async function memberRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['members'];

  r.get(
    '/api/org-units/:id/members',
    {
      schema: {
        tags,
        summary: 'Đảng viên của đơn vị tại một ngày (sắp xếp theo tên, kiểu Việt Nam)',
        description:
          'Includes own members, members of other cells in temporary membership here (`relation: temporary_in`) ' +
          'and 213 contacts (`relation: contact_213`). `status=former` lists members who left. CCCD, card number and ' +
          'contacts are present only for roles allowed to see them. `q` matches the name, and the card number, CCCD ' +
          'or phone only on records whose field the caller may read; a name matches without diacritics. ' +
          `Pages by keyset: \`limit\` 1–${MEMBERS_MAX_LIMIT} (default 50), \`cursor\` = \`nextCursor\` of the previous ` +
          'page; answers `{ items, total, totalCapped, nextCursor, date }` (`offset` stays accepted for old links). ' +
          'A search counts at most 1.000 matches: above it `total` is 1.000 and `totalCapped` is true ("hơn 1.000").',
        params: idParams,
        querystring: listQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'member.read', unit.path);
      const date = req.query.date ?? todayIso();
      const { rows, total, totalCapped, nextCursor } = await listUnitMembers(db, {
        unitPath: unit.path,
        unitId: unit.id,
        date,
        subtree: req.query.subtree,
        filter: req.query.status,
        q: req.query.q,
        searcher: actor,
        limit: req.query.limit,
        offset: req.query.offset,
        cursor: req.query.cursor,
      });
      const ids = rows.map((m) => m.id);
      const [periods, memberships] = await Promise.all([loadPeriods(db, ids), loadMemberships(db, ids)]);
      const items = rows.map((m) =>
        presentMember(
          m,
          memberFieldAccess(actor, m),
          statusOn(
            m,
            periods.filter((p) => p.member_id === m.id),
            memberships.filter((x) => x.member_id === m.id),
            date,
          ),
          { relation: m.relation === 'former' ? 'member' : m.relation },
        ),
      );
      return { items, total, totalCapped, nextCursor, date };
    },
  );

  r.post(
    '/api/org-units/:id/members',
    {
      schema: {
        tags,
        summary: 'Thêm đảng viên vào chi bộ (kết nạp, chuyển đến, có sẵn, hoặc đảng viên 213)',
        params: idParams,
        body: createMemberSchema,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await auditingRefusals(db, actor, req.ip, () =>
        db.transaction((tx) => createMember(tx, actor, req.params.id, req.body, req.ip)),
      );
      reply.code(201);
      return { id };
    },
  );

  r.get(
    '/api/members/:id',
    {
      schema: {
        tags,
        summary: 'Hồ sơ một đảng viên, tình trạng tại một ngày và lịch sử',
        params: idParams,
        querystring: z.object({ date: isoDate.optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const m = await visibleMember(db, actor, req.params.id);
      const date = req.query.date ?? todayIso();
      const [periods, memberships] = await Promise.all([
        loadPeriods(db, [m.id]),
        loadMemberships(db, [m.id]),
      ]);
      const access = memberFieldAccess(actor, m);
      const [account] = access.manage
        ? await db.query<{ id: number; username: string; is_active: boolean }>(
            'SELECT id, username, is_active FROM users WHERE member_id = $1',
            [m.id],
          )
        : [];
      return {
        ...presentMember(m, access, statusOn(m, periods, memberships, date)),
        date,
        history: {
          memberships: memberships.map((x) => ({
            id: x.id,
            unitId: x.unit_id,
            unitName: x.unit_name,
            from: x.valid_from,
            to: x.valid_to,
            startReason: x.start_reason,
            startReasonLabel: START_REASONS[x.start_reason as keyof typeof START_REASONS] ?? x.start_reason,
            endReason: x.end_reason,
            endReasonLabel: x.end_reason ? END_REASONS[x.end_reason] : null,
            otherOrg: x.other_org,
            decisionNo: x.decision_no,
            note: x.note,
          })),
          periods: periods.map((p) => ({
            id: p.id,
            kind: p.kind,
            unitId: p.unit_id,
            unitName: p.unit_name,
            otherOrg: p.other_org,
            from: p.valid_from,
            to: p.valid_to,
            reason: p.reason,
            decisionNo: p.decision_no,
            decisionDate: p.decision_date,
          })),
        },
        account: account ? { id: account.id, username: account.username, active: account.is_active } : null,
      };
    },
  );

  r.patch(
    '/api/members/:id',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin cá nhân của đảng viên',
        params: idParams,
        body: updateMemberSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const m = await auditingRefusals(db, actor, req.ip, () =>
        db.transaction((tx) => updateMember(tx, actor, req.params.id, req.body, req.ip)),
      );
      return { id: m.id, fullName: m.full_name };
    },
  );

  r.post(
    '/api/members/:id/status-changes',
    {
      schema: {
        tags,
        summary:
          'Ghi nhận một thay đổi có ngày: chính thức, miễn sinh hoạt, sinh hoạt tạm thời, chuyển sinh hoạt, 213, xóa tên…',
        params: idParams,
        body: statusChangeSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await auditingRefusals(db, actor, req.ip, () =>
        db.transaction((tx) => applyStatusChange(tx, actor, req.params.id, req.body, req.ip)),
      );
      const m = (await findMember(db, req.params.id))!;
      const [periods, memberships] = await Promise.all([
        loadPeriods(db, [m.id]),
        loadMemberships(db, [m.id]),
      ]);
      return { id: m.id, status: statusOn(m, periods, memberships, todayIso()) };
    },
  );
}

export async function memberExportRoutes(app: App) {
  const { db } = app.ctx;
  typed(app).get(
    '/api/org-units/:id/members.xlsx',
    {
      schema: {
        tags: ['members'],
        summary: 'Xuất danh sách đảng viên của đơn vị (cả các đơn vị trực thuộc) ra Excel',
        params: idParams,
        querystring: z.object({ date: isoDate.optional() }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'member.read', unit.path);
      const out = await buildMembersXlsx(
        db,
        actor,
        unit,
        req.query.date ?? todayIso(),
        req.ip,
        app.ctx.config.exportSyncMaxRows,
      );
      return sendFile(
        reply,
        out.bytes,
        out.fileName,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    },
  );
}
