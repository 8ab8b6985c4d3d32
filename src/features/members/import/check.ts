/**
 * The CPU half of an import check, with no database and no actor: read the file, validate the
 * rows, then — once the caller has looked up who the rows could be — plan them. It runs in a
 * worker thread (worker.ts, ADR 018) so that a 100 000-row file never stalls the server; the
 * caller answers the lookups from the database in small chunks.
 */
import { formatNumber } from '../../../domain/format.js';
import type { LookupKeys } from './off-thread.js';
import { ImportFileError, type ParsedColumn, type ParseLimits, parseMemberFile } from './parse.js';
import { type ExistingMember, type ImportPlan, nameKey, planImport } from './plan.js';
import { type MemberRow, type RowIssue, type ValidateContext, validateRows } from './validate.js';

export interface ImportLimits extends ParseLimits {
  /** Member rows one file may hold (IMPORT_MAX_ROWS). */
  maxRows: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxRows: 20_000, maxUnzippedBytes: 50 * 1024 * 1024 };

export interface StoredPlan {
  create: MemberRow[];
  update: (ImportPlan['update'][number] & { fullName?: string })[];
  unchanged: ImportPlan['unchanged'];
}

/** A stored member a row could be, with what the importer may do about them. */
export interface Candidate extends ExistingMember {
  /** The importer may change this member (inside their subtree); the CLI operator may change anyone. */
  manageable: boolean;
}

/** The rows as validated, before anyone is looked up. */
export interface CheckedRows {
  totalRows: number;
  columns: ParsedColumn[];
  rows: MemberRow[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

export type FileRefusal = { fileError: string; code?: string };

export async function checkRows(
  bytes: Buffer,
  fileName: string,
  ctx: ValidateContext,
  limits: ImportLimits,
): Promise<CheckedRows | FileRefusal> {
  let parsed: Awaited<ReturnType<typeof parseMemberFile>>;
  try {
    parsed = await parseMemberFile(bytes, fileName, limits);
  } catch (err) {
    if (err instanceof ImportFileError)
      return { fileError: err.message, ...(err.code ? { code: err.code } : {}) };
    throw err;
  }
  const total = parsed.rows.length;
  if (total > limits.maxRows) {
    return {
      code: 'IMPORT_TOO_MANY_ROWS',
      fileError:
        `Tệp '${fileName}' có ${formatNumber(total)} dòng đảng viên, vượt giới hạn ${formatNumber(limits.maxRows)} dòng ` +
        'của một lần nhập (thiết lập IMPORT_MAX_ROWS). Hãy chia tệp thành nhiều phần, hoặc đề nghị quản trị hệ thống nâng giới hạn.',
    };
  }
  const result = validateRows(parsed, ctx);
  const errors = [...result.errors];
  const admission = parsed.columns.find((c) => c.field === 'admissionDate');
  // A member record needs its admission date: it decides rank and voting rights on every date.
  const rows = result.rows.filter((r) => {
    if (r.admissionDate) return true;
    errors.push({
      row: r.rowNumber,
      column: admission?.label ?? 'Ngày vào Đảng',
      columnLetter: admission?.column,
      field: 'admissionDate',
      message: 'Thiếu ngày vào Đảng: cần để xác định đảng viên dự bị hay chính thức.',
    });
    return false;
  });
  return { totalRows: total, columns: parsed.columns, rows, errors, warnings: [...result.warnings] };
}

/**
 * What the lookup asks the database, in chunks of at most `chunk` keys of each kind: the card
 * numbers and CCCDs of the rows, and the (name, birth date) pairs a stored member must have for
 * name + birth date matching to ever pick them. A member found by name alone, born on another
 * day than every row of that name, can never be matched (plan.ts), and a province registry
 * holds hundreds of people of each common name: asking by name only would fetch them all, for
 * every chunk. The pairs are the file's exact names (the query compares names exactly), each with
 * the birth dates of all rows whose name matches it in planning (`nameKey`, whatever the case).
 */
export function lookupKeys(rows: MemberRow[], chunk: number): LookupKeys[] {
  const births = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.birthDate) continue;
    const key = nameKey(r.fullName);
    const set = births.get(key) ?? new Set<string>();
    set.add(r.birthDate);
    births.set(key, set);
  }
  const names: string[] = [];
  const dates: string[] = [];
  for (const name of new Set(rows.map((r) => r.fullName))) {
    for (const b of births.get(nameKey(name)) ?? []) {
      names.push(name);
      dates.push(b);
    }
  }
  const cards = [...new Set(rows.flatMap((r) => (r.cardNumber ? [r.cardNumber] : [])))];
  const ids = [...new Set(rows.flatMap((r) => (r.nationalId ? [r.nationalId] : [])))];
  const out: LookupKeys[] = [];
  const n = Math.max(cards.length, ids.length, names.length);
  for (let i = 0; i < n; i += chunk) {
    out.push({
      cards: cards.slice(i, i + chunk),
      ids: ids.slice(i, i + chunk),
      names: names.slice(i, i + chunk),
      births: dates.slice(i, i + chunk),
    });
  }
  return out;
}

/** Plans the rows against the members they could be; errors and warnings come out sorted by row. */
export function finishPlan(
  checked: CheckedRows,
  candidates: Candidate[],
): { errors: RowIssue[]; warnings: RowIssue[]; plan: StoredPlan } {
  const errors = [...checked.errors];
  const warnings = [...checked.warnings];
  // Looked up in chunks, a member may come back more than once; by id, so the plan never
  // depends on the order the chunks answered in.
  const byId = new Map<number, Candidate>();
  for (const c of candidates) byId.set(c.id, c);
  const existing = [...byId.values()].sort((a, b) => a.id - b.id);
  const plan = planImport(existing, checked.rows);
  const columnOf = new Map(checked.columns.map((c) => [c.field, c]));
  // Cite the column as the file labels it, like validation does, so the user finds the cell.
  for (const c of plan.conflicts) {
    const col = columnOf.get(c.field);
    errors.push(col ? { ...c, column: col.label, columnLetter: col.column } : c);
  }
  const update: StoredPlan['update'] = [];
  for (const u of plan.update) {
    const m = byId.get(u.id)!;
    // A person registered outside the importer's subtree is not theirs to change (nor to reveal).
    if (!m.manageable) {
      errors.push({
        row: u.rowNumber,
        column: 'Số thẻ đảng viên / Số CCCD',
        field: 'cardNumber',
        message:
          'Đảng viên này đang thuộc một tổ chức đảng khác trong hệ thống; hãy làm thủ tục chuyển sinh hoạt.',
      });
      continue;
    }
    const { cellId, ...changes } = u.changes;
    if (cellId) {
      warnings.push({
        row: u.rowNumber,
        column: 'Chi bộ',
        field: 'cellName',
        message:
          'Đảng viên đang sinh hoạt ở chi bộ khác; nhập tệp không chuyển sinh hoạt (hãy dùng chức năng chuyển sinh hoạt).',
      });
    }
    if (Object.keys(changes).length > 0) update.push({ ...u, changes, fullName: m.fullName });
    else plan.unchanged.push({ id: u.id, rowNumber: u.rowNumber });
  }
  errors.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);
  return { errors, warnings, plan: { create: plan.create, update, unchanged: plan.unchanged } };
}
