/**
 * The wide table of a desktop: one row per direct subordinate unit, each aggregating its whole
 * subtree. Headers sort on the server (the table is paged there); a row opens the next level's
 * overview, or a cell's page at its quality part. The unit name is a real link for the keyboard.
 */
import { Anchor, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { formatNumber } from '../../lib/format.js';
import type { Indicators, OverviewRow } from './api.js';
import { frac, RatioCell, ratingCounts, ratingText, rowHref, rowLinkLabel } from './bits.js';

const c = OVERVIEW.cols;

export interface SortState {
  sort: string;
  order: 'asc' | 'desc';
}

/** Columns of the table and the API's sort key of each. */
export const COLUMNS: { id: keyof typeof c; sort: string }[] = [
  { id: 'name', sort: 'name' },
  { id: 'cells', sort: 'cells' },
  { id: 'members', sort: 'members' },
  { id: 'onTime', sort: 'regularOnTime' },
  { id: 'thematic', sort: 'thematicQuarters' },
  { id: 'attendance', sort: 'attendance' },
  { id: 'tasks', sort: 'tasksCompleted' },
  { id: 'ratings', sort: 'ratingCell.tot' },
  { id: 'visits', sort: 'visits' },
  { id: 'alerts', sort: 'alertsOpen' },
  { id: 'recommendations', sort: 'recommendationsOpen' },
];

function Header({
  id,
  sortKey,
  state,
  onSort,
}: {
  id: keyof typeof c;
  sortKey: string;
  state: SortState;
  onSort: (key: string) => void;
}) {
  const active = state.sort === sortKey;
  const Icon = state.order === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th
      aria-sort={active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ verticalAlign: 'bottom', textAlign: id === 'name' ? 'left' : 'right' }}
    >
      <UnstyledButton
        onClick={() => onSort(sortKey)}
        aria-label={OVERVIEW.sortBy(c[id])}
        data-testid={`sort-${id}`}
        style={{
          display: 'inline-flex',
          alignItems: 'flex-end',
          gap: 4,
          fontWeight: 700,
          textAlign: 'inherit',
        }}
      >
        <span style={active ? undefined : { textDecoration: 'underline dotted', textUnderlineOffset: 4 }}>
          {c[id]}
        </span>
        {active && <Icon size={16} aria-hidden style={{ flexShrink: 0 }} />}
      </UnstyledButton>
    </Table.Th>
  );
}

export function StateLines({ ind }: { ind: Indicators }) {
  return (
    <Text size="sm" c="gray.8" style={{ whiteSpace: 'nowrap' }}>
      {ind.regularMissed.numerator > 0 && (
        <Text span c="red.9" fw={600} size="sm">
          {OVERVIEW.missedShort(formatNumber(ind.regularMissed.numerator))}
        </Text>
      )}
      {ind.regularMissed.numerator > 0 && ind.regularPending.numerator > 0 && ' · '}
      {ind.regularPending.numerator > 0 && OVERVIEW.pendingShort(formatNumber(ind.regularPending.numerator))}
    </Text>
  );
}

export function OverviewTable({
  rows,
  state,
  onSort,
  search,
}: {
  rows: OverviewRow[];
  state: SortState;
  onSort: (key: string) => void;
  search: string;
}) {
  const navigate = useNavigate();
  // Below a ward every row is one cell: a column of ones says nothing.
  const allCells = rows.every((r) => isCellKind(r.unit.kind));
  const columns = allCells ? COLUMNS.filter((col) => col.id !== 'cells') : COLUMNS;
  return (
    <Table.ScrollContainer minWidth={980} type="native">
      <Table
        striped
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing={8}
        fz={15}
        data-testid="overview-table"
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((col) => (
              <Header key={col.id} id={col.id} sortKey={col.sort} state={state} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ unit, indicators: ind, rating }) => {
            const href = rowHref(unit, search);
            return (
              <Table.Tr
                key={unit.id}
                data-testid="overview-row"
                data-unit-id={unit.id}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(href);
                }}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td style={{ minWidth: 160 }}>
                  <Anchor
                    component={Link}
                    to={href}
                    fw={700}
                    aria-label={rowLinkLabel(unit)}
                    data-testid="row-link"
                  >
                    {unit.name}
                  </Anchor>
                </Table.Td>
                {!allCells && (
                  <Table.Td ta="right" data-testid="row-cells">
                    {formatNumber(ind.cells.numerator)}
                  </Table.Td>
                )}
                <Table.Td ta="right" data-testid="row-members">
                  {formatNumber(ind.members.numerator)}
                </Table.Td>
                <Table.Td>
                  <Stack gap={0} align="flex-end">
                    <RatioCell r={ind.regularOnTime} testId="row-onTime" />
                    <StateLines ind={ind} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <RatioCell r={ind.thematicQuarters} testId="row-thematic" />
                </Table.Td>
                <Table.Td>
                  <RatioCell r={ind.attendance} testId="row-attendance" />
                </Table.Td>
                <Table.Td>
                  <RatioCell r={ind.tasksCompleted} testId="row-tasks" />
                </Table.Td>
                <Table.Td ta="right" data-testid="row-ratings">
                  <Text
                    fw={700}
                    style={{ whiteSpace: 'nowrap' }}
                    title={OVERVIEW.overall}
                    data-testid="row-rating"
                  >
                    {ratingText(rating)}
                  </Text>
                  <Text size="sm" c="gray.8" style={{ whiteSpace: 'nowrap' }} title={OVERVIEW.ratingBy.cell}>
                    {ratingCounts(ind, 'ratingCell')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" data-testid="row-visits">
                  <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
                    {frac(ind.visits)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" data-testid="row-alerts">
                  <Text
                    fw={ind.alertsOpen.total > 0 ? 700 : 400}
                    c={ind.alertsOpen.total > 0 ? 'red.9' : undefined}
                  >
                    {formatNumber(ind.alertsOpen.total)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" data-testid="row-recommendations">
                  {formatNumber(ind.recommendationsOpen.total)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
