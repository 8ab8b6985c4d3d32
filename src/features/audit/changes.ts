/**
 * The changed fields of an audit row, with Vietnamese labels and Vietnamese-formatted values.
 * Pure: names come resolved for the page, the caller's field rights come as two booleans.
 *
 * Convention of the writers (src/server/audit.ts callers): when a row has both `before` and
 * `after`, a key absent from `after` did not change.
 */
import {
  enumLabels,
  FIELD_LABELS,
  FIELD_LABELS_BY_ACTION,
  FIELD_LABELS_BY_ENTITY,
  HIDDEN_BY_ACTION,
  HIDDEN_FIELDS,
  rubricItemTitle,
} from './labels.js';
import { asId, type Names, packIdOf, REF_KEYS, type RefKind } from './names.js';
import { formatScalar, isEmpty, MASKED, NONE } from './values.js';

export interface ChangeRow {
  field: string;
  label: string;
  /** Formatted value before the change; null when the row records no "before". */
  before: string | null;
  /** Formatted value after the change; null when the row records no "after". */
  after: string | null;
}

/** What the caller may read of a member's personal data where the row belongs. */
export interface FieldRights {
  /** `member.readIdentity`: CCCD, card number, phone (kept with every past value in the log). */
  identity: boolean;
  /** `member.readContact`: email and address. */
  contact: boolean;
}

export interface ChangeSource {
  action: string;
  entityType: string;
  before: unknown;
  after: unknown;
}

/** Identity numbers and the phone: the log keeps every past value, so they need the identity right. */
export const IDENTITY_FIELDS = new Set(['card_number', 'cardNumber', 'national_id', 'nationalId', 'phone']);
export const CONTACT_FIELDS = new Set(['email', 'address']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** A payload as flat `key → value` pairs: one nested level becomes `text.opening`; an array, `items`. */
export function flatten(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return { items: v };
  if (!isPlainObject(v)) return { value: v };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (isPlainObject(x) && !REF_KEYS[k]) {
      for (const [k2, y] of Object.entries(x)) out[`${k}.${k2}`] = y;
    } else out[k] = x;
  }
  return out;
}

function isScoreSave(action: string) {
  return /^score\.[a-z_]+\.save$/.test(action);
}

export function isHidden(key: string, action: string): boolean {
  if (HIDDEN_FIELDS.has(key) || HIDDEN_BY_ACTION[action]?.includes(key)) return true;
  if (REF_KEYS[key] || FIELD_LABELS[key] || isScoreSave(action)) return false;
  return /(_id|Id|Ids)$/.test(key);
}

export function fieldLabel(key: string, action: string, entityType: string): string {
  return (
    FIELD_LABELS_BY_ACTION[action]?.[key] ??
    FIELD_LABELS_BY_ENTITY[entityType]?.[key] ??
    FIELD_LABELS[key] ??
    (isScoreSave(action) ? (rubricItemTitle(key) ?? `Mục chấm ${key}`) : key)
  );
}

const GONE: Record<RefKind, string> = {
  members: 'một đảng viên đã xóa',
  meetings: 'một buổi sinh hoạt đã xóa',
  units: 'một đơn vị đã xóa',
  tasks: 'một nhiệm vụ đã xóa',
  users: 'một tài khoản đã xóa',
  agendaItems: 'một mục chương trình đã xóa',
  documents: 'một tài liệu đã xóa',
  recommendations: 'một kiến nghị đã xóa',
  rulePacks: 'một bộ quy định không còn',
};

/** The name a reference id stands for on this page, or a neutral phrase. */
export function refName(kind: RefKind, v: unknown, names: Names): string {
  if (kind === 'rulePacks') {
    const id = packIdOf(v);
    if (!id) return NONE;
    const version = typeof v === 'string' && v.includes('@') ? v.split('@')[1] : undefined;
    const name = names.rulePacks.get(id) ?? id;
    return version ? `${name} (phiên bản ${version})` : name;
  }
  const id = asId(v);
  if (!id) return NONE;
  if (kind === 'tasks') return names.tasks.get(id)?.title ?? GONE.tasks;
  if (kind === 'users') {
    const u = names.users.get(id);
    return u ? (u.displayName ?? u.username) : GONE.users;
  }
  return names[kind].get(id) ?? GONE[kind];
}

function formatItems(v: unknown[]): string {
  const parts = v.map((x) => {
    if (!isPlainObject(x)) return formatScalar(x);
    if (typeof x.topic === 'string' && typeof x.quarter === 'number')
      return `Quý ${x.quarter}: ${x.topic}${typeof x.month === 'number' ? ` (tháng ${x.month})` : ''}`;
    if (typeof x.title === 'string') return x.title;
    return JSON.stringify(x);
  });
  return parts.join('; ');
}

/** One value of one field, formatted (or masked) for the changes table. */
export function formatField(
  key: string,
  v: unknown,
  src: Pick<ChangeSource, 'action' | 'entityType'>,
  names: Names,
  rights: FieldRights,
): string {
  if ((IDENTITY_FIELDS.has(key) && !rights.identity) || (CONTACT_FIELDS.has(key) && !rights.contact))
    return isEmpty(v) ? NONE : MASKED;
  if (isEmpty(v)) return NONE;
  const ref = REF_KEYS[key];
  if (ref) {
    return Array.isArray(v) ? v.map((x) => refName(ref, x, names)).join(', ') : refName(ref, v, names);
  }
  if (Array.isArray(v)) return formatItems(v);
  if (isPlainObject(v)) return JSON.stringify(v);
  return formatScalar(v, enumLabels(key, src.action, src.entityType));
}

/**
 * Full record snapshots (a member's row, a unit's row) are shown in the order of their form,
 * whatever the column order of the query that read them; other payloads keep the writer's order.
 */
const FORM_ORDER: Record<string, Map<string, number>> = Object.fromEntries(
  Object.entries({
    member: [
      'full_name',
      'fullName',
      'birth_date',
      'birthDate',
      'gender',
      'ethnicity',
      'hometown',
      'admission_date',
      'admissionDate',
      'official_date',
      'officialDate',
      'national_id',
      'nationalId',
      'card_number',
      'cardNumber',
      'phone',
      'email',
      'address',
      'notes',
      'unit_name',
      'standing',
    ],
    org_unit: ['name', 'kind', 'cell_type', 'code', 'parent_id', 'rule_pack', 'archived_at'],
  }).map(([type, keys]) => [type, new Map(keys.map((k, i) => [k, i]))]),
);

/** The labelled changes of one audit row: a record in its form's order, anything else as written. */
export function labelledChanges(src: ChangeSource, names: Names, rights: FieldRights): ChangeRow[] {
  const before = flatten(src.before);
  const after = flatten(src.after);
  if (!before && !after) return [];
  const keys = after ? Object.keys(after) : Object.keys(before!);
  const rows: ChangeRow[] = [];
  for (const key of keys) {
    if (isHidden(key, src.action)) continue;
    const b = before?.[key];
    const a = after?.[key];
    if (before && after) {
      if (JSON.stringify(b) === JSON.stringify(a)) continue;
      if (b === undefined && (isEmpty(a) || a === false)) continue;
    } else if (isEmpty(after ? a : b)) continue;
    rows.push({
      field: key,
      label: fieldLabel(key, src.action, src.entityType),
      before: before ? formatField(key, b, src, names, rights) : null,
      after: after ? formatField(key, a, src, names, rights) : null,
    });
  }
  const order = FORM_ORDER[src.entityType];
  if (!order) return rows;
  // Array.prototype.sort is stable: keys without a place in the form keep the writer's order, last.
  const at = (k: string) => order.get(k) ?? Number.MAX_SAFE_INTEGER;
  return rows.sort((x, y) => at(x.field) - at(y.field));
}
