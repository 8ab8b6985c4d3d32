/**
 * Who may run the integrity check: administrators, over the subtrees they administer. A unit
 * outside every grant answers 404 as if absent; a visible unit without an admin grant, 403.
 */
import { type Actor, can } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';

/** LIKE prefixes the actor administers, nested ones dropped. */
export function adminPrefixes(actor: Actor): string[] {
  const paths = actor.grants.filter((g) => g.role === 'admin').map((g) => g.path);
  return [...new Set(paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q))))].map(
    (p) => `${p}%`,
  );
}

/** The prefixes to verify: the unit's subtree (it must be administered), or all the actor administers. */
export function verifyScope(actor: Actor, unitPath?: string): string[] {
  if (unitPath !== undefined) {
    if (!can(actor, 'unit.read', unitPath)) throw notFound('đơn vị');
    if (!actor.grants.some((g) => g.role === 'admin' && unitPath.startsWith(g.path)))
      throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được kiểm tra toàn vẹn dữ liệu.');
    return [`${unitPath}%`];
  }
  const prefixes = adminPrefixes(actor);
  if (prefixes.length === 0)
    throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được kiểm tra toàn vẹn dữ liệu.');
  return prefixes;
}
