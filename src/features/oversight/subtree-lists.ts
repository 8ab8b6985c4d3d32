/**
 * Every meeting, alert, visit and recommendation of a unit's subtree, filtered and keyset-paged
 * (issue 9, ADR 021 "Subtree lists"). One paging scheme for the four lists:
 *
 * - Order: a sort key (a time or a day) and the row id as tie-breaker; the cursor carries the
 *   last row's pair, so a page is `(key, id) < (last)` — no OFFSET, no page drifts when rows
 *   are added above it.
 * - Two plans, chosen by the size of the subtree. A big one (a province) walks the table's
 *   `(key, id)` index newest first and keeps the rows whose unit lies in the subtree: most rows
 *   do, so a page reads about `limit` rows. A small one (a ward of 20 cells among 10.000) takes
 *   the newest `limit + 1` rows of each unit through `(unit_id, key, id)` and merges them: at most
 *   units × (limit + 1) index rows, never the subtree's whole history.
 * - `total` is counted with the same filters on the first page only and carried in the cursor.
 *
 * Scope (house rule 2): staff and cell roles list the subtree of a unit they can read; a
 * supervisor asking about a unit above their cells sees those cells only. Otherwise 404.
 */
import type { Executor } from '../../db/executor.js';
import { percentHalfUp, todayIso } from '../../domain/format.js';
import { type Actor, can } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';
import {
  MEETING_KINDS,
  MEETING_STATUSES,
  type MeetingKindKey,
  type MeetingStatus,
} from '../meetings/labels.js';
import { isoLocal } from '../meetings/time.js';
import { findUnit } from '../org/service.js';
import { ALERT_KINDS } from './alerts.js';
import { type CursorList, decodeCursor, encodeCursor, type KeyShape } from './subtree-cursor.js';

/** Most rows one page may ask for; above it the request is refused (never silently capped). */
export const SUBTREE_MAX_LIMIT = 200;
export const SUBTREE_DEFAULT_LIMIT = 50;
/** Up to this many units in scope, a page merges each unit's newest rows; above it, one index walk. */
export const PER_UNIT_PLAN_MAX_UNITS = 300;

export interface SubtreeScope {
  unit: { id: number; path: string; name: string };
  /** Path prefixes (each a subtree root) of the rows the actor may list, all inside the unit. */
  paths: string[];
}

/**
 * The part of a unit's subtree the actor may list: the whole subtree when they may read meetings
 * at the unit; a supervisor's assigned units inside it otherwise; else 404 as if absent.
 */
export async function subtreeScope(ex: Executor, actor: Actor, unitId: number): Promise<SubtreeScope> {
  const u = await findUnit(ex, unitId);
  if (!u) throw notFound('đơn vị');
  const unit = { id: u.id, path: u.path, name: u.name };
  if (can(actor, 'meeting.read', u.path)) return { unit, paths: [u.path] };
  const below = actor.grants
    .filter((g) => g.role === 'supervisor' && g.path.startsWith(u.path))
    .map((g) => g.path);
  const paths = [...new Set(below.filter((p) => !below.some((q) => q !== p && p.startsWith(q))))];
  if (paths.length === 0) throw notFound('đơn vị');
  return { unit, paths };
}

export interface PageInput {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export function checkLimit(limit: number | undefined): number {
  const n = limit ?? SUBTREE_DEFAULT_LIMIT;
  if (n > SUBTREE_MAX_LIMIT)
    throw new AppError(
      'VALIDATION_FAILED',
      `Mỗi trang lấy tối đa ${SUBTREE_MAX_LIMIT} dòng (limit từ 1 đến ${SUBTREE_MAX_LIMIT}).`,
      { field: 'limit', max: SUBTREE_MAX_LIMIT },
    );
  return n;
}

type Param = (value: unknown) => string;

interface ListSpec {
  list: CursorList;
  table: string;
  /** Sort column of the table (alias `t`), and whether it is an instant or a day. */
  key: string;
  shape: KeyShape;
  dir: 'asc' | 'desc';
  /** WHERE fragments on alias `t`, the values bound through `p`. */
  filters: (p: Param) => string[];
}

interface PageRow {
  id: number;
  k: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
}

function binder() {
  const values: unknown[] = [];
  const p: Param = (v) => `$${values.push(v)}`;
  return { values, p };
}

const pathClause = (paths: string[], p: Param) =>
  `(${paths.map((path) => `u.path LIKE ${p(`${path}%`)}`).join(' OR ')})`;

/** One page of ids (with the unit of each) in the list's order, the total and the next cursor. */
async function pageIds(
  ex: Executor,
  scope: SubtreeScope,
  spec: ListSpec,
  input: PageInput,
): Promise<{ rows: PageRow[]; total: number; nextCursor: string | null }> {
  const limit = checkLimit(input.limit);
  const cursor = input.cursor ? decodeCursor(spec.list, spec.shape, input.cursor) : null;
  const keyText =
    spec.shape === 'instant'
      ? `to_char(t.${spec.key} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`
      : `to_char(t.${spec.key}, 'YYYY-MM-DD')`;
  const dir = spec.dir === 'desc' ? 'DESC' : 'ASC';
  const cmp = spec.dir === 'desc' ? '<' : '>';
  const keyed = (p: Param) => {
    const where = spec.filters(p);
    if (cursor) {
      const k =
        spec.shape === 'instant'
          ? `(${p(cursor.key)}::timestamp AT TIME ZONE 'UTC')`
          : `${p(cursor.key)}::date`;
      where.push(`(t.${spec.key}, t.id) ${cmp} (${k}, ${p(cursor.id)}::int)`);
    }
    return where;
  };

  let total = cursor?.total ?? 0;
  if (!cursor) {
    const c = binder();
    const where = [pathClause(scope.paths, c.p), ...spec.filters(c.p)];
    const [row] = await ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${spec.table} t JOIN org_units u ON u.id = t.unit_id WHERE ${where.join(' AND ')}`,
      c.values,
    );
    total = row?.n ?? 0;
  }

  const units = binder();
  const [{ n: unitCount } = { n: 0 }] = await ex.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM org_units u WHERE ${pathClause(scope.paths, units.p)}`,
    units.values,
  );
  const q = binder();
  let rows: PageRow[];
  if (unitCount <= PER_UNIT_PLAN_MAX_UNITS) {
    const path = pathClause(scope.paths, q.p);
    const where = ['t.unit_id = u.id', ...keyed(q.p)];
    const n = q.p(limit + 1);
    rows = await ex.query<PageRow>(
      `SELECT x.id, x.k, u.id AS unit_id, u.name AS unit_name, u.path AS unit_path
         FROM org_units u
         CROSS JOIN LATERAL (
           SELECT t.id, t.${spec.key} AS kv, ${keyText} AS k FROM ${spec.table} t
            WHERE ${where.join(' AND ')}
            ORDER BY t.${spec.key} ${dir}, t.id ${dir} LIMIT ${n}) x
        WHERE ${path}
        ORDER BY x.kv ${dir}, x.id ${dir} LIMIT ${n}`,
      q.values,
    );
  } else {
    const where = [pathClause(scope.paths, q.p), ...keyed(q.p)];
    rows = await ex.query<PageRow>(
      `SELECT t.id, ${keyText} AS k, u.id AS unit_id, u.name AS unit_name, u.path AS unit_path
         FROM ${spec.table} t JOIN org_units u ON u.id = t.unit_id
        WHERE ${where.join(' AND ')}
        ORDER BY t.${spec.key} ${dir}, t.id ${dir} LIMIT ${q.p(limit + 1)}`,
      q.values,
    );
  }
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    total,
    nextCursor: more && last ? encodeCursor(spec.list, { key: last.k, id: last.id, total }) : null,
  };
}

/** Details of the page's rows by id, returned in the page's order. */
async function detailsInOrder<D extends { id: number }, T>(
  ex: Executor,
  rows: PageRow[],
  sql: string,
  present: (row: PageRow, d: D) => T,
): Promise<T[]> {
  if (rows.length === 0) return [];
  const found = await ex.query<D>(sql, [rows.map((r) => r.id)]);
  const byId = new Map(found.map((d) => [d.id, d]));
  return rows.flatMap((r) => {
    const d = byId.get(r.id);
    return d ? [present(r, d)] : [];
  });
}

// ---- meetings ------------------------------------------------------------------------------------

export interface MeetingFilters {
  /** YYYY-MM, the local month (Asia/Ho_Chi_Minh) of the scheduled time. */
  month?: string | undefined;
  kind?: MeetingKindKey | undefined;
  status?: MeetingStatus | undefined;
  /** Band key of the final rating (the supervisor's confirmed score, else the cell's). */
  rating?: string | undefined;
}

/** The final score of a meeting as the month rows take it: the supervisor's confirmed, else the cell's. */
const FINAL_SCORE = `SELECT s.scorer, s.band, s.total FROM meeting_scores s
  WHERE s.meeting_id = t.id AND s.confirmed_at IS NOT NULL
  ORDER BY (s.scorer = 'supervisor') DESC, s.revision DESC LIMIT 1`;

/**
 * The same rule as FINAL_SCORE, as a filter the planner can run set-based (a semi-join and an
 * anti-join over the confirmed scores) when it counts a province: a confirmed score with the band
 * asked for, with no later confirmed revision of its column and, for the cell's column, no
 * confirmed supervisor's score.
 */
const finalBandIs = (band: string) => `EXISTS (
  SELECT 1 FROM meeting_scores s WHERE s.meeting_id = t.id AND s.confirmed_at IS NOT NULL AND s.band = ${band}
     AND NOT EXISTS (SELECT 1 FROM meeting_scores s2
                      WHERE s2.meeting_id = s.meeting_id AND s2.confirmed_at IS NOT NULL
                        AND ((s2.scorer = s.scorer AND s2.revision > s.revision)
                             OR (s.scorer = 'cell' AND s2.scorer = 'supervisor'))))`;

export async function listSubtreeMeetings(ex: Executor, scope: SubtreeScope, f: MeetingFilters & PageInput) {
  const page = await pageIds(
    ex,
    scope,
    {
      list: 'meetings',
      table: 'meetings',
      key: 'scheduled_at',
      shape: 'instant',
      dir: 'desc',
      filters: (p) => {
        const w: string[] = [];
        if (f.month) {
          const first = p(`${f.month}-01`);
          w.push(
            `t.scheduled_at >= (${first}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
            `t.scheduled_at < (${first}::date + interval '1 month') AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
          );
        }
        if (f.kind) w.push(`t.kind = ${p(f.kind)}`);
        if (f.status) w.push(`t.status = ${p(f.status)}`);
        if (f.rating) w.push(finalBandIs(p(f.rating)));
        return w;
      },
    },
    f,
  );
  const items = await detailsInOrder(
    ex,
    page.rows,
    `SELECT t.id, t.kind, t.status, t.title, t.thematic_topic, t.scheduled_at, t.started_at, t.ended_at, t.place,
            t.att_present, t.att_summoned, fs.scorer, fs.band, fs.total,
            EXISTS (SELECT 1 FROM meeting_record_versions r WHERE r.meeting_id = t.id AND r.status = 'adopted') AS minutes_adopted
       FROM meetings t LEFT JOIN LATERAL (${FINAL_SCORE}) fs ON true
      WHERE t.id = ANY($1::int[])`,
    (
      r,
      m: {
        id: number;
        kind: MeetingKindKey;
        status: MeetingStatus;
        title: string;
        thematic_topic: string | null;
        scheduled_at: Date;
        started_at: Date | null;
        ended_at: Date | null;
        place: string | null;
        att_present: number | null;
        att_summoned: number | null;
        scorer: 'cell' | 'supervisor' | null;
        band: string | null;
        total: string | null;
        minutes_adopted: boolean;
      },
    ) => ({
      id: m.id,
      orgUnitId: r.unit_id,
      orgUnitName: r.unit_name,
      kind: m.kind,
      kindLabel: MEETING_KINDS[m.kind] ?? m.kind,
      status: m.status,
      statusLabel: MEETING_STATUSES[m.status] ?? m.status,
      title: m.title,
      thematicTopic: m.thematic_topic,
      scheduledAt: isoLocal(m.scheduled_at)!,
      startedAt: isoLocal(m.started_at),
      endedAt: isoLocal(m.ended_at),
      place: m.place,
      attendance:
        m.att_present !== null && m.att_summoned !== null
          ? {
              present: m.att_present,
              base: m.att_summoned,
              percent: m.att_summoned > 0 ? percentHalfUp(m.att_present, m.att_summoned) : null,
            }
          : null,
      rating: m.band
        ? { band: m.band, score: m.total === null ? null : Number(m.total), scorer: m.scorer }
        : null,
      minutesAdopted: m.minutes_adopted,
    }),
  );
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export type SubtreeMeeting = Awaited<ReturnType<typeof listSubtreeMeetings>>['items'][number];

// ---- alerts --------------------------------------------------------------------------------------

export type AlertStatus = 'open' | 'dismissed' | 'resolved';

export async function listSubtreeAlerts(
  ex: Executor,
  actor: Actor,
  scope: SubtreeScope,
  f: { kind?: string | undefined; status?: AlertStatus | undefined } & PageInput,
) {
  const status = f.status ?? 'open';
  const page = await pageIds(
    ex,
    scope,
    {
      list: 'alerts',
      table: 'alerts',
      key: 'opened_at',
      shape: 'instant',
      dir: 'desc',
      filters: (p) => [
        status === 'open'
          ? 't.resolved_at IS NULL'
          : status === 'dismissed'
            ? 't.dismissed_at IS NOT NULL'
            : 't.resolved_at IS NOT NULL AND t.dismissed_at IS NULL',
        ...(f.kind ? [`t.kind = ${p(f.kind)}`] : []),
      ],
    },
    f,
  );
  const items = await detailsInOrder(
    ex,
    page.rows,
    `SELECT t.id, t.kind, t.severity, t.title, t.detail, t.link, t.member_id, t.meeting_id, t.due_date::text AS due_date,
            t.opened_at, t.resolved_at, t.dismissed_at, t.dismiss_note
       FROM alerts t WHERE t.id = ANY($1::int[])`,
    (
      r,
      a: {
        id: number;
        kind: string;
        severity: string;
        title: string;
        detail: string | null;
        link: string | null;
        member_id: number | null;
        meeting_id: number | null;
        due_date: string | null;
        opened_at: Date;
        resolved_at: Date | null;
        dismissed_at: Date | null;
        dismiss_note: string | null;
      },
    ) => ({
      id: a.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      kind: a.kind,
      kindLabel: ALERT_KINDS[a.kind as keyof typeof ALERT_KINDS] ?? a.kind,
      severity: a.severity,
      title: a.title,
      detail: a.detail,
      link: a.link,
      memberId: a.member_id,
      meetingId: a.meeting_id,
      dueDate: a.due_date,
      status: (a.dismissed_at ? 'dismissed' : a.resolved_at ? 'resolved' : 'open') as AlertStatus,
      openedAt: isoLocal(a.opened_at)!,
      resolvedAt: isoLocal(a.resolved_at),
      dismissNote: a.dismiss_note,
      canDismiss: !a.resolved_at && can(actor, 'meeting.manage', r.unit_path),
    }),
  );
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export type SubtreeAlert = Awaited<ReturnType<typeof listSubtreeAlerts>>['items'][number];

// ---- visits --------------------------------------------------------------------------------------

export async function listSubtreeVisits(
  ex: Executor,
  scope: SubtreeScope,
  f: { from?: string | undefined; to?: string | undefined } & PageInput,
) {
  const page = await pageIds(
    ex,
    scope,
    {
      list: 'visits',
      table: 'supervision_visits',
      key: 'visited_on',
      shape: 'day',
      dir: 'desc',
      filters: (p) => [
        ...(f.from ? [`t.visited_on >= ${p(f.from)}::date`] : []),
        ...(f.to ? [`t.visited_on <= ${p(f.to)}::date`] : []),
      ],
    },
    f,
  );
  const items = await detailsInOrder(
    ex,
    page.rows,
    `SELECT t.id, t.visited_on::text AS visited_on, t.comments, t.meeting_id, us.display_name AS supervisor
       FROM supervision_visits t JOIN users us ON us.id = t.supervisor_id WHERE t.id = ANY($1::int[])`,
    (
      r,
      v: {
        id: number;
        visited_on: string;
        comments: string | null;
        meeting_id: number | null;
        supervisor: string;
      },
    ) => ({
      id: v.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      visitedOn: v.visited_on,
      supervisor: v.supervisor,
      meetingId: v.meeting_id,
      comments: v.comments,
    }),
  );
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export type SubtreeVisit = Awaited<ReturnType<typeof listSubtreeVisits>>['items'][number];

// ---- recommendations -----------------------------------------------------------------------------

function daysBefore(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Oldest first: the longest-waiting kiến nghị lead the list. */
export async function listSubtreeRecommendations(
  ex: Executor,
  actor: Actor,
  scope: SubtreeScope,
  f: { open?: boolean | undefined; olderThanDays?: number | undefined } & PageInput,
) {
  const today = todayIso();
  const page = await pageIds(
    ex,
    scope,
    {
      list: 'recommendations',
      table: 'recommendations',
      key: 'raised_on',
      shape: 'day',
      dir: 'asc',
      filters: (p) => [
        ...(f.open === true ? ['t.closed_at IS NULL'] : f.open === false ? ['t.closed_at IS NOT NULL'] : []),
        ...(f.olderThanDays !== undefined
          ? [`t.raised_on <= ${p(daysBefore(today, f.olderThanDays))}::date`]
          : []),
      ],
    },
    f,
  );
  const items = await detailsInOrder(
    ex,
    page.rows,
    `SELECT t.id, t.raised_on::text AS raised_on, t.content, t.answer, t.answered_at, t.closed_at, us.display_name AS raised_by
       FROM recommendations t LEFT JOIN users us ON us.id = t.raised_by WHERE t.id = ANY($1::int[])`,
    (
      r,
      x: {
        id: number;
        raised_on: string;
        content: string;
        answer: string | null;
        answered_at: Date | null;
        closed_at: Date | null;
        raised_by: string | null;
      },
    ) => ({
      id: x.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      raisedOn: x.raised_on,
      raisedBy: x.raised_by,
      ageDays: Math.floor((Date.parse(today) - Date.parse(x.raised_on)) / 86_400_000),
      content: x.content,
      answer: x.answer,
      answeredAt: isoLocal(x.answered_at),
      closed: x.closed_at !== null,
      closedAt: isoLocal(x.closed_at),
      canAnswer: x.closed_at === null && can(actor, 'meeting.manage', r.unit_path),
    }),
  );
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export type SubtreeRecommendation = Awaited<ReturnType<typeof listSubtreeRecommendations>>['items'][number];
