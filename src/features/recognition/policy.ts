/**
 * Who may do what with commendations and model meetings (ADR 023).
 * - Decisions: committee staff (and admins) of the deciding unit, about a unit strictly inside it.
 * - Marking a model meeting: staff of a strict ancestor of the meeting's cell; the marking unit is
 *   the nearest such ancestor the actor manages.
 * - Opening a model meeting: anyone holding a grant inside the marking committee's subtree (every
 *   cell that may learn from it), or above it (staff of a higher committee, admins).
 */
import { type Actor, can, ROLE_CAPS } from '../../server/access.js';

/** Whether the actor keeps the unit's records (committee staff or admin over it). */
export function isStaffOf(actor: Actor, path: string): boolean {
  return can(actor, 'unit.manage', path);
}

/** The deepest strict ancestor of `cellPath` where the actor holds unit.manage, or undefined. */
export function markingUnitPath(actor: Actor, cellPath: string): string | undefined {
  const paths = actor.grants
    .filter((g) => ROLE_CAPS[g.role].includes('unit.manage'))
    .map((g) => g.path)
    .filter((p) => cellPath.startsWith(p) && p !== cellPath);
  const ancestors = ancestorPaths(cellPath).filter((a) => paths.some((p) => a.startsWith(p)));
  return ancestors.pop();
}

/** '/1/12/305/' → ['/1/', '/1/12/'] (strict ancestors, root first). */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Whether the actor may open a meeting marked by the unit at `markerPath`. */
export function mayOpenModel(actor: Actor, markerPath: string): boolean {
  return actor.grants.some((g) => g.path.startsWith(markerPath) || markerPath.startsWith(g.path));
}
