import { ROLE_CAPS } from '../../../../src/server/access.js';
import type { Me, UnitDetail } from '../../api/types.js';

/**
 * What the signed-in person may do with a cell's meetings, from their grants on the cell or on
 * a unit above it (the same rule as the server's `can`; the server still decides every write).
 * The unit response does not carry meeting permissions yet (see the report), the meeting does.
 */
export function meetingCaps(me: Me, unit: Pick<UnitDetail, 'id' | 'ancestors'>) {
  const over = new Set([unit.id, ...unit.ancestors.map((a) => a.id)]);
  const caps = new Set(me.grants.filter((g) => over.has(g.orgUnitId)).flatMap((g) => ROLE_CAPS[g.role]));
  return { canRun: caps.has('meeting.run'), canManage: caps.has('meeting.manage') };
}
