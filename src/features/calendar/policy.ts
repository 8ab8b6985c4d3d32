/**
 * Who may change the holiday calendar. One calendar serves every unit (the decisions are national), so
 * only administrators enter them; everyone signed in may read them.
 */
import { type Actor, isAdmin } from '../../server/access.js';
import { AppError } from '../../server/errors.js';

export function canEditHolidayCalendar(actor: Actor): boolean {
  return isAdmin(actor);
}

export function authorizeHolidayCalendarEdit(actor: Actor): void {
  if (!canEditHolidayCalendar(actor)) throw new AppError('FORBIDDEN');
}
