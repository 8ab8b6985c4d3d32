/**
 * The columns of a member spreadsheet (DOMAIN.md §3): the canonical fields, their Vietnamese
 * labels as the national party-member database exports them, and the label variants seen in
 * files from the wild. The exporter writes the canonical labels, so its files re-import.
 */
import { normalizeText, stripDiacritics } from '../../../domain/vietnamese.js';

export const FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'hometown',
  'address',
  'admissionDate',
  'officialDate',
  'cardNumber',
  'cellName',
  'nationalId',
  'phone',
  'email',
  'notes',
] as const;
export type Field = (typeof FIELDS)[number];

/** The label each field is written under on export and cited under when a column is absent. */
export const FIELD_LABELS: Record<Field, string> = {
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  ethnicity: 'Dân tộc',
  hometown: 'Quê quán',
  address: 'Nơi ở hiện nay',
  admissionDate: 'Ngày vào Đảng',
  officialDate: 'Ngày chính thức',
  cardNumber: 'Số thẻ đảng viên',
  cellName: 'Chi bộ',
  nationalId: 'Số CCCD',
  phone: 'Số điện thoại',
  email: 'Email',
  notes: 'Ghi chú',
};

export const REQUIRED_FIELDS: readonly Field[] = ['fullName'];

const VARIANTS: Record<Field, string[]> = {
  fullName: [
    'Họ và tên',
    'Họ tên',
    'Họ và tên đảng viên',
    'Họ tên đảng viên',
    'Họ và tên khai sinh',
    'Tên đảng viên',
  ],
  birthDate: [
    'Ngày sinh',
    'Sinh ngày',
    'Ngày tháng năm sinh',
    'Ngày, tháng, năm sinh',
    'Ngày/tháng/năm sinh',
  ],
  gender: ['Giới tính', 'Giới'],
  ethnicity: ['Dân tộc'],
  hometown: ['Quê quán', 'Nguyên quán'],
  address: [
    'Nơi ở hiện nay',
    'Nơi ở hiện tại',
    'Chỗ ở hiện nay',
    'Địa chỉ',
    'Nơi cư trú',
    'Địa chỉ thường trú',
    'Nơi thường trú',
  ],
  admissionDate: [
    'Ngày vào Đảng',
    'Ngày kết nạp',
    'Ngày kết nạp Đảng',
    'Ngày kết nạp vào Đảng',
    'Ngày vào Đảng lần đầu',
    // A "Ngày vào Đảng" group over "Dự bị | Chính thức" sub-columns, read as one label.
    'Ngày vào Đảng dự bị',
  ],
  officialDate: [
    'Ngày chính thức',
    'Ngày công nhận chính thức',
    'Ngày được công nhận chính thức',
    'Ngày chuyển chính thức',
    'Ngày vào Đảng chính thức',
  ],
  cardNumber: ['Số thẻ đảng viên', 'Số thẻ Đảng', 'Số thẻ ĐV', 'Số thẻ', 'Số thẻ đảng'],
  cellName: ['Chi bộ', 'Tên chi bộ', 'Chi bộ sinh hoạt', 'Chi bộ đang sinh hoạt', 'Sinh hoạt tại chi bộ'],
  nationalId: [
    'Số CCCD',
    'CCCD',
    'Số định danh cá nhân',
    'Số định danh',
    'Số CMND/CCCD',
    'CMND/CCCD',
    'Số CCCD/CMND',
    'Số căn cước',
    'Số căn cước công dân',
    'Căn cước công dân',
  ],
  phone: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Số ĐT', 'ĐT', 'Điện thoại di động', 'Số di động'],
  email: ['Email', 'E-mail', 'Thư điện tử', 'Địa chỉ email'],
  notes: ['Ghi chú'],
};

/** Ordinal columns that carry no data (số thứ tự). */
const IGNORED = ['STT', 'TT', 'Số TT', 'Số thứ tự'];

/**
 * A comparison key for labels and names: NFC, no diacritics, lower case, punctuation as
 * spaces, and without the `*` / `(*)` that exports put on required columns.
 */
export function looseKey(s: string): string {
  return stripDiacritics(normalizeText(s))
    .toLowerCase()
    .replace(/\(\s*\*\s*\)|\*/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, Field>();
for (const field of FIELDS) for (const label of VARIANTS[field]) BY_KEY.set(looseKey(label), field);
const IGNORED_KEYS = new Set(IGNORED.map(looseKey));

export type LabelMatch = { kind: 'field'; field: Field } | { kind: 'ignored' } | { kind: 'unknown' };

export function matchLabel(label: string): LabelMatch {
  const key = looseKey(label);
  if (key === '') return { kind: 'unknown' };
  const field = BY_KEY.get(key);
  if (field) return { kind: 'field', field };
  if (IGNORED_KEYS.has(key)) return { kind: 'ignored' };
  return { kind: 'unknown' };
}
