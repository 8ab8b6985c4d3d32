/**
 * A date of the chi ủy form (YYYY-MM-DD), dd/mm/yyyy on screen: the house DatePickerField's look
 * with a named clear button and a placeholder dark enough to read (the rows' optional dates are
 * often empty).
 */
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { CALENDAR_PROPS } from '../../components/DateField.js';

export function CommitteeDateField({
  label,
  value,
  onChange,
  error,
  clearable,
}: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
  clearable?: boolean;
}) {
  return (
    <DatePickerInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      error={error}
      clearable={clearable}
      clearButtonProps={{ 'aria-label': `Xóa ${label.toLowerCase()}` }}
      leftSection={<IconCalendar size={18} />}
      {...CALENDAR_PROPS}
      size="md"
      popoverProps={{ withinPortal: true }}
      styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
    />
  );
}
