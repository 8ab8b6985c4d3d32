import { DateInput, DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { formatDate, parseVietnameseDate } from '../../../src/domain/format.js';

interface DateFieldProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  description?: string;
  required?: boolean;
  clearable?: boolean;
  maxDate?: string;
  minDate?: string;
  disabled?: boolean;
  'data-testid'?: string;
}

/** Days in the calendar are labelled dd/mm/yyyy for screen readers (and for the e2e journeys). */
const dayLabel = (d: string) => formatDate(d);

/**
 * A date chosen from a calendar (Mantine DatePickerInput), shown dd/mm/yyyy. Values are ISO
 * `YYYY-MM-DD` strings, as the API speaks.
 */
export function DatePickerField({
  label,
  value,
  onChange,
  error,
  description,
  required,
  clearable,
  maxDate,
  minDate,
  disabled,
  ...rest
}: DateFieldProps) {
  return (
    <DatePickerInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      error={error}
      description={description}
      required={required}
      clearable={clearable}
      maxDate={maxDate}
      minDate={minDate}
      disabled={disabled}
      leftSection={<IconCalendar size={18} />}
      getDayAriaLabel={dayLabel}
      size="md"
      popoverProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}

/**
 * A date typed as dd/mm/yyyy (or picked): better than a calendar for birth and admission dates
 * decades back, which an elderly secretary copies from paper records.
 */
export function DateTypeField({
  label,
  value,
  onChange,
  error,
  description,
  required,
  clearable = true,
  maxDate,
  minDate,
  disabled,
  ...rest
}: DateFieldProps) {
  return (
    <DateInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      dateParser={(s) => parseVietnameseDate(s) ?? null}
      placeholder="dd/mm/yyyy"
      error={error}
      description={description}
      required={required}
      clearable={clearable}
      maxDate={maxDate}
      minDate={minDate}
      disabled={disabled}
      leftSection={<IconCalendar size={18} />}
      getDayAriaLabel={dayLabel}
      size="md"
      data-testid={rest['data-testid']}
    />
  );
}
