import { TimePicker } from '@mantine/dates';
import { IconClock } from '@tabler/icons-react';

interface TimeFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  required?: boolean;
  'data-testid'?: string;
}

/**
 * A time of day as `HH:mm` on a 24-hour clock whatever the device's language (a native time
 * input shows "07:30 PM" on some phones). Hours and minutes are typed, or picked in the list.
 */
export function TimeField({ label, value, onChange, error, description, required, ...rest }: TimeFieldProps) {
  return (
    <TimePicker
      label={label}
      value={value}
      onChange={(v) => onChange(v ? v.slice(0, 5) : '')}
      format="24h"
      withDropdown
      hoursInputLabel="Giờ"
      minutesInputLabel="Phút"
      hoursPlaceholder="giờ"
      minutesPlaceholder="phút"
      minutesStep={5}
      error={error}
      description={description}
      required={required}
      leftSection={<IconClock size={18} />}
      size="md"
      popoverProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
