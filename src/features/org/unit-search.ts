/**
 * Unit pickers at province scale (ADR 032): the units of a subtree, searched by name and paged by
 * cursor, instead of the whole `/tree` (which stops at 2.000 units). A search uses the trigram
 * index on the folded name (migration 0028) restricted by `path LIKE`; no search walks the
 * (depth, folded name, name, id) index or the subtree's path range with a LIMIT. Either way the cost of a page
 * follows the page and the subtree asked about, never the whole tree.
 */
import { z } from 'zod';
import { type Capability, can, scopePrefixes } from '../../server/access.js';
import { type App, actorOf, idParams, queryBoolean, typed } from '../../server/http.js';
import { intText } from '../../server/input-schemas.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../oversight/subtree-cursor.js';
import { CELL_KINDS, type CellType, type UnitKind } from './labels.js';
import { pathIds, visibleUnit } from './service.js';

/** `limit` from 1 to this (default 20). */
export const UNIT_SEARCH_MAX_LIMIT = 50;
/** The first page counts the matches up to this; above it `totalCapped` is true. */
export const UNIT_SEARCH_COUNT_CAP = 1000;

export const UNIT_SEARCH_KINDS = ['all', 'cells', 'committees'] as const;
/** What a picker may narrow to: the units where the actor may also do this (a grant's subtree). */
export const UNIT_SEARCH_CAPABILITIES = [
  'unit.read',
  'unit.manage',
  'member.manage',
  'user.manage',
  'audit.read',
] as const satisfies readonly Capability[];

interface FoundRow {
  id: number;
  name: string;
  kind: UnitKind;
  cell_type: CellType | null;
  path: string;
  parent_id: number | null;
  depth: number;
  parent_name: string | null;
  parent_path: string | null;
  archived: boolean;
}

/** `%`, `_` and `\` typed by the user are letters, not patterns (LIKE's escape is `\`). */
function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const querystring = z.object({
  q: z
    .string({ error: 'Từ khóa tìm kiếm (q) phải là chữ' })
    .max(100, 'Từ khóa tìm kiếm (q) dài nhất 100 ký tự.')
    .optional(),
  kind: z
    .enum(UNIT_SEARCH_KINDS, {
      error: 'Loại đơn vị (kind) phải là all (tất cả), cells (chi bộ) hoặc committees (cấp ủy, đảng bộ).',
    })
    .default('all'),
  capability: z
    .enum(UNIT_SEARCH_CAPABILITIES, {
      error: `Quyền cần có (capability) phải là một trong: ${UNIT_SEARCH_CAPABILITIES.join(', ')}.`,
    })
    .default('unit.read'),
  includeArchived: queryBoolean.default(false),
  limit: intText(1, UNIT_SEARCH_MAX_LIMIT, 'Số đơn vị mỗi trang (limit)').default(20),
  cursor: z.string({ error: 'Con trỏ trang (cursor) phải là chuỗi ký tự' }).max(800).optional(),
});

export async function unitSearchRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);

  r.get(
    '/api/org-units/:id/units',
    {
      schema: {
        tags: ['org'],
        summary: 'Tìm đơn vị trong cây bên dưới một đơn vị (cho ô chọn đơn vị)',
        description: [
          'Các đơn vị thuộc cây của `:id` (kể cả chính nó) mà người dùng được xem; ngoài phạm vi trả về 404.',
          '`q` (0–100 ký tự): tìm theo tên, không phân biệt hoa thường và dấu ("khu pho" tìm được "Khu phố").',
          '`kind`: `all` (mặc định), `cells` (chi bộ, chi bộ cơ sở) hoặc `committees` (các đơn vị không phải chi bộ).',
          '`capability` (mặc định `unit.read`): chỉ các đơn vị người dùng có quyền này (ví dụ `user.manage` cho ô chọn đơn vị khi quản lý tài khoản).',
          '`includeArchived` (mặc định false): gồm cả đơn vị đã lưu trữ.',
          `Phân trang bằng con trỏ: \`limit\` từ 1 đến ${UNIT_SEARCH_MAX_LIMIT} (mặc định 20), \`cursor\` = \`nextCursor\` của trang trước.`,
          'Thứ tự: cấp (đơn vị ở cấp cao hơn trước), rồi tên không dấu, rồi tên, rồi mã số (đơn vị chưa có khóa sắp xếp tiếng Việt riêng).',
          `Trả về \`{ items: [{ id, name, kind, cellType, path, parentId, depth, parentName, archived }], total, totalCapped, nextCursor }\`; \`total\` được đếm ở trang đầu, tối đa ${UNIT_SEARCH_COUNT_CAP} (\`totalCapped\` = true khi nhiều hơn).`,
        ].join(' '),
        params: idParams,
        querystring,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const root = await visibleUnit(db, actor, req.params.id);
      const { limit, includeArchived, kind, capability } = req.query;
      const cursor = req.query.cursor ? decodeCursor('units', 'text', req.query.cursor) : null;
      if (cursor && !/^\d{1,4}$/.test(cursor.key)) throw invalidCursor();

      const params: unknown[] = [];
      const add = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      // Every descendant of a visible unit is visible (scopes are path prefixes).
      const where = [`u.path LIKE ${add(`${root.path}%`)}`];
      if (capability !== 'unit.read') {
        where.push(`u.path LIKE ANY(${add(scopePrefixes(actor, capability))}::text[])`);
      }
      if (!includeArchived) where.push('u.archived_at IS NULL');
      if (kind === 'cells') where.push(`u.kind = ANY(${add(CELL_KINDS)}::text[])`);
      if (kind === 'committees') where.push(`u.kind <> ALL(${add(CELL_KINDS)}::text[])`);
      const q = req.query.q?.trim().normalize('NFC');
      if (q) where.push(`chibo_fold(u.name) LIKE chibo_fold(${add(`%${escapeLike(q)}%`)})`);
      const filter = where.join(' AND ');

      let total = cursor?.total;
      if (total === undefined) {
        const [c] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM org_units u WHERE ${filter} LIMIT ${UNIT_SEARCH_COUNT_CAP + 1}) x`,
          params,
        );
        total = c?.n ?? 0;
      }

      let after = '';
      if (cursor) {
        const id = add(cursor.id);
        after = `AND (u.depth, chibo_fold(u.name), u.name, u.id) > (${add(Number(cursor.key))}::int,
          (SELECT chibo_fold(name) FROM org_units WHERE id = ${id}::int), (SELECT name FROM org_units WHERE id = ${id}::int), ${id}::int)`;
      }
      const rows = await db.query<FoundRow>(
        `SELECT u.id, u.name, u.kind, u.cell_type, u.path, u.parent_id, u.depth, p.name AS parent_name, p.path AS parent_path,
                u.archived_at IS NOT NULL AS archived
           FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id
          WHERE ${filter} ${after}
          ORDER BY u.depth, chibo_fold(u.name), u.name, u.id LIMIT ${add(limit + 1)}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor('units', { key: String(last.depth), id: last.id, total })
          : null;
      return {
        items: page.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          cellType: u.cell_type,
          path: u.path,
          parentId: u.parent_id,
          depth: pathIds(u.path).length - 1,
          // The unit above only when the caller may see it (like the ancestors of /org-units/:id).
          parentName: u.parent_path && can(actor, 'unit.read', u.parent_path) ? u.parent_name : null,
          archived: u.archived,
        })),
        total: Math.min(total, UNIT_SEARCH_COUNT_CAP),
        totalCapped: total > UNIT_SEARCH_COUNT_CAP,
        nextCursor,
      };
    },
  );
}
