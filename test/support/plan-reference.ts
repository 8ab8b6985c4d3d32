/**
 * The member-import planner as it was before matching became linear (ADR 018): every lookup a
 * scan of everyone known. Kept verbatim as the oracle of src/features/members/import/
 * plan-linear.test.ts, which checks that the indexed planner answers exactly the same.
 */
import { formatDate } from '../../src/domain/format.js';
import { normalizeText } from '../../src/domain/vietnamese.js';
import { FIELD_LABELS, type Field, looseKey } from '../../src/features/members/import/fields.js';
import { type MemberRow, type RowIssue, UNIDENTIFIABLE } from '../../src/features/members/import/validate.js';

type Stored = string | null | undefined;

interface ExistingMember {
  id: number;
  fullName: string;
  birthDate?: Stored;
  gender?: Stored;
  admissionDate?: Stored;
  officialDate?: Stored;
  cardNumber?: Stored;
  nationalId?: Stored;
  phone?: Stored;
  ethnicity?: Stored;
  hometown?: Stored;
  address?: Stored;
  email?: Stored;
  notes?: Stored;
  cellId: number;
  /** The name of the member's cell, to say who a row collides with. */
  cellName?: Stored;
  /**
   * False when the importer may not see this member (registered in another part of the tree):
   * messages then say that a member elsewhere holds the number, without naming them.
   */
  visible?: boolean;
}

/** The stored fields an import may set (`cellName` arrives as `cellId`). */
const PLANNED_FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'hometown',
  'address',
  'admissionDate',
  'officialDate',
  'cardNumber',
  'nationalId',
  'phone',
  'email',
  'notes',
  'cellId',
] as const satisfies readonly (Field | 'cellId')[];
type PlannedField = (typeof PLANNED_FIELDS)[number];

type FieldChanges = Partial<Record<Field | 'cellId', { from: unknown; to: unknown }>>;

interface ImportPlan {
  create: MemberRow[];
  update: { id: number; rowNumber: number; changes: FieldChanges }[];
  unchanged: { id: number; rowNumber: number }[];
  conflicts: RowIssue[];
}

/**
 * One person as the plan sees them: a stored member, or a row about to be created, with the
 * values they will have once earlier rows are applied — so that a later row of the same file
 * is matched against what the import itself produces, exactly as a second import would be.
 */
interface Person {
  id?: number;
  rowNumber?: number;
  values: Partial<Record<PlannedField, string | number>>;
  /** How messages name this person (see `describe`). */
  cellName?: string;
  visible: boolean;
  /** The row of this import that already claimed this person. */
  claimedBy?: number;
  /**
   * The first row that pointed at this person but was refused (another name and birth date,
   * another card or CCCD…). Every other row for them is then a conflict too, and the person is
   * left alone until the file is corrected: otherwise one row could change the person so that
   * planning the same file again would answer differently for the refused row.
   */
  disputedBy?: number;
}

type Outcome =
  | { kind: 'create' }
  | { kind: 'match'; person: Person }
  | { kind: 'conflict'; field: Field; value?: string; message: string; about?: Person[] };

export function referencePlanImport(existing: ExistingMember[], rows: MemberRow[]): ImportPlan {
  const people: Person[] = existing.map((m) => ({
    id: m.id,
    values: storedValues(m),
    visible: m.visible !== false,
    ...(m.cellName ? { cellName: m.cellName } : {}),
  }));
  const plan: ImportPlan = { create: [], update: [], unchanged: [], conflicts: [] };
  const outcomes = new Map<MemberRow, Outcome>();

  // validateRows already refuses a card or CCCD repeated in the file; a caller that skipped it
  // still must not get a plan whose outcome depends on which of the two rows came first.
  const firstWith = new Map<string, number>();
  for (const row of rows) {
    for (const field of ['cardNumber', 'nationalId'] as const) {
      const value = row[field];
      if (!value || outcomes.has(row)) continue;
      const first = firstWith.get(`${field}:${value}`);
      if (first === undefined) firstWith.set(`${field}:${value}`, row.rowNumber);
      else {
        outcomes.set(row, {
          kind: 'conflict',
          field,
          value,
          message: `${FIELD_LABELS[field]} '${value}' trùng với dòng ${first}: mỗi đảng viên chỉ được có một dòng.`,
        });
      }
    }
  }

  // Identifiers first, for every row, so a name + birth date match never takes a person that a
  // later row of the file names by card or CCCD: the result must not depend on row order.
  for (const row of rows) {
    if (outcomes.has(row)) continue;
    const outcome = matchByIdentifiers(people, row);
    if (outcome) record(row, outcome);
  }
  for (const row of rows) {
    if (!outcomes.has(row)) record(row, matchByIdentifiers(people, row) ?? matchByNameAndBirth(people, row));
  }

  function record(row: MemberRow, outcome: Outcome): void {
    let final = outcome;
    if (outcome.kind === 'match') {
      const { person } = outcome;
      const taken = person.claimedBy ?? person.disputedBy;
      if (taken !== undefined) {
        final = {
          kind: 'conflict',
          field: 'fullName',
          value: row.fullName,
          message: `Dòng này và dòng ${taken} cùng chỉ ${describe(person)}; mỗi đảng viên chỉ được có một dòng.`,
        };
      }
    }
    outcomes.set(row, final);
    if (final.kind === 'match') {
      final.person.claimedBy = row.rowNumber;
      Object.assign(final.person.values, changesFor(final.person, row).next);
    } else if (final.kind === 'create') {
      people.push({
        rowNumber: row.rowNumber,
        values: rowValues(row),
        visible: true,
        claimedBy: row.rowNumber,
      });
    } else if (final.kind === 'conflict') {
      for (const person of final.about ?? []) person.disputedBy ??= row.rowNumber;
    }
  }

  const original = new Map(existing.map((m) => [m.id, storedValues(m)]));
  for (const row of rows) {
    const outcome = outcomes.get(row)!;
    if (outcome.kind === 'create') plan.create.push(row);
    else if (outcome.kind === 'conflict') {
      plan.conflicts.push({
        row: row.rowNumber,
        column: FIELD_LABELS[outcome.field],
        field: outcome.field,
        ...(outcome.value !== undefined ? { value: outcome.value } : {}),
        message: outcome.message,
      });
    } else if (outcome.person.id === undefined) {
      // Matched a row created earlier in this file: the claim check above makes it a conflict.
      throw new Error('unreachable: a created person is always claimed');
    } else {
      const id = outcome.person.id;
      const { changes } = changesFor({ values: original.get(id)! }, row);
      if (Object.keys(changes).length === 0) plan.unchanged.push({ id, rowNumber: row.rowNumber });
      else plan.update.push({ id, rowNumber: row.rowNumber, changes });
    }
  }
  return plan;
}

function matchByIdentifiers(people: Person[], row: MemberRow): Outcome | undefined {
  const byCard = row.cardNumber ? people.find((p) => p.values.cardNumber === row.cardNumber) : undefined;
  const byId = row.nationalId ? people.find((p) => p.values.nationalId === row.nationalId) : undefined;
  if (byCard && byId && byCard !== byId) {
    return {
      kind: 'conflict',
      field: 'nationalId',
      value: row.nationalId,
      about: [byCard, byId],
      message:
        `Số thẻ đảng viên ${row.cardNumber} là của ${describe(byCard)}, ` +
        `nhưng số CCCD ${row.nationalId} là của ${describe(byId)}; hãy kiểm tra lại dòng này.`,
    };
  }
  const person = byCard ?? byId;
  if (!person) return undefined;
  if (!sameIdentity(person, row)) {
    const field = byCard ? 'cardNumber' : 'nationalId';
    const value = row[field]!;
    const shown = [
      row.fullName,
      row.birthDate ? `sinh ngày ${formatDate(row.birthDate)}` : 'không có ngày sinh',
    ];
    return {
      kind: 'conflict',
      field,
      value,
      about: [person],
      message:
        `Trùng ${lowerFirst(FIELD_LABELS[field])} ${value} với ${describe(person)}, nhưng họ tên và ngày sinh ` +
        `ở dòng này (${shown.join(', ')}) không khớp: không cập nhật người đã có. ` +
        `Hãy kiểm tra lại ${lowerFirst(FIELD_LABELS[field])}.`,
    };
  }
  // Card numbers and 12-digit CCCDs are for life: one that disagrees with the stored one is a
  // typo on one side, and overwriting it would break every later match, so a human decides.
  for (const field of ['cardNumber', 'nationalId'] as const) {
    const mine = row[field];
    const theirs = person.values[field];
    if (mine && theirs && mine !== theirs) {
      const other = field === 'cardNumber' ? 'nationalId' : 'cardNumber';
      return {
        kind: 'conflict',
        field,
        value: mine,
        about: [person],
        message:
          `${FIELD_LABELS[other]} ${String(row[other])} là của ${describe(person)}, nhưng ${FIELD_LABELS[field]} ` +
          `trong tệp (${mine}) khác với ${FIELD_LABELS[field]} đã lưu (${theirs}); hãy kiểm tra lại.`,
      };
    }
  }
  return { kind: 'match', person };
}

/**
 * Whether a row found by identifier is the stored person: its name (letters only, see
 * `looseKey`) or its birth date (both known) must agree. A typo in one of them is corrected
 * by the import; a row agreeing on neither is someone else holding a mistyped number.
 */
function sameIdentity(person: Person, row: MemberRow): boolean {
  if (looseKey(row.fullName) === looseKey(String(person.values.fullName))) return true;
  return row.birthDate !== undefined && row.birthDate === person.values.birthDate;
}

function matchByNameAndBirth(people: Person[], row: MemberRow): Outcome {
  if (!row.birthDate) {
    if (row.cardNumber || row.nationalId) return { kind: 'create' };
    // A name alone cannot find this person again next time: importing twice would create two.
    return { kind: 'conflict', field: 'birthDate', message: UNIDENTIFIABLE };
  }
  const name = nameKey(row.fullName);
  const same = people.filter(
    (p) => p.values.birthDate === row.birthDate && nameKey(String(p.values.fullName)) === name,
  );
  if (same.length === 0) return { kind: 'create' };
  if (same.length > 1) {
    return {
      kind: 'conflict',
      field: 'fullName',
      value: row.fullName,
      about: same,
      message: `Có ${same.length} đảng viên cùng họ tên và ngày sinh với dòng này (${same.map(describe).join('; ')}); hãy ghi thêm số thẻ đảng viên hoặc số CCCD.`,
    };
  }
  const person = same[0]!;
  // Same name and birthday but a different card or CCCD: two people, or a typo — a human decides.
  for (const field of ['cardNumber', 'nationalId'] as const) {
    const mine = row[field];
    const theirs = person.values[field];
    if (mine && theirs && mine !== theirs) {
      return {
        kind: 'conflict',
        field,
        value: mine,
        about: [person],
        message:
          `Trùng họ tên và ngày sinh với ${describe(person)} nhưng ${FIELD_LABELS[field]} khác ` +
          `(${mine} ≠ ${theirs}); hãy kiểm tra đây có phải cùng một người không.`,
      };
    }
  }
  return { kind: 'match', person };
}

/** What the row would change on a person: non-empty row values that differ from the stored ones. */
function changesFor(
  person: Pick<Person, 'values'>,
  row: MemberRow,
): { changes: FieldChanges; next: Person['values'] } {
  const changes: FieldChanges = {};
  const next: Person['values'] = {};
  const values = rowValues(row);
  for (const field of PLANNED_FIELDS) {
    const to = values[field];
    if (to === undefined) continue;
    // A default cell fills in for a file without cells; it must not move a stored member.
    if (field === 'cellId' && row.cellFromDefault) continue;
    const from = person.values[field];
    if (from === to) continue;
    changes[field] = { from: from ?? null, to };
    next[field] = to;
  }
  return { changes, next };
}

function rowValues(row: MemberRow): Person['values'] {
  const out: Person['values'] = {};
  for (const field of PLANNED_FIELDS) {
    const v = row[field];
    if (typeof v === 'number') out[field] = v;
    else if (typeof v === 'string') {
      const t = normalizeText(v);
      if (t !== '') out[field] = t;
    }
  }
  return out;
}

function storedValues(m: ExistingMember): Person['values'] {
  const out: Person['values'] = { cellId: m.cellId };
  for (const field of PLANNED_FIELDS) {
    if (field === 'cellId') continue;
    const v = m[field];
    if (typeof v === 'string' && normalizeText(v) !== '') out[field] = normalizeText(v);
  }
  return out;
}

/** "Số CCCD" → "số CCCD" (inside a sentence; the acronym keeps its capitals). */
function lowerFirst(label: string): string {
  return label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
}

function nameKey(name: string): string {
  return normalizeText(name).toLocaleLowerCase('vi');
}

/**
 * How a message names a person: a stored member with birth date and cell (or record number),
 * a row of this file by its row number, or — outside the importer's scope — nobody by name.
 */
function describe(p: Person): string {
  if (!p.visible) return 'một đảng viên thuộc tổ chức đảng khác trong hệ thống';
  const name = String(p.values.fullName);
  if (p.id === undefined) return `${name} ở dòng ${p.rowNumber}`;
  const birth = typeof p.values.birthDate === 'string' ? `sinh ngày ${formatDate(p.values.birthDate)}` : '';
  return `đảng viên ${name} (${[birth, p.cellName ?? `mã ${p.id}`].filter(Boolean).join(', ')})`;
}
