import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { emptyCounts, type UnitMemberCounts } from '../../domain/membership.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
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
import { intText } from '../../server/input-schemas.js';
import { countsForSubtree } from '../members/counts.js';
import { summaryCounts } from '../members/member-counts.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../oversight/subtree-cursor.js';
import { CELL_TYPE_KEYS, CELL_TYPES, UNIT_KIND_KEYS, UNIT_KINDS } from './labels.js';
import {
  createUnit,
  listSubtree,
  moveUnit,
  pathIds,
  rulePackForUnit,
  scopeRoots,
  setArchived,
  UNIT_COLS,
  type UnitRow,
  updateUnit,
  visibleAncestors,
  visibleUnit,
} from './service.js';
import { unitSearchRoutes } from './unit-search.js';

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

/** The most units `/tree` answers in one response; above it TREE_TOO_LARGE (walk `/children`). */
export const TREE_MAX_UNITS = 2000;
/** `/children` pages: `limit` from 1 to this (default 50). */
export const CHILDREN_MAX_LIMIT = 200;

/**
 * Subtree member counts of `ids` (units of the subtree at `root`) on `date`: today's from the
 * summary rows (one row per unit, ADR 027); another day computed live over `root`'s subtree only
 * (countsForSubtree: two indexed scans of that subtree's memberships and periods).
 */
export async function unitCounts(
  ex: Executor,
  root: Pick<UnitRow, 'path'>,
  ids: readonly number[],
  date: string,
): Promise<Map<number, UnitMemberCounts>> {
  if (date === todayIso()) {
    const rows = await summaryCounts(ex, ids, date);
    return new Map(ids.map((id) => [id, rows.get(id)?.subtree ?? emptyCounts()]));
  }
  return countsForSubtree(ex, root.path, date);
}

async function unitDetail(ex: Executor, actor: Actor, u: UnitRow, date: string) {
  const counts = (await unitCounts(ex, u, [u.id], date)).get(u.id) ?? emptyCounts();
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
  await unitSearchRoutes(app);

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
        description: `Phân trang bằng con trỏ: \`limit\` từ 1 đến ${CHILDREN_MAX_LIMIT} (mặc định 50), \`cursor\` = \`nextCursor\` của trang trước; trả về \`{ items, total, nextCursor, date }\`. Thứ tự: sort_order, tên, mã số.`,
        params: idParams,
        querystring: dateQuery.extend({
          includeArchived: queryBoolean.default(false),
          limit: intText(1, CHILDREN_MAX_LIMIT, 'limit').default(50),
          cursor: z.string({ error: 'Con trỏ trang (cursor) phải là chuỗi ký tự' }).max(800).optional(),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUnit(db, actor, req.params.id);
      const date = req.query.date ?? todayIso();
      const { limit, includeArchived } = req.query;
      const cursor = req.query.cursor ? decodeCursor('children', 'text', req.query.cursor) : null;
      if (cursor && !/^-?\d{1,10}$/.test(cursor.key)) throw invalidCursor();
      const archived = includeArchived ? '' : 'AND archived_at IS NULL';
      const params: unknown[] = [u.id, limit + 1];
      let after = '';
      if (cursor) {
        params.push(Number(cursor.key), cursor.id);
        after = `AND (sort_order, name, id) > ($3::int, (SELECT name FROM org_units WHERE id = $4), $4::int)`;
      }
      const rows = await db.query<UnitRow>(
        `SELECT ${UNIT_COLS} FROM org_units WHERE parent_id = $1 ${archived} ${after}
          ORDER BY sort_order, name, id LIMIT $2`,
        params,
      );
      const page = rows.slice(0, limit);
      let total = cursor?.total;
      if (total === undefined) {
        const [c] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM org_units WHERE parent_id = $1 ${archived}`,
          [u.id],
        );
        total = c?.n ?? 0;
      }
      const counts =
        page.length > 0
          ? await unitCounts(
              db,
              u,
              page.map((c) => c.id),
              date,
            )
          : new Map();
      const items = page.map((c) => ({
        ...presentUnit(c, actor),
        counts: counts.get(c.id) ?? emptyCounts(),
      }));
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor('children', { key: String(last.sort_order), id: last.id, total })
          : null;
      return { items, total, nextCursor, date };
    },
  );

  r.get(
    '/api/org-units/:id/tree',
    {
      schema: {
        tags,
        summary: 'Toàn bộ cây đơn vị bên dưới (để hiển thị cây), kèm số lượng đảng viên',
        description: `Tối đa ${TREE_MAX_UNITS} đơn vị; cây lớn hơn trả về 413 TREE_TOO_LARGE (hãy mở từng cấp bằng /children).`,
        params: idParams,
        querystring: dateQuery.extend({ includeArchived: queryBoolean.default(false) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUnit(db, actor, req.params.id);
      const date = req.query.date ?? todayIso();
      const [size] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM org_units WHERE path LIKE $1 ${req.query.includeArchived ? '' : 'AND archived_at IS NULL'}`,
        [`${u.path}%`],
      );
      if ((size?.n ?? 0) > TREE_MAX_UNITS) {
        throw new AppError('TREE_TOO_LARGE', undefined, { units: size?.n, max: TREE_MAX_UNITS });
      }
      const units = await listSubtree(db, u, req.query.includeArchived);
      const counts = await unitCounts(
        db,
        u,
        units.map((x) => x.id),
        date,
      );
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
        ...((await unitCounts(db, u, [u.id], date)).get(u.id) ?? emptyCounts()),
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
