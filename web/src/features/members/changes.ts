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
