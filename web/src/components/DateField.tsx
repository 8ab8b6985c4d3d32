import { DateInput, DatePickerInput, type DayOfWeek } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { parseVietnameseDate } from '../../../src/domain/format.js';

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

/** The calendar's arrows, named in Vietnamese (Mantine's defaults are English or empty). */
export const CALENDAR_LABELS = {
  previousMonth: 'Tháng trước',
  nextMonth: 'Tháng sau',
  previousYear: 'Năm trước',
  nextYear: 'Năm sau',
  previousDecade: 'Mười năm trước',
  nextDecade: 'Mười năm sau',
};

/**
 * A day's name for screen readers (and the e2e journeys), `15/01/2027`; days 1–9 unpadded
 * (`1/12/2026`) so the name contains the digit the button shows (axe label-content-name-mismatch).
 */
export function calendarDayName(d: string): string {
  const [y, m, day] = String(d).slice(0, 10).split('-');
  return `${Number(day)}/${m}/${y}`;
}

/**
 * What every calendar of the app shares (ADR 041): named arrows and days; weekends in the body
 * colour and no days of other months, both of which Mantine draws too pale to read.
 */
export const CALENDAR_PROPS = {
  getDayAriaLabel: calendarDayName,
  ariaLabels: CALENDAR_LABELS,
  weekendDays: [] as DayOfWeek[],
  hideOutsideDates: true,
};

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
      {...CALENDAR_PROPS}
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
      {...CALENDAR_PROPS}
      size="md"
      data-testid={rest['data-testid']}
    />
  );
}
