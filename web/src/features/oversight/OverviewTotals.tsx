/**
 * The totals of the unit asked about, as large readable figures: each ratio with its Vietnamese
 * percentage and "x/y" beside it, so a reader can check it with a calculator. Cells not yet due
 * are counted apart from cells that missed their date (pending is not failed).
 */
import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { formatNumber } from '../../lib/format.js';
import { type Indicators, RATING_KEYS, type Ratio } from './api.js';
import { frac, pct } from './bits.js';

const t = OVERVIEW.totals;

function Figure({
  label,
  big,
  small,
  note,
  tone,
  testId,
}: {
  label: string;
  big: string;
  small?: string;
  note?: ReactNode;
  tone?: 'red' | 'gray' | 'green';
  testId: string;
}) {
  const bg = tone === 'red' ? 'red.0' : tone === 'gray' ? 'gray.0' : tone === 'green' ? 'green.0' : undefined;
  return (
    <Paper withBorder p="sm" radius="md" bg={bg} data-testid={testId}>
      <Stack gap={2}>
        <Text size="md" c="gray.8" lh={1.3}>
          {label}
        </Text>
        <Group gap={10} align="baseline" wrap="wrap">
          <Text fz={30} fw={800} lh={1.15} data-testid={`${testId}-value`}>
            {big}
          </Text>
          {small && (
            <Text fz={18} fw={600} c="gray.8" data-testid={`${testId}-fraction`}>
              {small}
            </Text>
          )}
        </Group>
        {note && (
          <Text size="sm" c="gray.8" lh={1.35}>
            {note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

const ratioFigure = (
  label: string,
  r: Ratio,
  testId: string,
  extra?: Partial<Parameters<typeof Figure>[0]>,
) => <Figure label={label} big={pct(r)} small={frac(r)} testId={testId} {...extra} />;

export function OverviewTotals({ totals }: { totals: Indicators }) {
  const rec = totals.recommendationsOpen;
  const kinds = Object.entries(totals.alertsOpen.byKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return (
    // Columns at least 13rem wide rather than breakpoints (which are in em of the browser's default
    // size): text at 200 % gets fewer, wider cards instead of numbers cut off (WCAG 1.4.4).
    <Box
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 13rem), 1fr))',
        gap: 'var(--mantine-spacing-sm)',
      }}
      data-testid="overview-totals"
    >
      <Figure
        label={`${t.cells} · ${t.members}`}
        big={formatNumber(totals.cells.numerator)}
        small={`${formatNumber(totals.members.numerator)} ${t.members.toLowerCase()}`}
        testId="total-cells"
      />
      {ratioFigure(t.onTime, totals.regularOnTime, 'total-onTime', {
        tone: 'green',
        note:
          totals.regularOnTime.denominator === 0
            ? t.noDue
            : `${t.months}: ${frac(totals.regularMonths)} (${pct(totals.regularMonths)})`,
      })}
      {ratioFigure(t.missed, totals.regularMissed, 'total-missed', {
        tone: totals.regularMissed.numerator > 0 ? 'red' : undefined,
      })}
      {ratioFigure(t.pending, totals.regularPending, 'total-pending', { tone: 'gray', note: t.pendingHelp })}
      {ratioFigure(t.thematic, totals.thematicQuarters, 'total-thematic')}
      {ratioFigure(t.attendance, totals.attendance, 'total-attendance')}
      {ratioFigure(t.tasks, totals.tasksCompleted, 'total-tasks', {
        note: `${t.tasked}: ${frac(totals.membersWithTasks)} (${pct(totals.membersWithTasks)})`,
      })}
      {ratioFigure(t.visits, totals.visits, 'total-visits')}
      <Figure
        label={OVERVIEW.ratingBy.cell}
        big={`${OVERVIEW.ratings.tot} ${pct(totals.ratingCell.tot)}`}
        note={RATING_KEYS.map((k) => `${OVERVIEW.ratingsShort[k]} ${frac(totals.ratingCell[k])}`).join(' · ')}
        testId="total-rating-cell"
      />
      <Figure
        label={OVERVIEW.ratingBy.supervisor}
        big={`${OVERVIEW.ratings.tot} ${pct(totals.ratingSupervisor.tot)}`}
        note={RATING_KEYS.map((k) => `${OVERVIEW.ratingsShort[k]} ${frac(totals.ratingSupervisor[k])}`).join(
          ' · ',
        )}
        testId="total-rating-supervisor"
      />
      <Figure
        label={t.alerts}
        big={formatNumber(totals.alertsOpen.total)}
        note={
          kinds.map(([k, n]) => `${OVERVIEW.alertKinds[k] ?? k}: ${formatNumber(n)}`).join(' · ') || undefined
        }
        tone={totals.alertsOpen.total > 0 ? 'red' : undefined}
        testId="total-alerts"
      />
      <Figure
        label={t.recommendations}
        big={formatNumber(rec.total)}
        note={t.recAges(
          formatNumber(rec.upTo30Days),
          formatNumber(rec.upTo90Days),
          formatNumber(rec.over90Days),
        )}
        testId="total-recommendations"
      />
    </Box>
  );
}
