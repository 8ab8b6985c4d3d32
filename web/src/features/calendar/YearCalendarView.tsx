/** One year's effective days off, grouped by holiday period, in large type (read by everyone). */
import { Group, List, Stack, Text, Title } from '@mantine/core';
import { CALENDAR } from '../../i18n/vi-calendar.js';
import { formatDate } from '../../lib/format.js';
import type { YearCalendar } from './api.js';

const t = CALENDAR;
const day = (weekday: string, date: string) => `${weekday} ${formatDate(date)}`;

export function YearCalendarView({ calendar }: { calendar: YearCalendar }) {
  return (
    <Stack gap="md" data-testid={`calendar-${calendar.year}`}>
      <Title order={3} size="h4">
        {t.periods}
      </Title>
      {calendar.periods.map((p) => {
        const first = p.days[0]!;
        const last = p.days.at(-1)!;
        return (
          <Stack key={p.from} gap={4} data-testid="holiday-period">
            <Group gap="xs" wrap="wrap" align="baseline">
              <Text fw={700} size="lg">
                {p.title}
              </Text>
              <Text fw={600} size="md" c="partyRed.8">
                {t.period(day(first.weekday, p.from), day(last.weekday, p.to), p.days.length)}
              </Text>
            </Group>
            <List spacing={2} size="md" pl="xs">
              {p.days.map((d) => (
                <List.Item key={d.date}>
                  <Text span fw={d.dayOff ? 600 : 400} c={d.dayOff ? undefined : 'dimmed'}>
                    {day(d.weekday, d.date)}
                  </Text>
                  <Text span c={d.dayOff ? undefined : 'dimmed'}>
                    {' — '}
                    {d.names.join('; ')}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        );
      })}
      {calendar.workingDays.length > 0 && (
        <Stack gap={4}>
          <Title order={3} size="h4">
            {t.workingDays}
          </Title>
          <List spacing={2} size="md" pl="xs">
            {calendar.workingDays.map((w) => (
              <List.Item key={w.date}>
                <Text span fw={600}>
                  {day(w.weekday, w.date)}
                </Text>
                <Text span>
                  {' — '}
                  {t.insteadOf(w.insteadOf)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
