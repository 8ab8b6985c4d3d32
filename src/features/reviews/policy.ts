/**
 * Who may write and read a unit's periodic reviews: the unit's office (committee staff) and
 * administrators, i.e. whoever manages the unit (`unit.manage`). Everyone else inside the tree
 * who can see the unit gets 403; outside every grant the review answers 404 as if absent.
 */
import { type Actor, authorize, can } from '../../server/access.js';

export function authorizeReviews(actor: Actor, unitPath: string): void {
  authorize(actor, 'unit.manage', unitPath, 'báo cáo');
}

export function canEditReviews(actor: Actor, unitPath: string): boolean {
  return can(actor, 'unit.manage', unitPath);
}
