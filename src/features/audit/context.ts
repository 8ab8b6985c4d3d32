/**
 * What a sentence template may say about one audit row: who acted, on which named object, in
 * which unit, with the row's payload and the page's resolved names. Pure.
 */

import { formatDate } from '../../domain/format.js';
import type { ChangeRow } from './changes.js';
import { refName } from './changes.js';
import { asId, type Names } from './names.js';
import { formatAmount, formatDateTimeVi, lowerFirst } from './values.js';

export interface SentenceRow {
  action: string;
  entityType: string;
  entityId: string | null;
  orgUnitName: string | null;
  actor: { username: string; displayName: string | null } | null;
  before: unknown;
  after: unknown;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Rows whose payload describes something else than the entity (a guest, an agenda item). */
const PAYLOAD_IS_NOT_ENTITY = new Set(['meeting.guest_add', 'meeting.agenda_item', 'meeting.vote']);

export class SentenceContext {
  /** The row's `after`, as a record (empty when absent or not an object). */
  readonly a: Record<string, unknown>;
  /** The row's `before`, as a record. */
  readonly b: Record<string, unknown>;

  constructor(
    readonly row: SentenceRow,
    readonly names: Names,
    readonly changes: readonly ChangeRow[],
  ) {
    this.a = asRecord(row.after);
    this.b = asRecord(row.before);
  }

  /** "Nguyễn Văn An (bithu1)"; the username alone when it is also the display name; "Hệ thống" for jobs. */
  get who(): string {
    const u = this.row.actor;
    if (!u) return 'Hệ thống';
    const name = u.displayName?.trim();
    return name && name !== u.username ? `${name} (${u.username})` : u.username;
  }

  /** The unit the row belongs to. */
  get unit(): string {
    return this.row.orgUnitName ?? 'một đơn vị đã xóa';
  }

  private get entityNumber(): number | undefined {
    return asId(this.row.entityId);
  }

  /** A text field of the payload (after, else before), trimmed; undefined when blank. */
  text(key: string, from: 'a' | 'b' = 'a'): string | undefined {
    const v = (from === 'a' ? this.a : this.b)[key];
    if (typeof v === 'number') return String(v);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  }

  private snapshot(...keys: string[]): string | undefined {
    if (PAYLOAD_IS_NOT_ENTITY.has(this.row.action)) return undefined;
    for (const k of keys) {
      const v = this.text(k, 'a') ?? this.text(k, 'b');
      if (v) return v;
    }
    return undefined;
  }

  /** A member's name: the one given by id, else the row's member. */
  memberName(id?: unknown): string {
    if (id !== undefined) return refName('members', id, this.names);
    const n = this.entityNumber;
    return (
      (n && this.row.entityType === 'member' ? this.names.members.get(n) : undefined) ??
      this.snapshot('full_name', 'fullName') ??
      'một đảng viên đã xóa'
    );
  }

  /** "đồng chí Lê Thị Ánh" (or the neutral phrase alone when the record is gone). */
  comrade(id?: unknown): string {
    const name = this.memberName(id);
    return name.startsWith('một ') ? name : `đồng chí ${name}`;
  }

  /** "đồng chí A", "các đồng chí A, B và C". */
  comrades(ids: unknown): string {
    const list = Array.isArray(ids) ? ids : [];
    const names = list.map((id) => this.memberName(id));
    if (names.length === 0) return 'chưa có người thực hiện';
    if (names.length === 1) return this.comrade(list[0]);
    return `các đồng chí ${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
  }

  private meetingId(id?: unknown): number | undefined {
    if (id !== undefined) return asId(id);
    const n = this.entityNumber;
    if (!n) return undefined;
    if (this.row.entityType === 'meeting') return n;
    if (this.row.entityType === 'task') return this.names.tasks.get(n)?.meetingId;
    return undefined;
  }

  /** The meeting's title in quotes, `"Sinh hoạt thường kỳ tháng 11/2026"`, or undefined if unknown. */
  meetingTitle(id?: unknown): string | undefined {
    const m = this.meetingId(id);
    const title =
      (m ? this.names.meetings.get(m) : undefined) ??
      (id === undefined && this.row.entityType === 'meeting' ? this.snapshot('title') : undefined);
    return title ? `"${title}"` : undefined;
  }

  /** `buổi sinh hoạt "…"` or "một buổi sinh hoạt đã xóa". */
  meeting(id?: unknown): string {
    const t = this.meetingTitle(id);
    return t ? `buổi sinh hoạt ${t}` : 'một buổi sinh hoạt đã xóa';
  }

  /** A unit's name by id, or a neutral phrase. */
  unitName(id: unknown): string {
    return refName('units', id, this.names);
  }

  /** The unit the row is about (entity `org_unit`), else the row's unit. */
  get entityUnit(): string {
    const n = this.entityNumber;
    return (
      (n && this.row.entityType === 'org_unit' ? this.names.units.get(n) : undefined) ??
      this.snapshot('name') ??
      this.unit
    );
  }

  /** `tài khoản "bithu1" (Nguyễn Văn An)`. */
  get account(): string {
    const n = this.entityNumber;
    const u = n ? this.names.users.get(n) : undefined;
    const username = u?.username ?? this.snapshot('username');
    const display = u?.displayName ?? this.snapshot('displayName');
    if (!username) return 'một tài khoản đã xóa';
    return display && display !== username
      ? `tài khoản "${username}" (${display})`
      : `tài khoản "${username}"`;
  }

  /** The task's title in quotes, or a neutral phrase. */
  get task(): string {
    const n = this.entityNumber;
    const title = (n ? this.names.tasks.get(n)?.title : undefined) ?? this.snapshot('title');
    return title ? `nhiệm vụ "${title}"` : 'một nhiệm vụ đã xóa';
  }

  /** A rule pack's name by id (`hd42-2025` or `hd42-2025@2025.10.28`). */
  pack(id: unknown): string {
    return refName('rulePacks', id, this.names);
  }

  /** dd/mm/yyyy of an ISO date in the payload, or undefined. */
  date(v: unknown): string | undefined {
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDate(v) : undefined;
  }

  /** `19:30 10/11/2026` of an instant in the payload, or undefined. */
  dateTime(v: unknown): string | undefined {
    return typeof v === 'string' || v instanceof Date ? formatDateTimeVi(v) : undefined;
  }

  num(v: unknown): string {
    return typeof v === 'number' ? formatAmount(v) : '0';
  }

  /** " từ ngày 01/02/2026", or nothing when the payload has no such date. */
  fromDate(key = 'date'): string {
    const d = this.date(this.a[key]);
    return d ? ` từ ngày ${d}` : '';
  }

  /** " (quyết định số 12-QĐ/ĐU ngày 01/02/2026)", or nothing. */
  get decision(): string {
    const no = this.text('decisionNo');
    const day = this.date(this.a.decisionDate);
    if (!no && !day) return '';
    return ` (quyết định${no ? ` số ${no}` : ''}${day ? ` ngày ${day}` : ''})`;
  }

  /** ": họ và tên, số điện thoại" — the labels of the changed fields — or nothing. */
  get fields(): string {
    if (this.changes.length === 0) return '';
    return `: ${[...new Set(this.changes.map((c) => lowerFirst(c.label)))].join(', ')}`;
  }

  /** " (lý do: …)" from a payload field, or nothing. */
  because(key = 'reason'): string {
    const r = this.text(key);
    return r ? ` (lý do: ${r})` : '';
  }
}
