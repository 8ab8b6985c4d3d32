/**
 * A member's dues for a year on the member's page: the base in force, the 12 months (paid, short
 * with or without a reason, not recorded) and the year's totals. Shown to the member themself and
 * to those who read the cell's ledger; nothing for anyone else.
 */
import { Anchor, Badge, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { VI_DUES as T } from '../../i18n/vi-dues.js';
import { VI_YEAR_FINISH } from '../../i18n/vi-year-finish.js';
import { formatDong, todayIso } from '../../lib/format.js';
import { useMemberDues } from './api.js';

export function MemberDues({ memberId }: { memberId: number }) {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const q = useMemberDues(memberId, year);
  if (!q.data) return null;
  const d = q.data;
  return (
    <Card withBorder padding="md" data-testid="member-dues">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={3}>{T.memberTitle(year)}</Title>
          <NativeSelect
            aria-label={T.month}
            value={String(year)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data={[0, 1, 2].map((i) => String(thisYear - i))}
          />
        </Group>
        <Group gap="sm" wrap="wrap">
          <Text size="sm">{T.memberBase(d.base.categoryLabel, formatDong(d.base.monthlyDue))}</Text>
          {d.canManage && (
            <Anchor
              component={Link}
              to={`/don-vi/${d.unitId}/dang-phi?muc-dong=${memberId}`}
              size="sm"
              data-testid="member-dues-base"
            >
              {VI_YEAR_FINISH.memberBaseLink}
            </Anchor>
          )}
        </Group>
        <SimpleGrid cols={{ base: 3, xs: 4, sm: 6 }} spacing="xs">
          {d.months.map((m) => {
            const color = !m.recorded
              ? 'gray'
              : m.unpaid
                ? 'red'
                : (m.paid ?? 0) < (m.due ?? 0)
                  ? 'yellow'
                  : 'green';
            const state = !m.recorded
              ? T.notYet
              : m.unpaid
                ? T.unpaid
                : (m.paid ?? 0) < (m.due ?? 0)
                  ? T.withReason
                  : T.ok;
            return (
              <Card key={m.month} withBorder padding={6} radius="sm">
                <Stack gap={2} align="center">
                  <Text size="sm" fw={700}>
                    {T.monthShort(m.month)}
                  </Text>
                  <Badge color={color} variant="light" size="sm" tt="none">
                    {state}
                  </Badge>
                  {m.recorded && (
                    <Text size="xs" c="dimmed" ta="center">
                      {formatDong(m.paid ?? 0)}
                    </Text>
                  )}
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
        <Group gap="md">
          <Text size="sm" fw={600}>
            {T.memberTotals(formatDong(d.totals.paid), formatDong(d.totals.due))}
          </Text>
          {d.totals.arrears > 0 && (
            <Text size="sm" c="orange.8" fw={600}>
              {T.memberArrears(formatDong(d.totals.arrears))}
            </Text>
          )}
          {d.totals.unpaidMonths > 0 && (
            <Badge color="red" variant="light" tt="none">
              {T.unpaidMonths(d.totals.unpaidMonths)}
            </Badge>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
