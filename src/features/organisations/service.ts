/**
 * The organisations of the locality a cell gives tasks to (issue 11 item 6, ADR 025 part E):
 * Mặt trận, Phụ nữ, Đoàn Thanh niên, Nông dân, Cựu chiến binh, công an viên, dân quân. A task set
 * in a meeting may be given to one (with or without member owners); its report is recorded at
 * the review of the task at a later meeting (src/features/meetings/follow-up.ts).
 *
 * Read with `meeting.read`, kept with `meeting.manage` over the cell. The contact's phone is
 * personal data: only readers with `member.readContact` get it. An organisation is deactivated,
 * never deleted (there is no delete route): tasks keep pointing at it.
 */
import type { Executor } from '../../db/executor.js';
import { type Actor, authorize, type Capability, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { isCellKind } from '../org/labels.js';
import { type UnitRow, visibleUnit } from '../org/service.js';
import {
  ORGANISATION_KINDS,
  type OrganisationInput,
  type OrganisationKind,
  type OrganisationPatch,
} from './schema.js';

export async function cellForOrganisations(
  ex: Executor,
  actor: Actor,
  id: number,
  cap: Extract<Capability, 'meeting.read' | 'meeting.manage'>,
): Promise<UnitRow> {
  const unit = await visibleUnit(ex, actor, id);
  authorize(actor, cap, unit.path);
  if (!isCellKind(unit.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Chỉ chi bộ mới giao nhiệm vụ cho tổ chức ở địa bàn.', {
      field: 'id',
    });
  }
  if (cap === 'meeting.manage' && unit.archived_at) throw new AppError('UNIT_ARCHIVED');
  return unit;
}

/** A task may be given only to an active organisation of the meeting's own cell; returns its name. */
export async function assertTaskOrganisation(
  tx: Executor,
  unitId: number,
  organisationId: number,
): Promise<string> {
  const [o] = await tx.query<{ active: boolean; name: string }>(
    'SELECT active, name FROM local_organisations WHERE id = $1 AND unit_id = $2',
    [organisationId, unitId],
  );
  if (!o?.active) {
    throw new AppError(
      'VALIDATION_FAILED',
      o
        ? 'Tổ chức này đã ngừng theo dõi, không giao thêm nhiệm vụ.'
        : 'Tổ chức được giao phải là tổ chức ở địa bàn của chi bộ.',
      { field: 'organisationId' },
    );
  }
  return o.name;
}

interface OrgRow {
  id: number;
  unit_id: number;
  kind: OrganisationKind;
  name: string;
  contact_name: string | null;
  contact_phone: string | null;
  active: boolean;
}

function present(o: OrgRow, showPhone: boolean) {
  return {
    id: o.id,
    unitId: o.unit_id,
    kind: o.kind,
    kindLabel: ORGANISATION_KINDS[o.kind],
    name: o.name,
    contactName: o.contact_name,
    /** Personal data: null for a reader without member.readContact (see `phoneHidden`). */
    contactPhone: showPhone ? o.contact_phone : null,
    phoneHidden: !showPhone && o.contact_phone !== null,
    active: o.active,
  };
}

/** A page of the cell's organisations, each with its open tasks and its last report. */
export async function listOrganisations(
  ex: Executor,
  actor: Actor,
  unit: UnitRow,
  q: { limit: number; offset: number; active?: boolean },
) {
  const showPhone = can(actor, 'member.readContact', unit.path);
  const [rows, [count]] = await Promise.all([
    ex.query<OrgRow>(
      `SELECT id, unit_id, kind, name, contact_name, contact_phone, active FROM local_organisations
        WHERE unit_id = $1 AND ($2::boolean IS NULL OR active = $2)
        ORDER BY active DESC, name, id LIMIT $3 OFFSET $4`,
      [unit.id, q.active ?? null, q.limit, q.offset],
    ),
    ex.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM local_organisations WHERE unit_id = $1 AND ($2::boolean IS NULL OR active = $2)',
      [unit.id, q.active ?? null],
    ),
  ]);
  const ids = rows.map((r) => r.id);
  const [open, reports] = await Promise.all([
    ex.query<{
      organisation_id: number;
      id: number;
      title: string;
      deadline: string | null;
      meeting_id: number;
      meeting_date: string;
    }>(
      `SELECT t.organisation_id, t.id, t.title, t.deadline, t.meeting_id,
              to_char(mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS meeting_date
         FROM tasks t JOIN meetings mt ON mt.id = t.meeting_id
        WHERE t.organisation_id = ANY($1::int[]) AND t.result = 'open'
        ORDER BY t.deadline NULLS LAST, t.id`,
      [ids],
    ),
    ex.query<{
      organisation_id: number;
      id: number;
      title: string;
      org_report: string;
      org_reported_at: Date;
      result: string;
      reviewed_meeting_id: number | null;
    }>(
      `SELECT DISTINCT ON (t.organisation_id) t.organisation_id, t.id, t.title, t.org_report, t.org_reported_at,
              t.result, t.reviewed_meeting_id
         FROM tasks t
        WHERE t.organisation_id = ANY($1::int[]) AND t.org_report IS NOT NULL
        ORDER BY t.organisation_id, t.org_reported_at DESC, t.id DESC`,
      [ids],
    ),
  ]);
  return {
    items: rows.map((o) => {
      const r = reports.find((x) => x.organisation_id === o.id);
      return {
        ...present(o, showPhone),
        openTasks: open
          .filter((t) => t.organisation_id === o.id)
          .map((t) => ({
            id: t.id,
            title: t.title,
            deadline: t.deadline,
            meetingId: t.meeting_id,
            meetingDate: t.meeting_date,
          })),
        lastReport: r
          ? {
              taskId: r.id,
              title: r.title,
              report: r.org_report,
              reportedAt: new Date(r.org_reported_at).toISOString(),
              result: r.result,
              meetingId: r.reviewed_meeting_id,
            }
          : null,
      };
    }),
    total: count?.n ?? 0,
    canManage: can(actor, 'meeting.manage', unit.path),
    phoneVisible: showPhone,
  };
}
export type OrganisationsPage = Awaited<ReturnType<typeof listOrganisations>>;

export async function createOrganisation(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  input: OrganisationInput,
  ip?: string,
) {
  const [row] = await tx.query<OrgRow>(
    `INSERT INTO local_organisations (unit_id, kind, name, contact_name, contact_phone, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, unit_id, kind, name, contact_name, contact_phone, active`,
    [unit.id, input.kind, input.name, input.contactName || null, input.contactPhone || null, actor.userId],
  );
  await audit(
    tx,
    actor,
    {
      action: 'organisation.create',
      entityType: 'local_organisation',
      entityId: row!.id,
      orgUnitId: unit.id,
      after: input,
    },
    ip,
  );
  return present(row!, can(actor, 'member.readContact', unit.path));
}

export async function updateOrganisation(
  tx: Executor,
  actor: Actor,
  id: number,
  patch: OrganisationPatch,
  ip?: string,
) {
  const [before] = await tx.query<OrgRow & { path: string }>(
    `SELECT o.id, o.unit_id, o.kind, o.name, o.contact_name, o.contact_phone, o.active, u.path
       FROM local_organisations o JOIN org_units u ON u.id = o.unit_id WHERE o.id = $1 FOR UPDATE OF o`,
    [id],
  );
  if (!before || !can(actor, 'meeting.read', before.path)) throw notFound('tổ chức');
  authorize(actor, 'meeting.manage', before.path, 'tổ chức');
  const [row] = await tx.query<OrgRow>(
    `UPDATE local_organisations SET
       kind = coalesce($2, kind), name = coalesce($3, name),
       contact_name = CASE WHEN $4::boolean THEN $5 ELSE contact_name END,
       contact_phone = CASE WHEN $6::boolean THEN $7 ELSE contact_phone END,
       active = coalesce($8, active), updated_at = now()
     WHERE id = $1 RETURNING id, unit_id, kind, name, contact_name, contact_phone, active`,
    [
      id,
      patch.kind ?? null,
      patch.name ?? null,
      patch.contactName !== undefined,
      patch.contactName || null,
      patch.contactPhone !== undefined,
      patch.contactPhone || null,
      patch.active ?? null,
    ],
  );
  const { path: _path, ...old } = before;
  await audit(
    tx,
    actor,
    {
      action: patch.active === false && before.active ? 'organisation.deactivate' : 'organisation.update',
      entityType: 'local_organisation',
      entityId: id,
      orgUnitId: before.unit_id,
      before: old,
      after: patch,
    },
    ip,
  );
  return present(row!, can(actor, 'member.readContact', before.path));
}
