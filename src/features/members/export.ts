import type { Executor } from '../../db/executor.js';
import { type ExportMember, renderMembersXlsx } from '../../documents/members-xlsx.js';
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { notFound } from '../../server/errors.js';
import { findUnit, type UnitRow } from '../org/service.js';
import {
  type FieldAccess,
  listUnitMembers,
  loadMemberships,
  loadPeriods,
  memberFieldAccess,
  statusOn,
} from './service.js';

const FULL_ACCESS: FieldAccess = { contact: true, identity: true, manage: true };

/**
 * The member list of a unit (its whole subtree) on a date as .xlsx, in the import's own column
 * layout. Fields the viewer may not see are left out; the CLI (no actor) exports everything.
 * Every export is audited (personal data leaves the system): who, which unit, how many people.
 */
export async function buildMembersXlsx(
  ex: Executor,
  actor: Actor | null,
  unit: UnitRow,
  date: string,
  ip?: string,
) {
  const { rows } = await listUnitMembers(ex, {
    unitPath: unit.path,
    unitId: unit.id,
    date,
    subtree: true,
    filter: 'all',
    limit: 100_000,
    offset: 0,
  });
  const own = rows.filter((r) => r.relation === 'member');
  const ids = own.map((r) => r.id);
  const [periods, memberships] = await Promise.all([loadPeriods(ex, ids), loadMemberships(ex, ids)]);
  const [parent] = unit.parent_id
    ? await ex.query<{ name: string }>('SELECT name FROM org_units WHERE id = $1', [unit.parent_id])
    : [];
  const members: ExportMember[] = own.map((m) => {
    const access = actor ? memberFieldAccess(actor, m) : FULL_ACCESS;
    const status = statusOn(
      m,
      periods.filter((p) => p.member_id === m.id),
      memberships.filter((x) => x.member_id === m.id),
      date,
    );
    const home = memberships.find(
      (x) => x.member_id === m.id && x.valid_from <= date && (!x.valid_to || x.valid_to > date),
    );
    return {
      fullName: m.full_name,
      birthDate: m.birth_date ?? undefined,
      gender: m.gender ?? undefined,
      ethnicity: m.ethnicity ?? undefined,
      hometown: m.hometown ?? undefined,
      address: access.contact ? (m.address ?? undefined) : undefined,
      admissionDate: m.admission_date ?? undefined,
      officialDate: m.official_date ?? undefined,
      cardNumber: access.identity ? (m.card_number ?? undefined) : undefined,
      cellName: home?.unit_name ?? m.unit_name,
      nationalId: access.identity ? (m.national_id ?? undefined) : undefined,
      phone: access.contact ? (m.phone ?? undefined) : undefined,
      email: access.contact ? (m.email ?? undefined) : undefined,
      statusLabel: status.labels.join(', '),
      notes: access.manage ? (m.notes ?? undefined) : undefined,
    };
  });
  const bytes = await renderMembersXlsx({
    title: 'DANH SÁCH ĐẢNG VIÊN',
    unitName: unit.name,
    parentName: parent?.name,
    asOf: date,
    members,
  });
  const fileName = safeFileName(`Danh sach dang vien - ${unit.name} - ${date}.xlsx`);
  await audit(
    ex,
    actor,
    {
      action: 'member.export',
      entityType: 'org_unit',
      entityId: unit.id,
      orgUnitId: unit.id,
      after: { date, count: members.length, fileName },
    },
    ip,
  );
  return { bytes, count: members.length, fileName };
}

export async function exportMembersFile(ex: Executor, input: { unitId: number; date?: string }) {
  const unit = await findUnit(ex, input.unitId);
  if (!unit) throw notFound('đơn vị');
  return buildMembersXlsx(ex, null, unit, input.date ?? todayIso());
}
