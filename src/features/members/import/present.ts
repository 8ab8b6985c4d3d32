/**
 * The planned changes of an import as the preview shows them: Vietnamese labels and values
 * ("Giới tính: Nữ → Nam", dates as dd/mm/yyyy, cell names), never stored codes or ids.
 */
import { formatDate } from '../../../domain/format.js';
import { GENDER_LABELS } from '../labels.js';
import { FIELD_LABELS, type Field } from './fields.js';
import { type FieldChanges, PLANNED_FIELDS } from './plan.js';

export interface ShownChange {
  field: Field | 'cellId';
  label: string;
  /** '' when the stored value was empty. */
  from: string;
  to: string;
}

const DATE_FIELDS = new Set<string>(['birthDate', 'admissionDate', 'officialDate']);

export function shownValue(
  field: Field | 'cellId',
  value: unknown,
  cellNames: ReadonlyMap<number, string>,
): string {
  if (value === null || value === undefined || value === '') return '';
  if (field === 'cellId') return cellNames.get(Number(value)) ?? `Chi bộ (mã ${String(value)})`;
  if (field === 'gender') return GENDER_LABELS[value as keyof typeof GENDER_LABELS] ?? String(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value);
  return String(value);
}

/** In the order of the member form (a stored plan's JSON keys come back in any order). */
export function shownChanges(changes: FieldChanges, cellNames: ReadonlyMap<number, string>): ShownChange[] {
  return PLANNED_FIELDS.flatMap((field) => {
    const c = changes[field];
    if (!c) return [];
    return [
      {
        field,
        label: field === 'cellId' ? FIELD_LABELS.cellName : FIELD_LABELS[field],
        from: shownValue(field, c.from, cellNames),
        to: shownValue(field, c.to, cellNames),
      },
    ];
  });
}
