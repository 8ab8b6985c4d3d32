/**
 * The committee overview's grading card: the year's share of each level for organisations and
 * members ("19,64% (11/56)"), with a link to the statistics page. Shown to those who see the
 * whole unit (not the limited overview of a cell's roles).
 */
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { VI_GRADING_STATS as T } from '../../i18n/vi-grading-stats.js';
import { formatNumber } from '../../lib/format.js';
import { LEVEL_COLORS } from './GradingStatsParts.js';
import { type GradeRowView, useGradingStatistics } from './statsApi.js';

function Shares({ title, rows }: { title: string; rows: GradeRowView[] }) {
  return (
    <Stack gap={4}>
      <Text fw={700}>{title}</Text>
      {rows.map((r) => (
        <Group key={r.level} gap={8} wrap="nowrap">
          <span
            aria-hidden
            style={{
              width: 12,
              height: 12,
              borderRadius: 3,
              background: LEVEL_COLORS[r.level],
              flexShrink: 0,
            }}
          />
          <Text size="md">
            {r.label}: <b>{r.denominator === 0 ? '—' : `${formatNumber(r.percent, 2)}%`}</b> (
            {formatNumber(r.numerator)}/{formatNumber(r.denominator)})
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function GradingOverviewCard({ unitId, year }: { unitId: number; year: number }) {
  const q = useGradingStatistics(unitId, year);
  if (!q.data) return null;
  const s = q.data;
  const empty = s.members[0]!.denominator === 0 && s.organisations[0]!.denominator === 0;
  return (
    <Paper withBorder radius="md" p="md" data-testid="overview-grading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3">
            {T.card.title(year)}
          </Title>
          <Anchor
            component={Link}
            to={`/don-vi/${unitId}/xep-loai/${year}`}
            data-testid="overview-grading-open"
          >
            {T.card.open}
          </Anchor>
        </Group>
        {empty ? (
          <Text c="gray.8">{T.card.empty(year)}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Shares title={T.groups.organisations} rows={s.organisations} />
            <Shares title={T.groups.members} rows={s.members} />
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
