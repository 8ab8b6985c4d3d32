/**
 * Import-time collisions with hidden holders (ADR 015): a card number or CCCD of the file that a
 * member outside what the importer may read already holds. The row's error names nobody, yet it
 * still tells that the number is someone's; so, as on the member form, each such number leaves a
 * `member.identity_refused` audit row and counts against the importer's hourly refusals
 * (src/server/refusals.ts). A file whose hidden collisions would go past what is left of the
 * budget shows none of its rows: it is refused whole, naming no row and no number.
 */
import type { Executor } from '../../../db/executor.js';
import type { Actor } from '../../../server/access.js';
import { REFUSALS_PER_HOUR, refusalsInLastHour } from '../../../server/refusals.js';
import type { Candidate } from './check.js';
import { type LookupKeys, yieldToLoop } from './off-thread.js';

export interface HiddenCollision {
  field: 'cardNumber' | 'nationalId';
  value: string;
}

/** The file's error when its hidden collisions go past the hourly budget (code RATE_LIMITED). */
export const TOO_MANY_HIDDEN_COLLISIONS =
  'Tệp có nhiều số CCCD hoặc số thẻ đảng viên đã gắn với hồ sơ khác, vượt số lần bị từ chối cho phép ' +
  'trong một giờ, nên hệ thống không kiểm tra tiếp tệp này. Hãy kiểm tra lại các số trong tệp; nếu số đúng, ' +
  'liên hệ văn phòng đảng ủy để xác minh. Vui lòng đợi rồi thử lại.';

/**
 * The numbers of one lookup that members the importer may not see already hold, each number
 * once. The keys of a file are distinct and each sits in exactly one lookup (`lookupKeys`), so
 * over a whole file every colliding number is counted once. Linear in the lookup's size.
 */
export function hiddenCollisions(keys: LookupKeys, found: readonly Candidate[]): HiddenCollision[] {
  const cards = new Set(keys.cards);
  const ids = new Set(keys.ids);
  const out: HiddenCollision[] = [];
  for (const m of found) {
    if (m.visible !== false) continue;
    if (m.cardNumber && cards.delete(m.cardNumber)) out.push({ field: 'cardNumber', value: m.cardNumber });
    if (m.nationalId && ids.delete(m.nationalId)) out.push({ field: 'nationalId', value: m.nationalId });
  }
  return out;
}

/** Audit rows per statement: on PGlite each statement runs on the server's thread, so it stays short. */
const AUDIT_BATCH = 250;

/**
 * One `member.identity_refused` row per collision — the number typed (as the form's refusal
 * records it) and the import it came in (`importId`) — one INSERT … SELECT FROM unnest per batch
 * of 250, a turn of the event loop between batches (a lookup chunk holds up to 1 000 numbers).
 */
export async function auditHiddenCollisions(
  ex: Executor,
  actor: Pick<Actor, 'userId'>,
  at: { unitId: number; importId: number; ip?: string | undefined },
  collisions: readonly HiddenCollision[],
): Promise<void> {
  for (let i = 0; i < collisions.length; i += AUDIT_BATCH) {
    if (i > 0) await yieldToLoop();
    await ex.query(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, org_path, after, ip)
       SELECT $1::int, 'member.identity_refused', 'member', NULL, $2::int,
              (SELECT path FROM org_units WHERE id = $2::int), t.a::jsonb, $3::text
         FROM unnest($4::text[]) AS t(a)`,
      [
        actor.userId,
        at.unitId,
        at.ip ?? null,
        collisions
          .slice(i, i + AUDIT_BATCH)
          .map((c) => JSON.stringify({ [c.field]: c.value, importId: at.importId })),
      ],
    );
  }
}

/**
 * Whether the rows of a file with `hidden` collisions (already audited) may be shown: yes while
 * the account's refusals of the hour, these included, stay within the budget — the same line as
 * on the form, where the tenth refusal is still answered and the eleventh attempt waits.
 */
export async function mayShowHiddenCollisions(
  ex: Executor,
  actor: Pick<Actor, 'userId'>,
  hidden: number,
): Promise<boolean> {
  if (hidden === 0) return true;
  return (await refusalsInLastHour(ex, actor)) <= REFUSALS_PER_HOUR;
}
