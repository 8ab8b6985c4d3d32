import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { z } from 'zod';
import { DateTypeField } from '../../components/DateField.js';
import { vi } from '../../i18n/vi.js';
import { todayIso } from '../../lib/format.js';

/** Personal details as edited in forms: strings, '' for empty, ISO dates or null. */
export interface DetailValues {
  fullName: string;
  birthDate: string | null;
  gender: string | null;
  ethnicity: string;
  hometown: string;
  address: string;
  phone: string;
  email: string;
  cardNumber: string;
  nationalId: string;
  notes: string;
}

export type DetailField = keyof DetailValues;

export const emptyDetails: DetailValues = {
  fullName: '',
  birthDate: null,
  gender: null,
  ethnicity: 'Kinh',
  hometown: '',
  address: '',
  phone: '',
  email: '',
  cardNumber: '',
  nationalId: '',
  notes: '',
};

/** The body the API expects: empty text becomes null so a cleared field is erased. */
export function detailsBody(v: DetailValues, fields: readonly DetailField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = v[f];
    // The name is never null: an empty one is reported as missing, not as the wrong type.
    if (f === 'fullName') out[f] = v.fullName.trim();
    else out[f] = typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;
  }
  return out;
}

/** zod issues → one Vietnamese message per field (the first one). */
export function issuesByField(error: z.ZodError, values?: { fullName?: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  if (values && typeof values.fullName === 'string' && values.fullName.trim() === '')
    out.fullName = vi.validation.nameRequired;
  for (const i of error.issues) {
    const key = String(i.path[0] ?? '');
    if (key && !out[key]) out[key] = i.message;
  }
  return out;
}

interface Props {
  values: DetailValues;
  set: <K extends DetailField>(field: K, value: DetailValues[K]) => void;
  errors: Record<string, string>;
  /** Fields the person may see and edit (identity and contact fields are hidden otherwise). */
  fields: readonly DetailField[];
  section?: 'personal' | 'contact';
}

export function MemberFields({ values, set, errors, fields, section }: Props) {
  const has = (f: DetailField) => fields.includes(f);
  const text = (f: DetailField, label: string, extra: Record<string, unknown> = {}) =>
    has(f) && (
      <TextInput
        label={label}
        value={values[f] as string}
        onChange={(e) => set(f, e.currentTarget.value)}
        error={errors[f]}
        {...extra}
      />
    );
  if (section === 'contact') {
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text('phone', vi.member.phone, { inputMode: 'tel', autoComplete: 'off' })}
        {text('email', vi.member.email, { inputMode: 'email' })}
        {text('nationalId', vi.member.nationalId, {
          inputMode: 'numeric',
          description: vi.text.nationalIdHelp,
        })}
        {text('cardNumber', vi.member.cardNumber, { inputMode: 'numeric' })}
        {has('address') && (
          <TextInput
            label={vi.member.address}
            value={values.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            error={errors.address}
            style={{ gridColumn: '1 / -1' }}
          />
        )}
        {has('notes') && (
          <Textarea
            label={vi.member.notes}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
            autosize
            minRows={2}
            style={{ gridColumn: '1 / -1' }}
          />
        )}
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {has('fullName') && (
        <TextInput
          label={vi.member.fullName}
          value={values.fullName}
          onChange={(e) => set('fullName', e.currentTarget.value)}
          error={errors.fullName}
          required
          style={{ gridColumn: '1 / -1' }}
          data-autofocus
        />
      )}
      {has('birthDate') && (
        <DateTypeField
          label={vi.member.birthDate}
          value={values.birthDate}
          onChange={(v) => set('birthDate', v)}
          error={errors.birthDate}
          maxDate={todayIso()}
        />
      )}
      {has('gender') && (
        <Select
          label={vi.member.gender}
          data={[
            { value: 'nam', label: vi.member.genders.nam! },
            { value: 'nu', label: vi.member.genders.nu! },
          ]}
          value={values.gender}
          onChange={(v) => set('gender', v)}
          error={errors.gender}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {text('ethnicity', vi.member.ethnicity)}
      {text('hometown', vi.member.hometown)}
      {section === undefined && (
        <>
          {text('phone', vi.member.phone, { inputMode: 'tel' })}
          {text('email', vi.member.email, { inputMode: 'email' })}
          {text('nationalId', vi.member.nationalId, {
            inputMode: 'numeric',
            description: vi.text.nationalIdHelp,
          })}
          {text('cardNumber', vi.member.cardNumber, { inputMode: 'numeric' })}
          {has('address') && (
            <TextInput
              label={vi.member.address}
              value={values.address}
              onChange={(e) => set('address', e.currentTarget.value)}
              error={errors.address}
              style={{ gridColumn: '1 / -1' }}
            />
          )}
          {has('notes') && (
            <Textarea
              label={vi.member.notes}
              value={values.notes}
              onChange={(e) => set('notes', e.currentTarget.value)}
              error={errors.notes}
              autosize
              minRows={2}
              style={{ gridColumn: '1 / -1' }}
            />
          )}
        </>
      )}
    </SimpleGrid>
  );
}
