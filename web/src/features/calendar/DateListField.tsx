/**
 * Several dates of one year: each chosen date is a chip ("Thứ Hai 27/01/2025 ×"), a calendar picker
 * (DateField) adds the next one. Problems from the server are listed under the field.
 */
import { ActionIcon, Badge, Group, Input, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { weekdayName } from '../../../../src/domain/calendar/holidays.js';
import { DatePickerField } from '../../components/DateField.js';
import { CALENDAR } from '../../i18n/vi-calendar.js';
import { formatDate } from '../../lib/format.js';

const t = CALENDAR.form;

export function DateListField({
  label,
  description,
  year,
  value,
  onChange,
  errors,
  testId,
}: {
  label: string;
  description: string;
  year: number | null;
  value: string[];
  onChange: (dates: string[]) => void;
  errors?: string[];
  testId: string;
}) {
  const add = (d: string | null) => {
    if (d && !value.includes(d)) onChange([...value, d].sort());
  };
  const inYear = year !== null && Number.isInteger(year);
  return (
    <Input.Wrapper label={label} description={description} size="md" data-testid={testId}>
      <Stack gap="xs" mt={6}>
        {value.length === 0 ? (
          <Text c="dimmed">{t.noDates}</Text>
        ) : (
          <Group gap="xs">
            {value.map((d) => (
              <Badge
                key={d}
                size="xl"
                variant="light"
                tt="none"
                color={errors?.some((e) => e.includes(formatDate(d))) ? 'red' : 'blue'}
                rightSection={
                  <ActionIcon
                    size="sm"
                    variant="transparent"
                    color="dark"
                    aria-label={t.removeDate(formatDate(d))}
                    onClick={() => onChange(value.filter((x) => x !== d))}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                }
              >
                {weekdayName(d)} {formatDate(d)}
              </Badge>
            ))}
          </Group>
        )}
        <DatePickerField
          label={t.addDate}
          value={null}
          onChange={add}
          minDate={inYear ? `${year}-01-01` : undefined}
          maxDate={inYear ? `${year}-12-31` : undefined}
          disabled={!inYear}
          data-testid={`${testId}-add`}
        />
        {errors?.map((e) => (
          <Text key={e} c="red.8" size="md" role="alert">
            {e}
          </Text>
        ))}
      </Stack>
    </Input.Wrapper>
  );
}
