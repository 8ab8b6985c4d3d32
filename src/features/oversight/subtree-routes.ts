/**
 * The `?subtree=true` form of four existing list routes (issue 9, ADR 021): the query fields each
 * route adds to its schema, and the handlers it calls when `subtree=true`. Without it the routes
 * answer as before (the cell pages and the quality section read them so).
 *
 *   GET /api/org-units/{id}/meetings?subtree=true&month=&kind=&status=&rating=&limit=&cursor=
 *   GET /api/org-units/{id}/alerts?subtree=true&kind=&status=open|dismissed|resolved&limit=&cursor=
 *   GET /api/org-units/{id}/visits?subtree=true&from=&to=&limit=&cursor=
 *   GET /api/org-units/{id}/recommendations?subtree=true&open=&olderThanDays=&limit=&cursor=
 *
 * Each answers `{ items, total, nextCursor }`; `limit` 1–200 (default 50), above it a 400.
 */
import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import { INT4_MAX, intText, isoDate, isoMonth, queryBoolean } from '../../server/http.js';
import { MEETING_KIND_KEYS } from '../meetings/labels.js';
import {
  type AlertStatus,
  listSubtreeAlerts,
  listSubtreeMeetings,
  listSubtreeRecommendations,
  listSubtreeVisits,
  SUBTREE_MAX_LIMIT,
  subtreeScope,
} from './subtree-lists.js';

const paging = {
  subtree: queryBoolean.optional(),
  limit: intText(1, INT4_MAX, 'limit').optional(),
  cursor: z.string({ error: 'Con trỏ trang (cursor) phải là chuỗi ký tự' }).max(500).optional(),
};

export const SUBTREE_NOTE = `Với \`subtree=true\`: mọi dòng của toàn bộ đơn vị và các đơn vị trực thuộc trong phạm vi người dùng được xem, phân trang bằng con trỏ (\`cursor\` = \`nextCursor\` của trang trước), \`limit\` từ 1 đến ${SUBTREE_MAX_LIMIT}; trả về \`{ items, total, nextCursor }\`.`;

export const BANDS = ['tot', 'kha', 'trung_binh', 'kem'] as const;

/** Added to the query schema of GET /api/org-units/{id}/meetings. */
export const subtreeMeetingsQuery = {
  ...paging,
  month: isoMonth.optional(),
  kind: z.enum(MEETING_KIND_KEYS, { error: 'Loại buổi sinh hoạt không hợp lệ' }).optional(),
  status: z
    .enum(['planned', 'in_progress', 'held', 'cancelled'], { error: 'Trạng thái không hợp lệ' })
    .optional(),
  rating: z.enum(BANDS, { error: 'Xếp loại phải là tot, kha, trung_binh hoặc kem' }).optional(),
};

/** Added to the query schema of GET /api/org-units/{id}/alerts (its `kind` and `limit` are the route's own). */
export const subtreeAlertsQuery = {
  subtree: paging.subtree,
  cursor: paging.cursor,
  status: z
    .enum(['open', 'dismissed', 'resolved'], { error: 'Trạng thái phải là open, dismissed hoặc resolved' })
    .optional(),
};

/** Added to the query schema of GET /api/org-units/{id}/visits. */
export const subtreeVisitsQuery = { ...paging, from: isoDate.optional(), to: isoDate.optional() };

/** Added to the query schema of GET /api/org-units/{id}/recommendations (its `open` is the route's own). */
export const subtreeRecommendationsQuery = {
  ...paging,
  olderThanDays: intText(0, 36_500, 'Số ngày').optional(),
};

type Query<S extends Record<string, z.ZodType>> = { [K in keyof S]?: z.output<S[K]> | undefined };

export async function subtreeMeetings(
  ex: Executor,
  actor: Actor,
  unitId: number,
  q: Query<typeof subtreeMeetingsQuery>,
) {
  return listSubtreeMeetings(ex, await subtreeScope(ex, actor, unitId), q);
}

export async function subtreeAlerts(
  ex: Executor,
  actor: Actor,
  unitId: number,
  q: Query<typeof subtreeAlertsQuery> & { kind?: string | undefined; limit?: number | undefined },
) {
  const scope = await subtreeScope(ex, actor, unitId);
  return listSubtreeAlerts(ex, actor, scope, { ...q, status: q.status as AlertStatus | undefined });
}

export async function subtreeVisits(
  ex: Executor,
  actor: Actor,
  unitId: number,
  q: Query<typeof subtreeVisitsQuery>,
) {
  return listSubtreeVisits(ex, await subtreeScope(ex, actor, unitId), q);
}

export async function subtreeRecommendations(
  ex: Executor,
  actor: Actor,
  unitId: number,
  q: Query<typeof subtreeRecommendationsQuery> & { open?: boolean | undefined },
) {
  return listSubtreeRecommendations(ex, actor, await subtreeScope(ex, actor, unitId), q);
}
