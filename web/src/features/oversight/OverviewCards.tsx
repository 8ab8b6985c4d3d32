/**
 * The phone's version of the overview table: one card per subordinate unit in large type, the
 * label of every figure written beside it (no header to scroll back to); the unit's name is the
 * link (the keyboard's way) and a tap anywhere on the card follows it.
 */
import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { formatNumber } from '../../lib/format.js';
import type { OverviewRow, Ratio } from './api.js';
import { frac, pct, ratingCountsLong, ratingText, rowHref, rowLinkLabel } from './bits.js';
import { StateLines } from './OverviewTable.js';

const c = OVERVIEW.cols;

function Line({ label, r, testId }: { label: string; r: Ratio; testId: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="sm" c="gray.8" lh={1.3}>
        {label}
      </Text>
      <Text fz={20} fw={700} lh={1.25}>
        {pct(r)}{' '}
        <Text span fz={16} fw={500} c="gray.8">
          ({frac(r)})
        </Text>
      </Text>
    </Stack>
  );
}

export function OverviewCards({ rows, search }: { rows: OverviewRow[]; search: string }) {
  const navigate = useNavigate();
  return (
    <Stack gap="sm" data-testid="overview-cards">
      {rows.map(({ unit, indicators: ind, rating }) => (
        <Paper
          key={unit.id}
          withBorder
          radius="md"
          p="md"
          data-testid="overview-card"
          data-unit-id={unit.id}
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('a')) return;
            navigate(rowHref(unit, search));
          }}
          style={{ cursor: 'pointer' }}
        >
          <Stack gap="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={rowHref(unit, search)}
                fz={20}
                fw={800}
                lh={1.3}
                style={{ overflowWrap: 'anywhere' }}
                aria-label={rowLinkLabel(unit)}
                data-testid="row-link"
              >
                {unit.name}
              </Anchor>
              <IconChevronRight size={26} aria-hidden style={{ flexShrink: 0 }} />
            </Group>
            <Text fz={17}>
              {!isCellKind(unit.kind) && `${formatNumber(ind.cells.numerator)} ${c.cells.toLowerCase()} · `}
              {formatNumber(ind.members.numerator)} {c.members.toLowerCase()}
            </Text>
            <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
              <Stack gap={0}>
                <Line label={c.onTime} r={ind.regularOnTime} testId="card-onTime" />
                <StateLines ind={ind} />
              </Stack>
              <Line label={c.attendance} r={ind.attendance} testId="card-attendance" />
              <Line label={c.thematic} r={ind.thematicQuarters} testId="card-thematic" />
              <Line label={c.tasks} r={ind.tasksCompleted} testId="card-tasks" />
            </SimpleGrid>
            <Text fz={16}>
              {OVERVIEW.overall}: <b>{ratingText(rating)}</b>
            </Text>
            <Text fz={16}>
              {OVERVIEW.monthsRated}: <b>{ratingCountsLong(ind, 'ratingCell')}</b>
            </Text>
            <Text fz={16}>
              {c.visits}: <b>{frac(ind.visits)}</b> · {c.alerts}:{' '}
              <Text span fw={700} c={ind.alertsOpen.total > 0 ? 'red.9' : undefined}>
                {formatNumber(ind.alertsOpen.total)}
              </Text>{' '}
              · {c.recommendations}: <b>{formatNumber(ind.recommendationsOpen.total)}</b>
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
