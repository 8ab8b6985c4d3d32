import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { emptyCounts } from '../../domain/membership.js';
import { type Actor, authorize, can } from '../../server/access.js';
import {
  type App,
  actorOf,
  dbId,
  INT4_MAX,
  idParams,
  int4,
  isoDate,
  queryBoolean,
  typed,
} from '../../server/http.js';
import { countsForSubtree } from '../members/counts.js';
import { CELL_TYPE_KEYS, CELL_TYPES, UNIT_KIND_KEYS, UNIT_KINDS } from './labels.js';
import {
  createUnit,
  listChildren,
  listSubtree,
  moveUnit,
  pathIds,
  rulePackForUnit,
  scopeRoots,
  setArchived,
  type UnitRow,
  updateUnit,
  visibleAncestors,
  visibleUnit,
} from './service.js';

export function presentUnit(u: UnitRow, actor: Actor) {
  return {
    id: u.id,
    parentId: u.parent_id,
    name: u.name,
    kind: u.kind,
    kindLabel: UNIT_KINDS[u.kind] ?? u.kind,
    cellType: u.cell_type,
    cellTypeLabel: u.cell_type ? CELL_TYPES[u.cell_type] : null,
    code: u.code,
    depth: pathIds(u.path).length - 1,
    archived: u.archived_at !== null,
    permissions: {
      canManage: can(actor, 'unit.manage', u.path),
      canManageMembers: can(actor, 'member.manage', u.path),
      canImportMembers: can(actor, 'member.import', u.path),
      canReadAudit: can(actor, 'audit.read', u.path),
      canManageUsers: can(actor, 'user.manage', u.path),
      canSeeContacts: can(actor, 'member.readContact', u.path),
      canRunMeetings: can(actor, 'meeting.run', u.path),
      canManageMeetings: can(actor, 'meeting.manage', u.path),
    },
  };
}

async function unitDetail(ex: Executor, actor: Actor, u: UnitRow, date: string) {
  const counts = (await countsForSubtree(ex, u.path, date)).get(u.id) ?? emptyCounts();
  const ancestors = await visibleAncestors(ex, actor, u);
  // The pack is inherited through every ancestor, whether or not the actor can see it.
  const pack = await rulePackForUnit(ex, u.path, date);
  return {
    ...presentUnit(u, actor),
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    counts,
    countsDate: date,
    rulePack: { id: pack.id, version: pack.version, name: pack.name },
    /** The pack chosen on this unit itself; null when it follows the unit above. */
    rulePackSelected: u.rule_pack,
    warnings:
      u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so'
        ? [
            ...(counts.official < pack.organisation.minOfficialMembersPerCell
              ? [
                  `Chi bộ có ${counts.official} đảng viên chính thức, ít hơn mức tối thiểu ${pack.organisation.minOfficialMembersPerCell}.`,
                ]
              : []),
          ]
        : [],
    cellCommitteeExpected: counts.official >= pack.organisation.cellCommitteeFromOfficialMembers,
  };
}

const dateQuery = z.object({ date: isoDate.optional() });

export async function orgRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['org'];

  r.get(
    '/api/org-units',
    { schema: { tags, summary: 'Các đơn vị gốc trong phạm vi của người dùng' } },
    async (req) => {
      const actor = actorOf(req);
      const roots = await scopeRoots(db, actor);
      return { items: roots.map((u) => presentUnit(u, actor)), total: roots.length };
    },
  );

  r.get(
    '/api/org-units/:id',
    {
      schema: {
        tags,
        summary: 'Một đơn vị: thông tin, cấp trên, số lượng đảng viên tại một ngày',
        params: idParams,
        querystring: dateQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUnit(db, actor, req.params.id);
      return unitDetail(db, actor, u, req.query.date ?? todayIso());
    },
  );

  r.get(
    '/api/org-units/:id/children',
    {
      schema: {
        tags,
        summary: 'Các đơn vị trực thuộc, kèm số lượng đảng viên tại một ngày',
        params: idParams,
        querystring: dateQuery.extend({ includeArchived: queryBoolean.default(false) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUnit(db, actor, req.params.id);
      const date = req.query.date ?? todayIso();
      const [children, counts] = await Promise.all([
        listChildren(db, u.id, req.query.includeArchived),
        countsForSubtree(db, u.path, date),
      ]);
      const items = children.map((c) => ({
        ...presentUnit(c, actor),
        counts: counts.get(c.id) ?? emptyCounts(),
      }));
      return { items, total: items.length, date };
    },
  );

  r.get(
    '/api/org-units/:id/tree',
    {
      schema: {
        tags,
        summary: 'Toàn bộ cây đơn vị bên dưới (để hiển thị cây), kèm số lượng đảng viên',
        params: idParams,
        querystring: dateQuery.extend({ includeArchived: queryBoolean.default(false) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUnit(db, actor, req.params.id);
      const date = req.query.date ?? todayIso();
      const [units, counts] = await Promise.all([
        listSubtree(db, u, req.query.includeArchived),
        countsForSubtree(db, u.path, date),
      ]);
      const items = units.map((x) => ({
        ...presentUnit(x, actor),
        counts: counts.get(x.id) ?? emptyCounts(),
      }));
      return { items, total: items.length, date };
    },
  );

  r.post(
    '/api/org-units',
    {
      schema: {
        tags,
        summary: 'Tạo đơn vị trực thuộc',
        body: z.object({
          parentId: dbId,
          name: z.string().trim().min(2, 'Tên đơn vị quá ngắn').max(200),
          kind: z.enum(UNIT_KIND_KEYS),
          cellType: z.enum(CELL_TYPE_KEYS).nullish(),
          code: z.string().trim().max(50).nullish(),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const u = await db.transaction((tx) => createUnit(tx, actor, req.body, req.ip));
      reply.code(201);
      return presentUnit(u, actor);
    },
  );

  r.patch(
    '/api/org-units/:id',
    {
      schema: {
        tags,
        summary: 'Đổi tên, loại hình hoặc mã đơn vị',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(2, 'Tên đơn vị quá ngắn').max(200).optional(),
          kind: z.enum(UNIT_KIND_KEYS).optional(),
          cellType: z.enum(CELL_TYPE_KEYS).nullish(),
          code: z.string().trim().max(50).nullish(),
          sortOrder: int4(-INT4_MAX, INT4_MAX).optional(),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await db.transaction((tx) => updateUnit(tx, actor, req.params.id, req.body, req.ip));
      return presentUnit(u, actor);
    },
  );

  r.post(
    '/api/org-units/:id/move',
    {
      schema: {
        tags,
        summary: 'Chuyển đơn vị (cùng toàn bộ cấp dưới) sang đơn vị cấp trên khác',
        params: idParams,
        body: z.object({ parentId: dbId }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await db.transaction((tx) => moveUnit(tx, actor, req.params.id, req.body.parentId, req.ip));
      return presentUnit(u, actor);
    },
  );

  for (const [suffix, archived, summary] of [
    ['archive', true, 'Lưu trữ đơn vị (khi không còn đảng viên đang sinh hoạt)'],
    ['unarchive', false, 'Khôi phục đơn vị đã lưu trữ'],
  ] as const) {
    r.post(`/api/org-units/:id/${suffix}`, { schema: { tags, summary, params: idParams } }, async (req) => {
      const actor = actorOf(req);
      const u = await db.transaction((tx) => setArchived(tx, actor, req.params.id, archived, req.ip));
      return presentUnit(u, actor);
    });
  }

  r.get(
    '/api/org-units/:id/counts',
    {
      schema: {
        tags,
        summary: 'Số lượng đảng viên theo tình trạng tại một ngày',
        params: idParams,
        querystring: dateQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'unit.read', u.path);
      const date = req.query.date ?? todayIso();
      return {
        unitId: u.id,
        date,
        ...((await countsForSubtree(db, u.path, date)).get(u.id) ?? emptyCounts()),
      };
    },
  );

  r.get(
    '/api/reference/org',
    { schema: { tags, summary: 'Danh mục loại đơn vị và loại hình chi bộ' } },
    async () => ({
      unitKinds: UNIT_KIND_KEYS.map((k) => ({ value: k, label: UNIT_KINDS[k] })),
      cellTypes: CELL_TYPE_KEYS.map((k) => ({ value: k, label: CELL_TYPES[k] })),
    }),
  );
}
