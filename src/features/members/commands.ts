import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { normalizeText, vietnameseNameSortKey } from '../../domain/vietnamese.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { assertRefusalBudget, ExistenceRefusal } from '../../server/refusals.js';
import { isCellKind } from '../org/labels.js';
import { findUnit, rulePackForUnit, visibleUnit } from '../org/service.js';
import { refreshUnitMonths } from '../scoring/status.js';
import { refreshMemberCountsForMembers } from './member-counts.js';
import type { CreateMemberInput, StatusChange, UpdateMemberInput } from './schema.js';
import {
  findMember,
  loadMemberships,
  loadPeriods,
  type MemberRow,
  memberFieldAccess,
  visibleMember,
} from './service.js';
import { addCalendarMonths, checkRecognition, checkTemporaryTransfer } from './status-rules.js';

/** The trimmed value, or null when there is none (so `blank(v) === null` means "nothing given"). */
const blank = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());
const isBlank = (v: string | null | undefined) => blank(v) === null;
const text = (v: string | null | undefined) => (blank(v) === null ? null : normalizeText(v!));
/** The later of two ISO dates (string comparison is date order for `YYYY-MM-DD`). */
const laterOf = (a: string, b: string) => (a < b ? b : a);

function invalid(message: string, field?: string): AppError {
  return new AppError('VALIDATION_FAILED', message, field ? { field } : undefined);
}

const TAKEN = {
  card_number: { code: 'DUPLICATE_CARD_NUMBER', field: 'cardNumber', what: 'số thẻ đảng viên' },
  national_id: { code: 'DUPLICATE_NATIONAL_ID', field: 'nationalId', what: 'số CCCD' },
} as const;

/**
 * A card number or CCCD may be given to this record. A number held by a person whose identity the
 * actor may read (they could look it up) is named; any other holder gets one answer that names no
 * one and no place, an audit row, and counts against the actor's hourly refusals (ADR 015).
 */
async function assertUnique(
  tx: Executor,
  actor: Actor,
  field: 'card_number' | 'national_id',
  value: string | null,
  at: { unitId: number; exceptId?: number },
) {
  if (!value) return;
  await assertRefusalBudget(tx, actor);
  const [row] = await tx.query<{ id: number; full_name: string; unit_name: string; unit_path: string }>(
    `SELECT m.id, m.full_name, u.name AS unit_name, u.path AS unit_path
       FROM members m JOIN org_units u ON u.id = m.unit_id WHERE m.${field} = $1 AND m.id <> $2`,
    [value, at.exceptId ?? 0],
  );
  if (!row) return;
  const t = TAKEN[field];
  if (memberFieldAccess(actor, { id: row.id, unit_path: row.unit_path }).identity) {
    throw new AppError(
      t.code,
      `${t.what[0]!.toUpperCase()}${t.what.slice(1)} này đã có trong hồ sơ đảng viên ${row.full_name} (${row.unit_name}).`,
      { field: t.field, memberId: row.id },
    );
  }
  throw new ExistenceRefusal(
    t.code,
    `Không dùng được ${t.what} này cho hồ sơ: số đã gắn với một hồ sơ khác. Hãy kiểm tra lại số; nếu số đúng, liên hệ văn phòng đảng ủy để xác minh.`,
    { field: t.field },
    {
      action: 'member.identity_refused',
      entityType: 'member',
      entityId: at.exceptId ?? null,
      orgUnitId: at.unitId,
      after: { [t.field]: value },
    },
  );
}

function snapshot(m: MemberRow) {
  const { sort_key: _k, unit_path: _p, ...rest } = m;
  return rest;
}

/** Adds a person to a cell: a new admission (dự bị), a transfer in, an existing member, or a 213 contact. */
export async function createMember(
  tx: Executor,
  actor: Actor,
  unitId: number,
  input: CreateMemberInput,
  ip?: string,
  today = todayIso(),
): Promise<number> {
  const cell = await visibleUnit(tx, actor, unitId);
  authorize(actor, 'member.manage', cell.path);
  if (!isCellKind(cell.kind)) throw invalid('Đảng viên chỉ được thêm vào một chi bộ.', 'unitId');
  if (cell.archived_at) throw new AppError('UNIT_ARCHIVED');

  const admission = input.admissionDate ?? null;
  const official = input.officialDate ?? null;
  if (input.relation !== 'contact_213' && !admission)
    throw invalid('Cần nhập ngày vào Đảng.', 'admissionDate');
  for (const [field, v] of [
    ['admissionDate', admission],
    ['officialDate', official],
    ['joinDate', input.joinDate],
    ['birthDate', input.birthDate],
  ] as const) {
    if (v && v > today) throw invalid('Ngày không được ở tương lai.', field);
  }
  if (admission && official && official < admission) {
    throw invalid('Ngày chính thức phải sau ngày vào Đảng.', 'officialDate');
  }
  if (admission && official) {
    // The same rule as recording the recognition later (applyStatusChange), with the pack in force then.
    const { membership } = await rulePackForUnit(tx, cell.path, official);
    const check = checkRecognition(admission, official, membership);
    if (check.kind === 'refused') {
      throw new AppError('PROBATION_NOT_ENDED', check.message, {
        field: 'officialDate',
        probationEnds: check.probationEnds,
      });
    }
  }
  const minAge = (await rulePackForUnit(tx, cell.path, admission ?? today)).membership.minAdmissionAge;
  if (input.birthDate && admission && addCalendarMonths(input.birthDate, 12 * minAge) > admission) {
    throw invalid(`Người vào Đảng phải đủ ${minAge} tuổi (Điều lệ Đảng, Điều 1).`, 'admissionDate');
  }
  const card = blank(input.cardNumber);
  const nid = blank(input.nationalId);
  await assertUnique(tx, actor, 'card_number', card, { unitId: cell.id });
  await assertUnique(tx, actor, 'national_id', nid, { unitId: cell.id });

  const fullName = normalizeText(input.fullName);
  const standing = input.relation === 'contact_213' ? 'contact_only' : 'active';
  const [{ id }] = (await tx.query<{ id: number }>(
    `INSERT INTO members (full_name, sort_key, birth_date, gender, ethnicity, hometown, address, admission_date,
       official_date, card_number, national_id, phone, email, notes, unit_id, standing)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      fullName,
      vietnameseNameSortKey(fullName),
      input.birthDate ?? null,
      input.gender ?? null,
      text(input.ethnicity),
      text(input.hometown),
      text(input.address),
      admission,
      official,
      card,
      nid,
      blank(input.phone),
      blank(input.email),
      blank(input.notes),
      cell.id,
      standing,
    ],
  )) as [{ id: number }];

  await insertRankPeriods(tx, id, admission, official);
  if (input.relation === 'contact_213') {
    await tx.query(
      `INSERT INTO member_status_periods (member_id, kind, unit_id, other_org, valid_from) VALUES ($1, 'contact_213', $2, $3, $4)`,
      [id, cell.id, text(input.otherOrg), input.joinDate ?? today],
    );
  } else {
    const startReason = input.relation === 'existing' ? 'initial' : input.relation;
    const joinDate = input.joinDate ?? (input.relation === 'admission' ? admission : today);
    await tx.query(
      `INSERT INTO memberships (member_id, unit_id, valid_from, start_reason, other_org) VALUES ($1, $2, $3, $4, $5)`,
      [id, cell.id, joinDate, startReason, text(input.otherOrg)],
    );
    // The cell's member counts from the joining month on (summary rows, ADR 021).
    if (joinDate) await refreshUnitMonths(tx, cell.id, joinDate.slice(0, 7));
  }
  await refreshMemberCountsForMembers(tx, [id]);
  const after = await findMember(tx, id);
  await audit(
    tx,
    actor,
    {
      action: 'member.create',
      entityType: 'member',
      entityId: id,
      orgUnitId: cell.id,
      after: snapshot(after!),
    },
    ip,
  );
  return id;
}

export async function insertRankPeriods(
  tx: Executor,
  memberId: number,
  admission: string | null,
  official: string | null,
) {
  if (admission) {
    await tx.query(
      `INSERT INTO member_status_periods (member_id, kind, valid_from, valid_to) VALUES ($1, 'probationary', $2, $3)`,
      [memberId, admission, official],
    );
  }
  if (official) {
    await tx.query(
      `INSERT INTO member_status_periods (member_id, kind, valid_from) VALUES ($1, 'official', $2)`,
      [memberId, official],
    );
  }
}

/** Corrects a member's personal details; identity fields stay unique. */
export async function updateMember(
  tx: Executor,
  actor: Actor,
  id: number,
  input: UpdateMemberInput,
  ip?: string,
) {
  const before = await visibleMember(tx, actor, id);
  authorize(actor, 'member.manage', before.unit_path, 'đảng viên');
  const card = input.cardNumber === undefined ? before.card_number : blank(input.cardNumber);
  const nid = input.nationalId === undefined ? before.national_id : blank(input.nationalId);
  const at = { unitId: before.unit_id, exceptId: id };
  if (card !== before.card_number) await assertUnique(tx, actor, 'card_number', card, at);
  if (nid !== before.national_id) await assertUnique(tx, actor, 'national_id', nid, at);
  const fullName = input.fullName !== undefined ? normalizeText(input.fullName) : before.full_name;
  const pick = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
  await tx.query(
    `UPDATE members SET full_name = $2, sort_key = $3, birth_date = $4, gender = $5, ethnicity = $6, hometown = $7,
       address = $8, card_number = $9, national_id = $10, phone = $11, email = $12, notes = $13, updated_at = now()
     WHERE id = $1`,
    [
      id,
      fullName,
      vietnameseNameSortKey(fullName),
      pick(input.birthDate, before.birth_date),
      pick(input.gender, before.gender),
      input.ethnicity === undefined ? before.ethnicity : text(input.ethnicity),
      input.hometown === undefined ? before.hometown : text(input.hometown),
      input.address === undefined ? before.address : text(input.address),
      card,
      nid,
      input.phone === undefined ? before.phone : blank(input.phone),
      input.email === undefined ? before.email : blank(input.email),
      input.notes === undefined ? before.notes : blank(input.notes),
    ],
  );
  const after = (await findMember(tx, id))!;
  await audit(
    tx,
    actor,
    {
      action: 'member.update',
      entityType: 'member',
      entityId: id,
      orgUnitId: before.unit_id,
      before: snapshot(before),
      after: snapshot(after),
    },
    ip,
  );
  return after;
}

/**
 * Records one dated lifecycle event. Periods are closed (valid_to set) and opened, never
 * deleted, so the member's state on any past date stays answerable.
 */
export async function applyStatusChange(
  tx: Executor,
  actor: Actor,
  id: number,
  change: StatusChange,
  ip?: string,
  today = todayIso(),
): Promise<void> {
  const member = await visibleMember(tx, actor, id);
  authorize(actor, 'member.manage', member.unit_path, 'đảng viên');
  if (change.date > today) throw invalid('Ngày ghi nhận không được ở tương lai.', 'date');

  const periods = await loadPeriods(tx, [id]);
  const memberships = await loadMemberships(tx, [id]);
  const openOf = (kind: string) =>
    periods.find((p) => p.kind === kind && (p.valid_to === null || p.valid_to > change.date));
  const openMembership = memberships.find((m) => m.valid_to === null);
  const requireActive = () => {
    if (!openMembership)
      throw new AppError(
        'INVALID_STATUS_CHANGE',
        'Đảng viên không còn sinh hoạt tại chi bộ nào trong hệ thống.',
      );
    if (change.date < openMembership.valid_from) {
      throw new AppError(
        'INVALID_STATUS_CHANGE',
        'Ngày ghi nhận phải sau ngày bắt đầu sinh hoạt tại chi bộ.',
      );
    }
  };
  const closePeriod = (pid: number, date: string) =>
    tx.query('UPDATE member_status_periods SET valid_to = $2 WHERE id = $1', [pid, date]);
  const insertPeriod = (kind: string, fields: Record<string, unknown>) => {
    const cols = ['member_id', 'kind', ...Object.keys(fields)];
    const vals = [id, kind, ...Object.values(fields)];
    return tx.query(
      `INSERT INTO member_status_periods (${cols.join(', ')}) VALUES (${vals.map((_, i) => `$${i + 1}`).join(', ')})`,
      vals,
    );
  };
  const decision =
    'decisionNo' in change
      ? { decision_no: change.decisionNo ?? null, decision_date: change.decisionDate ?? null }
      : {};

  switch (change.type) {
    case 'recognize_official': {
      requireActive();
      const prob = periods.find((p) => p.kind === 'probationary' && p.valid_to === null);
      if (!prob) throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên không ở trong thời gian dự bị.');
      if (change.date <= prob.valid_from) throw invalid('Ngày chính thức phải sau ngày vào Đảng.', 'date');
      // Điều lệ Đảng, Điều 5: recognised when the probation is over, unless the pack says otherwise.
      const { membership } = await rulePackForUnit(tx, member.unit_path, change.date);
      const check = checkRecognition(prob.valid_from, change.date, membership);
      if (check.kind === 'refused') {
        throw new AppError('PROBATION_NOT_ENDED', check.message, {
          field: 'date',
          probationEnds: check.probationEnds,
        });
      }
      const card = blank(change.cardNumber);
      if (card && card !== member.card_number)
        await assertUnique(tx, actor, 'card_number', card, { unitId: member.unit_id, exceptId: id });
      await closePeriod(prob.id, change.date);
      await insertPeriod('official', { valid_from: change.date, ...decision });
      await tx.query(
        'UPDATE members SET official_date = $2, card_number = coalesce($3, card_number), updated_at = now() WHERE id = $1',
        [id, change.date, card],
      );
      break;
    }
    case 'exempt': {
      requireActive();
      if (openOf('exempted'))
        throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên đang được miễn sinh hoạt.');
      await insertPeriod('exempted', { valid_from: change.date, reason: change.reason, ...decision });
      break;
    }
    case 'end_exemption': {
      const p = openOf('exempted');
      if (!p)
        throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên không ở trong thời gian miễn sinh hoạt.');
      if (change.date < p.valid_from)
        throw invalid('Ngày kết thúc phải sau ngày bắt đầu miễn sinh hoạt.', 'date');
      await closePeriod(p.id, change.date);
      break;
    }
    case 'temporary_out': {
      requireActive();
      if (openOf('temporary_out'))
        throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên đang sinh hoạt tạm thời nơi khác.');
      if (change.until <= change.date) throw invalid('Ngày kết thúc phải sau ngày bắt đầu.', 'until');
      // DOMAIN.md §3: a temporary transfer lasts from 3 months to under 1 year (limits from the pack).
      const { membership } = await rulePackForUnit(tx, member.unit_path, change.date);
      const length = checkTemporaryTransfer(change.date, change.until, membership);
      if (length.kind !== 'ok') {
        throw new AppError(
          length.kind === 'too_short' ? 'TEMPORARY_TRANSFER_TOO_SHORT' : 'TEMPORARY_TRANSFER_TOO_LONG',
          length.message,
          { field: 'until', limit: length.limit },
        );
      }
      let hostId: number | null = null;
      if (change.hostUnitId) {
        const host = await findUnit(tx, change.hostUnitId);
        if (!host || !can(actor, 'unit.read', host.path))
          throw invalid('Không tìm thấy chi bộ nơi đến.', 'hostUnitId');
        if (!isCellKind(host.kind) || host.id === openMembership!.unit_id) {
          throw invalid('Nơi sinh hoạt tạm thời phải là một chi bộ khác.', 'hostUnitId');
        }
        hostId = host.id;
      } else if (isBlank(change.otherOrg)) {
        throw invalid('Cần chọn chi bộ nơi đến hoặc ghi tên tổ chức đảng nơi đến.', 'otherOrg');
      }
      await insertPeriod('temporary_out', {
        unit_id: hostId,
        other_org: text(change.otherOrg),
        valid_from: change.date,
        valid_to: change.until,
        reason: change.reason ?? null,
        ...decision,
      });
      break;
    }
    case 'end_temporary': {
      const p = openOf('temporary_out');
      if (!p) throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên không sinh hoạt tạm thời nơi khác.');
      await closePeriod(p.id, laterOf(change.date, p.valid_from));
      break;
    }
    case 'transfer': {
      requireActive();
      const from = openMembership!;
      let target: Awaited<ReturnType<typeof findUnit>> | undefined;
      if (change.toUnitId) {
        target = await findUnit(tx, change.toUnitId);
        if (!target || !can(actor, 'unit.read', target.path))
          throw invalid('Không tìm thấy chi bộ nơi đến.', 'toUnitId');
        if (!isCellKind(target.kind) || target.id === from.unit_id)
          throw invalid('Nơi chuyển đến phải là một chi bộ khác.', 'toUnitId');
        authorize(actor, 'member.manage', target.path, 'chi bộ nơi đến');
        if (target.archived_at) throw new AppError('UNIT_ARCHIVED');
      } else if (isBlank(change.otherOrg)) {
        throw invalid('Cần chọn chi bộ nơi đến hoặc ghi tên tổ chức đảng nơi đến.', 'otherOrg');
      }
      // Without a target cell the member leaves the tree for the named organisation, which
      // records the arrival in its own system.
      await tx.query(
        `UPDATE memberships SET valid_to = $2, end_reason = 'transfer_out', other_org = $3, decision_no = $4 WHERE id = $1`,
        [from.id, change.date, target ? target.name : text(change.otherOrg), change.decisionNo ?? null],
      );
      const tmp = openOf('temporary_out');
      if (tmp) await closePeriod(tmp.id, change.date);
      if (target) {
        await tx.query(
          `INSERT INTO memberships (member_id, unit_id, valid_from, start_reason, other_org, decision_no)
           VALUES ($1, $2, $3, 'transfer_in', $4, $5)`,
          [id, target.id, change.date, member.unit_name, change.decisionNo ?? null],
        );
        await tx.query('UPDATE members SET unit_id = $2, updated_at = now() WHERE id = $1', [id, target.id]);
        await refreshUnitMonths(tx, target.id, change.date.slice(0, 7));
      } else {
        await tx.query("UPDATE members SET standing = 'transferred_out', updated_at = now() WHERE id = $1", [
          id,
        ]);
      }
      await refreshUnitMonths(tx, from.unit_id, change.date.slice(0, 7));
      break;
    }
    case 'contact_213': {
      if (openOf('contact_213'))
        throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên đã đăng ký liên hệ nơi cư trú.');
      const host = await findUnit(tx, change.unitId);
      if (!host || !can(actor, 'unit.read', host.path))
        throw invalid('Không tìm thấy chi bộ nơi liên hệ.', 'unitId');
      if (!isCellKind(host.kind)) throw invalid('Nơi liên hệ phải là một chi bộ.', 'unitId');
      await insertPeriod('contact_213', {
        unit_id: host.id,
        other_org: text(change.otherOrg),
        valid_from: change.date,
      });
      break;
    }
    case 'end_contact_213': {
      const p = openOf('contact_213');
      if (!p) throw new AppError('INVALID_STATUS_CHANGE', 'Đảng viên không có đăng ký liên hệ nơi cư trú.');
      await closePeriod(p.id, laterOf(change.date, p.valid_from));
      break;
    }
    case 'remove': {
      requireActive();
      await tx.query(
        `UPDATE memberships SET valid_to = $2, end_reason = $3, decision_no = $4, note = $5 WHERE id = $1`,
        [openMembership!.id, change.date, change.reason, change.decisionNo ?? null, change.note ?? null],
      );
      for (const p of periods) {
        const open = p.valid_to === null || p.valid_to > change.date;
        if (open && p.valid_from <= change.date) await closePeriod(p.id, change.date);
      }
      await tx.query("UPDATE members SET standing = 'removed', updated_at = now() WHERE id = $1", [id]);
      await refreshUnitMonths(tx, openMembership!.unit_id, change.date.slice(0, 7));
      break;
    }
  }
  await refreshMemberCountsForMembers(tx, [id]);
  await audit(
    tx,
    actor,
    {
      action: `member.${change.type}`,
      entityType: 'member',
      entityId: id,
      orgUnitId: member.unit_id,
      after: change,
    },
    ip,
  );
}
