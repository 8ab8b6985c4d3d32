/** Which dated changes the member page offers for a member's current status (the server checks again). */
import type { StatusChange } from '../../../../src/features/members/schema.js';
import type { MemberDetail } from '../../api/types.js';

export type ChangeType = StatusChange['type'];

export const CHANGE_TYPES: ChangeType[] = [
  'recognize_official',
  'exempt',
  'end_exemption',
  'temporary_out',
  'end_temporary',
  'transfer',
  'contact_213',
  'end_contact_213',
  'remove',
];

/** The changes that make sense for a member's current status (the server checks again). */
export function availableChanges(m: Pick<MemberDetail, 'status' | 'standing'>): ChangeType[] {
  const s = m.status;
  const active = m.standing === 'active' && !s.ended;
  const allowed: Record<ChangeType, boolean> = {
    recognize_official: active && s.rank === 'probationary',
    exempt: active && !s.exempted,
    end_exemption: Boolean(s.exempted),
    temporary_out: active && !s.temporaryOut,
    end_temporary: Boolean(s.temporaryOut),
    transfer: active,
    contact_213: !s.contact213 && (m.standing === 'active' || m.standing === 'contact_only'),
    end_contact_213: Boolean(s.contact213),
    remove: active,
  };
  return CHANGE_TYPES.filter((t) => allowed[t]);
}

/** Server field names → the status-change form's (the destination fields share one message). */
export const SERVER_FIELDS: Record<string, string> = {
  hostUnitId: 'unit',
  toUnitId: 'unit',
  unitId: 'unit',
  otherOrg: 'unit',
};

/** The form fields that show a message beside them, per kind of change. */
export function formFields(type: ChangeType): Set<string> {
  const fields = new Set(['date']);
  if (!['end_temporary', 'end_contact_213', 'contact_213'].includes(type)) {
    fields.add('decisionNo');
    fields.add('decisionDate');
  }
  if (type === 'temporary_out') for (const f of ['until', 'reason', 'unit']) fields.add(f);
  if (type === 'transfer' || type === 'contact_213') fields.add('unit');
  if (type === 'recognize_official') fields.add('cardNumber');
  if (type === 'exempt' || type === 'remove') fields.add('reason');
  return fields;
}

/**
 * Where the server's Vietnamese messages go: beside the field they name (`details.field`),
 * e.g. the end of probation under the date, the length of a temporary transfer under "Đến ngày";
 * a message naming no field the form shows goes above the form.
 */
export function placeServerErrors(
  type: ChangeType,
  fieldErrors: Record<string, string>,
  message: string,
): { beside: Record<string, string>; above: string | null } {
  const shown = formFields(type);
  const beside: Record<string, string> = {};
  let unplaced = Object.keys(fieldErrors).length === 0;
  for (const [k, v] of Object.entries(fieldErrors)) {
    const field = SERVER_FIELDS[k] ?? k;
    if (shown.has(field)) beside[field] ??= v;
    else unplaced = true;
  }
  return { beside, above: unplaced ? message : null };
}
