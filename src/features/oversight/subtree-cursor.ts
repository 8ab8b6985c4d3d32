/**
 * Keyset cursors of the subtree lists (issue 9): an opaque base64url text that names the list it
 * belongs to, the sort key and id of the last row shown, and the total counted on the first page
 * (so later pages do not count a province's history again). Anything else is a 400, never a 500.
 */
import { AppError } from '../../server/errors.js';
import { INT4_MAX } from '../../server/input-schemas.js';

/** The lists that page with a cursor; a cursor of one list is refused by another. */
export type CursorList =
  | 'meetings'
  | 'alerts'
  | 'visits'
  | 'recommendations'
  // Issue 12 (ADR 026): the registry and the unit lists page by (sort_key, id).
  | 'members'
  | 'children'
  | 'tree'
  | 'monthStatus'
  | 'exports'
  // ADR 032: the unit pickers' search pages by (depth, folded name, name, id).
  | 'units';
/**
 * How the sort key is written: an instant in UTC with microseconds, a calendar day, or a text sort
 * key (a Vietnamese collation key, compared `COLLATE "C"`; at most 160 characters, no control
 * characters).
 */
export type KeyShape = 'instant' | 'day' | 'text';

export interface Cursor {
  /** The sort key of the last row of the page (see KeyShape). */
  key: string;
  /** The id of the last row (ties on the key are broken by id). */
  id: number;
  /** The total of the list as counted on its first page. */
  total: number;
}

const SHAPES: Record<KeyShape, RegExp> = {
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/,
  day: /^\d{4}-\d{2}-\d{2}$/,
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  text: /^[^\u0000-\u001f\u007f]{0,160}$/u,
};
const TAGS: Record<CursorList, string> = {
  meetings: 'm',
  alerts: 'a',
  visits: 'v',
  recommendations: 'r',
  members: 'p',
  children: 'c',
  tree: 't',
  monthStatus: 's',
  exports: 'x',
  units: 'u',
};
const MAX_LENGTH = 800;

export function encodeCursor(list: CursorList, c: Cursor): string {
  return Buffer.from(JSON.stringify([TAGS[list], c.key, c.id, c.total]), 'utf8').toString('base64url');
}

export function invalidCursor(): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    'Con trỏ trang (cursor) không hợp lệ. Hãy tải lại danh sách từ trang đầu.',
    { field: 'cursor' },
  );
}

function onCalendar(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** The cursor sent back by a client, checked in every part; a 400 when it is not one of ours. */
export function decodeCursor(list: CursorList, shape: KeyShape, text: string): Cursor {
  if (text.length === 0 || text.length > MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidCursor();
  const [tag, key, id, total] = parsed as unknown[];
  const ok =
    tag === TAGS[list] &&
    typeof key === 'string' &&
    SHAPES[shape].test(key) &&
    (shape === 'text' || onCalendar(key.slice(0, 10))) &&
    Number.isInteger(id) &&
    (id as number) >= 1 &&
    (id as number) <= INT4_MAX &&
    Number.isInteger(total) &&
    (total as number) >= 0 &&
    (total as number) <= Number.MAX_SAFE_INTEGER;
  if (!ok) throw invalidCursor();
  if (shape === 'instant') {
    const [h, m, s] = key.slice(11, 19).split(':').map(Number) as [number, number, number];
    if (h > 23 || m > 59 || s > 59) throw invalidCursor();
  }
  return { key, id: id as number, total: total as number };
}
