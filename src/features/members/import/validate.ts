/**
 * Checks the raw rows of a member spreadsheet and turns the good ones into member records.
 *
 * Every problem is reported with the row number and column label the user sees in Excel, in
 * Vietnamese, so a cell secretary can fix the file without help. A row with an error is left
 * out entirely rather than imported half-right: a member record is sensitive personal data
 * (Nghị định 13/2023) and a wrong date changes who may vote.
 */
import { formatDate } from '../../../domain/format.js';
import { normalizeText } from '../../../domain/vietnamese.js';
import type { RulePack } from '../../../rules/types.js';
import { addCalendarMonths, checkRecognition } from '../status-rules.js';
import { type DateOptions, readDate } from './dates.js';
import { FIELD_LABELS, type Field, looseKey } from './fields.js';
import type { CellValue, ParsedFile, RawRow } from './parse.js';

export interface RowIssue {
  row: number;
  /** The label as written in the file, or the canonical Vietnamese label if the column is absent. */
  column: string;
  columnLetter?: string;
  field: Field;
  value?: string;
  /** Vietnamese, says what is wrong and, where it can, how to fix it. */
  message: string;
}

export interface MemberRow {
  rowNumber: number;
  fullName: string;
  birthDate?: string;
  gender?: 'nam' | 'nu';
  admissionDate?: string;
  officialDate?: string;
  cardNumber?: string;
  nationalId?: string;
  phone?: string;
  ethnicity?: string;
  hometown?: string;
  address?: string;
  email?: string;
  notes?: string;
  cellId: number;
  /**
   * The file named no cell for this row and `cellId` is the default chosen on screen: it places
   * a new member but must not move a stored one (a thinner export changes nothing).
   */
  cellFromDefault?: boolean;
}

export interface ValidateContext {
  /** The cells of the unit being imported into. */
  cells: { id: number; name: string }[];
  defaultCellId?: number;
  /** ISO date of today (Asia/Ho_Chi_Minh). */
  today: string;
  /** From the unit's rule pack (membership section); the Điều lệ values by default. */
  rules?: ImportRules;
}

export type ImportRules = Pick<
  RulePack['membership'],
  'minAdmissionAge' | 'probationMonths' | 'earlyRecognition'
>;

export interface ValidationResult {
  rows: MemberRow[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** The Communist Party of Vietnam was founded on 3 February 1930: nobody joined before. */
const PARTY_FOUNDED = '1930-02-03';
const EARLIEST_BIRTH = '1900-01-01';
/** Defaults when the caller gives no rule pack values (Điều lệ Đảng, Điều 1 and Điều 5). */
const DEFAULT_RULES: ImportRules = {
  minAdmissionAge: 18,
  probationMonths: 12,
  earlyRecognition: {
    allowed: false,
    citation: 'Đảng viên dự bị được xét công nhận chính thức khi hết 12 tháng dự bị (Điều lệ Đảng, Điều 5)',
  },
};

export const UNIDENTIFIABLE =
  'Không nhận diện được đảng viên chỉ bằng họ tên: cần thêm ngày sinh, số thẻ đảng viên hoặc số CCCD.';

type Issue = Omit<RowIssue, 'row' | 'column' | 'columnLetter'>;

export function validateRows(parsed: ParsedFile, ctx: ValidateContext): ValidationResult {
  const columnOf = new Map(parsed.columns.map((c) => [c.field, c]));
  const place = (row: number, issue: Issue): RowIssue => {
    const col = columnOf.get(issue.field);
    return {
      row,
      column: col?.label ?? FIELD_LABELS[issue.field],
      ...(col ? { columnLetter: col.column } : {}),
      ...issue,
    };
  };
  const cells = cellMatcher(ctx.cells);
  const hasCellColumn = columnOf.has('cellName');

  const rows: MemberRow[] = [];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  type First = { row: number; name?: string };
  const firstRowWith = { cardNumber: new Map<string, First>(), nationalId: new Map<string, First>() };
  const firstRowWithNameAndBirth = new Map<string, number>();

  for (const raw of parsed.rows) {
    const check = checkRow(raw, ctx, cells, hasCellColumn, { date1904: parsed.date1904 });
    const rowErrors = check.errors;
    const { member } = check;
    // Duplicates are judged on well-formed values only, and the first occurrence is kept.
    for (const field of ['cardNumber', 'nationalId'] as const) {
      const value = member[field];
      if (value === undefined) continue;
      const first = firstRowWith[field].get(value);
      if (first === undefined) firstRowWith[field].set(value, { row: raw.rowNumber, name: member.fullName });
      else {
        // Name the other row's person: a number typed into the wrong row is then easy to spot.
        const who = first.name ? ` (${first.name})` : '';
        rowErrors.push({
          field,
          value,
          message: `${FIELD_LABELS[field]} '${value}' trùng với dòng ${first.row}${who}: mỗi đảng viên chỉ được có một dòng.`,
        });
      }
    }
    if (member.fullName && member.birthDate) {
      const key = `${member.fullName.toLocaleLowerCase('vi')}|${member.birthDate}`;
      const first = firstRowWithNameAndBirth.get(key);
      if (first === undefined) firstRowWithNameAndBirth.set(key, raw.rowNumber);
      else {
        check.warnings.push({
          field: 'fullName',
          value: member.fullName,
          message: `Trùng họ tên và ngày sinh với dòng ${first}: kiểm tra xem có phải một người được nhập hai lần không.`,
        });
      }
    }
    errors.push(...rowErrors.map((i) => place(raw.rowNumber, i)));
    warnings.push(...check.warnings.map((i) => place(raw.rowNumber, i)));
    if (rowErrors.length === 0 && member.fullName !== undefined && member.cellId !== undefined) {
      rows.push(member as MemberRow);
    }
  }
  return { rows, errors, warnings };
}

interface RowCheck {
  member: Partial<MemberRow> & { rowNumber: number };
  errors: Issue[];
  warnings: Issue[];
}

function checkRow(
  raw: RawRow,
  ctx: ValidateContext,
  cells: CellMatcher,
  hasCellColumn: boolean,
  dates: DateOptions,
): RowCheck {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const member: RowCheck['member'] = { rowNumber: raw.rowNumber };
  const v = raw.values;

  // Họ và tên
  const name = v.fullName === undefined ? undefined : asText(v.fullName);
  if (name === undefined) {
    errors.push({ field: 'fullName', message: `Thiếu ${FIELD_LABELS.fullName.toLowerCase()}.` });
  } else if (!/^[\p{L}\p{M}' ’-]+$/u.test(name)) {
    errors.push({
      field: 'fullName',
      value: name,
      message: `Họ và tên '${name}' có ký tự không hợp lệ (chữ số hoặc ký hiệu).`,
    });
  } else if (name.split(' ').length < 2) {
    errors.push({
      field: 'fullName',
      value: name,
      message: `Họ và tên '${name}' phải có ít nhất 2 từ (họ và tên).`,
    });
  } else {
    member.fullName = properCase(name);
  }

  // Dates
  for (const field of ['birthDate', 'admissionDate', 'officialDate'] as const) {
    const value = v[field];
    if (value === undefined) continue;
    const result = readDate(value, dates);
    const shown = display(value);
    const label = FIELD_LABELS[field];
    if (result.kind === 'year') {
      errors.push({
        field,
        value: shown,
        message: `${label} '${shown}' chỉ có năm; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).`,
      });
    } else if (result.kind === 'invalid') {
      errors.push({
        field,
        value: shown,
        message: `${label} '${shown}' không phải ngày hợp lệ (dd/mm/yyyy).`,
      });
    } else if (result.iso > ctx.today) {
      errors.push({
        field,
        value: shown,
        message: `${label} ${formatDate(result.iso)} ở sau ngày hôm nay (${formatDate(ctx.today)}).`,
      });
    } else if (field === 'birthDate' && result.iso < EARLIEST_BIRTH) {
      errors.push({
        field,
        value: shown,
        message: `${label} ${formatDate(result.iso)} không hợp lý (trước năm 1900).`,
      });
    } else if (field !== 'birthDate' && result.iso < PARTY_FOUNDED) {
      errors.push({
        field,
        value: shown,
        message: `${label} ${formatDate(result.iso)} không hợp lý: Đảng được thành lập ngày 03/02/1930.`,
      });
    } else {
      member[field] = result.iso;
    }
  }
  const { birthDate, admissionDate, officialDate } = member;
  const rules = ctx.rules ?? DEFAULT_RULES;
  if (birthDate && admissionDate) {
    if (admissionDate <= birthDate) {
      errors.push({
        field: 'admissionDate',
        value: formatDate(admissionDate),
        message: `Ngày vào Đảng ${formatDate(admissionDate)} phải sau ngày sinh ${formatDate(birthDate)}.`,
      });
    } else if (admissionDate < addCalendarMonths(birthDate, 12 * rules.minAdmissionAge)) {
      errors.push({
        field: 'admissionDate',
        value: formatDate(admissionDate),
        message:
          `Ngày vào Đảng ${formatDate(admissionDate)} khi chưa đủ ${rules.minAdmissionAge} tuổi ` +
          `(sinh ngày ${formatDate(birthDate)}); người vào Đảng phải từ đủ ${rules.minAdmissionAge} tuổi (Điều lệ Đảng, Điều 1).`,
      });
    }
  }
  if (admissionDate && officialDate) {
    if (officialDate < admissionDate) {
      errors.push({
        field: 'officialDate',
        value: formatDate(officialDate),
        message: `Ngày chính thức ${formatDate(officialDate)} không được trước ngày vào Đảng ${formatDate(admissionDate)}.`,
      });
    } else {
      // The rule of the status change (features/members/status-rules.ts): refused unless the
      // pack allows early recognition, and then only flagged.
      const check = checkRecognition(admissionDate, officialDate, rules);
      if (check.kind !== 'ok') {
        (check.kind === 'refused' ? errors : warnings).push({
          field: 'officialDate',
          value: formatDate(officialDate),
          message: check.message,
        });
      }
    }
  }

  // Giới tính
  if (v.gender !== undefined) {
    const shown = display(v.gender);
    const key = looseKey(shown);
    if (key === 'nam') member.gender = 'nam';
    else if (key === 'nu') member.gender = 'nu';
    else
      errors.push({
        field: 'gender',
        value: shown,
        message: `Giới tính '${shown}' không hợp lệ: ghi 'Nam' hoặc 'Nữ'.`,
      });
  }

  // Số CCCD
  if (v.nationalId !== undefined) {
    const shown = display(v.nationalId);
    let digits = typeof v.nationalId === 'number' ? integerText(v.nationalId) : shown.replace(/\s/g, '');
    // Excel stores a typed CCCD as a number unless the cell is Text, dropping leading zeros
    // (every CCCD of Hà Nội starts with 001); 9–11 digits left means exactly that happened.
    if (typeof v.nationalId === 'number' && digits !== undefined && /^\d{9,11}$/.test(digits)) {
      const padded = digits.padStart(12, '0');
      warnings.push({
        field: 'nationalId',
        value: shown,
        message: `Số CCCD ${shown} được lưu dạng số nên mất số 0 ở đầu; đã bổ sung thành '${padded}', hãy kiểm tra.`,
      });
      digits = padded;
    }
    if (digits !== undefined && /^\d{12}$/.test(digits)) member.nationalId = digits;
    else
      errors.push({
        field: 'nationalId',
        value: shown,
        message: `Số CCCD '${shown}' phải gồm đúng 12 chữ số.`,
      });
  }

  // Số thẻ đảng viên
  if (v.cardNumber !== undefined) {
    const shown = display(v.cardNumber);
    const digits = typeof v.cardNumber === 'number' ? integerText(v.cardNumber) : shown.replace(/[\s.]/g, '');
    if (digits !== undefined && /^\d{6,12}$/.test(digits)) member.cardNumber = digits;
    else {
      errors.push({
        field: 'cardNumber',
        value: shown,
        message: `Số thẻ đảng viên '${shown}' không hợp lệ: phải gồm từ 6 đến 12 chữ số.`,
      });
    }
  }

  // Số điện thoại
  if (v.phone !== undefined) {
    const shown = display(v.phone);
    let digits = typeof v.phone === 'number' ? integerText(v.phone) : shown.replace(/[\s.()-]/g, '');
    if (digits !== undefined) {
      if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
      else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
      else if (typeof v.phone === 'number' && /^[1-9]\d{8,9}$/.test(digits)) {
        // Same story as CCCD: a number cell drops the leading 0 of every Vietnamese number.
        warnings.push({
          field: 'phone',
          value: shown,
          message: `Số điện thoại ${shown} được lưu dạng số nên mất số 0 ở đầu; đã bổ sung thành '0${digits}'.`,
        });
        digits = `0${digits}`;
      }
    }
    if (digits !== undefined && /^0\d{9,10}$/.test(digits)) member.phone = digits;
    else {
      errors.push({
        field: 'phone',
        value: shown,
        message: `Số điện thoại '${shown}' không hợp lệ: cần 10–11 chữ số, bắt đầu bằng 0 hoặc +84.`,
      });
    }
  }

  // Email
  if (v.email !== undefined) {
    const shown = display(v.email);
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(shown)) member.email = shown;
    else
      errors.push({
        field: 'email',
        value: shown,
        message: `Email '${shown}' không đúng định dạng (ví dụ: ten@example.vn).`,
      });
  }

  // Free text
  for (const field of ['ethnicity', 'hometown', 'address', 'notes'] as const) {
    const value = v[field];
    if (value !== undefined) member[field] = asText(value);
  }

  // Without any of these a re-import could not find the person again and would add a twin.
  if (
    member.fullName &&
    v.birthDate === undefined &&
    v.cardNumber === undefined &&
    v.nationalId === undefined
  ) {
    errors.push({ field: 'birthDate', message: UNIDENTIFIABLE });
  }

  // Chi bộ
  const cellName = v.cellName === undefined ? undefined : display(v.cellName);
  if (cellName === undefined) {
    if (ctx.defaultCellId !== undefined) {
      member.cellId = ctx.defaultCellId;
      member.cellFromDefault = true;
    } else {
      errors.push({
        field: 'cellName',
        message: hasCellColumn
          ? 'Không xác định được chi bộ: ô Chi bộ để trống và chưa chọn chi bộ mặc định.'
          : 'Không xác định được chi bộ: tệp không có cột Chi bộ và chưa chọn chi bộ mặc định.',
      });
    }
  } else {
    const found = cells(cellName);
    if (found.kind === 'one') member.cellId = found.id;
    else if (found.kind === 'many') {
      errors.push({
        field: 'cellName',
        value: cellName,
        message: `Chi bộ '${cellName}' khớp với nhiều chi bộ (${found.names.join(', ')}); hãy ghi đúng tên đầy đủ.`,
      });
    } else {
      errors.push({
        field: 'cellName',
        value: cellName,
        message: `Chi bộ '${cellName}' không thuộc đơn vị đang nhập. Các chi bộ của đơn vị: ${listNames(ctx.cells)}.`,
      });
    }
  }

  return { member, errors, warnings };
}

// ---------------------------------------------------------------------------------------------

type CellMatch = { kind: 'one'; id: number } | { kind: 'many'; names: string[] } | { kind: 'none' };
type CellMatcher = (name: string) => CellMatch;

/**
 * Cell names are typed by hand: try the exact name (any case), then without diacritics, then
 * without the "Chi bộ" prefix — and refuse to guess when a looser key fits several cells.
 */
function cellMatcher(cells: ValidateContext['cells']): CellMatcher {
  const keys: ((s: string) => string)[] = [
    (s) => normalizeText(s).toLocaleLowerCase('vi'),
    looseKey,
    (s) => looseKey(s).replace(/^chi bo\s+/, ''),
  ];
  // Each cell's keys once, not once per row: a province file names hundreds of cells 100 000 times.
  const byKey = keys.map((key) => {
    const map = new Map<string, ValidateContext['cells']>();
    for (const c of cells) {
      const k = key(c.name);
      map.set(k, [...(map.get(k) ?? []), c]);
    }
    return map;
  });
  return (name) => {
    for (const [i, key] of keys.entries()) {
      const hits = byKey[i]!.get(key(name)) ?? [];
      if (hits.length === 1) return { kind: 'one', id: hits[0]!.id };
      if (hits.length > 1) return { kind: 'many', names: hits.map((c) => c.name) };
    }
    return { kind: 'none' };
  };
}

function listNames(cells: ValidateContext['cells']): string {
  if (cells.length === 0) return '(chưa có chi bộ nào)';
  const shown = cells.slice(0, 10).map((c) => c.name);
  return cells.length > 10 ? `${shown.join(', ')}, … (${cells.length} chi bộ)` : shown.join(', ');
}

/** A cell as the user would read it in Excel: dates as dd/mm/yyyy, whole numbers without exponent. */
function display(value: CellValue): string {
  if (value instanceof Date) return formatDate(value.toISOString().slice(0, 10));
  if (typeof value === 'number') return integerText(value) ?? String(value);
  return value;
}

function asText(value: CellValue): string | undefined {
  const t = normalizeText(display(value));
  return t === '' ? undefined : t;
}

function integerText(n: number): string | undefined {
  return Number.isSafeInteger(n) && n >= 0 ? n.toFixed(0) : undefined;
}

/** "NGUYỄN VĂN AN" or "nguyễn văn an" → "Nguyễn Văn An"; mixed case is left as typed. */
function properCase(name: string): string {
  const upper = name.toLocaleUpperCase('vi');
  const lower = name.toLocaleLowerCase('vi');
  if (name !== upper && name !== lower) return name;
  return lower
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');
}
