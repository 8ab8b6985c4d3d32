/**
 * Who may download a backup: it holds every table, every member's personal data included, so only
 * system administrators, like the other whole-system operations.
 */
import { type Actor, isAdmin } from '../../server/access.js';
import { AppError } from '../../server/errors.js';

export function authorizeBackup(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN');
}
