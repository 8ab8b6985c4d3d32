import { Anchor, Badge, Box, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SubtreeMeeting } from '../../../../src/features/oversight/subtree-lists.js';
import { SUBTREE } from '../../i18n/vi-subtree.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { StatusBadge } from '../meetings/bits.js';
import { clock, day } from '../meetings/when.js';
import { currentMonth, monthsBack } from '../quality/api.js';
import { BandBadge, points } from '../quality/bands.js';
import { FilterRow, FilterSelect, ListFrame, useSubtreeList } from './subtreeKit.js';

const T = SUBTREE.meetings;
const NOWRAP = { whiteSpace: 'nowrap' } as const;
// A badge's label is cut with an ellipsis when its column shrinks; keep the column as wide as the badge.
const FIT = { minWidth: 'max-content' } as const;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The months a user picks from: two ahead (planned meetings) and five years back, newest first. */
function monthOptions() {
  const [y, m] = currentMonth().split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m + 1, 1)).toISOString().slice(0, 7);
  return monthsBack(last, 63)
    .reverse()
    .map((v) => ({ value: v, label: T.monthOption(v) }));
}

/**
 * Every meeting of the unit's subtree (its cells' and its own), newest first, filtered by month,
 * kind, status and rating; each with its cell, attendance on the statutory base, final rating and
 * whether the minutes are adopted. A table on a wide screen, cards on a phone.
 */
export function SubtreeMeetings({ unitId }: { unitId: number }) {
  const phone = useIsPhone();
  const [month, setMonth] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [rating, setRating] = useState<string>();
  const q = useSubtreeList<SubtreeMeeting>('meetings', unitId, { month, kind, status, rating });
  return (
    <Stack gap="md">
      <FilterRow>
        <FilterSelect
          label={T.month}
          value={month}
          onChange={setMonth}
          options={monthOptions()}
          searchable
          testId="subtree-meetings-month"
        />
        <FilterSelect
          label={T.kind}
          value={kind}
          onChange={setKind}
          options={options(T.kinds)}
          testId="subtree-meetings-kind"
        />
        <FilterSelect
          label={T.status}
          value={status}
          onChange={setStatus}
          options={options(T.statuses)}
          testId="subtree-meetings-status"
        />
        <FilterSelect
          label={T.rating}
          value={rating}
          onChange={setRating}
          options={options(T.ratings)}
          testId="subtree-meetings-rating"
        />
      </FilterRow>
      <ListFrame query={q} testId="subtree-meetings">
        {phone ? (
          <Stack gap="xs">
            {q.items.map((m) => (
              <MeetingCard key={m.id} m={m} />
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table striped highlightOnHover verticalSpacing="sm" fz="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{T.when}</Table.Th>
                  <Table.Th>{T.cell}</Table.Th>
                  <Table.Th>{T.meeting}</Table.Th>
                  <Table.Th>{T.status}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{T.attendance}</Table.Th>
                  <Table.Th>{T.rating}</Table.Th>
                  <Table.Th>{T.minutes}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.items.map((m) => (
                  <Table.Tr key={m.id} data-testid="subtree-meeting-row">
                    <Table.Td style={NOWRAP}>
                      <Text>{day(m.scheduledAt)}</Text>
                      <Text c="dimmed">{clock(m.scheduledAt)}</Text>
                    </Table.Td>
                    <Table.Td data-testid="subtree-meeting-cell" miw={150}>
                      {m.orgUnitName}
                    </Table.Td>
                    <Table.Td>
                      <MeetingTitle m={m} />
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Box style={FIT}>
                        <StatusBadge status={m.status} label={m.statusLabel} size="md" />
                      </Box>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      <Attendance m={m} />
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Box style={FIT}>
                        <Rating m={m} />
                      </Box>
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Box style={FIT}>
                        <Minutes m={m} />
                      </Box>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListFrame>
    </Stack>
  );
}

function MeetingTitle({ m }: { m: SubtreeMeeting }) {
  return (
    <Stack gap={2} miw={170}>
      <Anchor
        component={Link}
        to={`/sinh-hoat/${m.id}`}
        fw={700}
        style={{ overflowWrap: 'anywhere' }}
        data-testid="subtree-meeting-link"
      >
        {m.title}
      </Anchor>
      {m.kind !== 'regular' && (
        <Text size="sm" c="grape.8" fw={600}>
          {m.kindLabel}
        </Text>
      )}
    </Stack>
  );
}

function Attendance({ m }: { m: SubtreeMeeting }) {
  if (!m.attendance || m.status !== 'held') return <Text c="dimmed">—</Text>;
  const a = m.attendance;
  return (
    <Text className="chibo-nowrap">
      {T.attendanceValue(formatNumber(a.present), formatNumber(a.base), formatPercent(a.present, a.base))}
    </Text>
  );
}

function Rating({ m }: { m: SubtreeMeeting }) {
  if (!m.rating) return <Text c="dimmed">{m.status === 'held' ? T.notRated : '—'}</Text>;
  return (
    <Stack gap={2} align="flex-start">
      <BandBadge band={{ key: m.rating.band, label: T.ratings[m.rating.band] ?? m.rating.band }} size="lg" />
      {m.rating.score !== null && (
        <Text size="sm" c="dimmed" className="chibo-nowrap" title={T.byScorer[m.rating.scorer ?? ''] ?? ''}>
          {T.points(points(m.rating.score))}
        </Text>
      )}
    </Stack>
  );
}

function Minutes({ m }: { m: SubtreeMeeting }) {
  if (m.status !== 'held') return <Text c="dimmed">—</Text>;
  return (
    <Badge color={m.minutesAdopted ? 'green' : 'orange'} variant="light" tt="none" size="lg">
      {m.minutesAdopted ? T.adopted : T.notAdopted}
    </Badge>
  );
}

function MeetingCard({ m }: { m: SubtreeMeeting }) {
  return (
    <Card withBorder padding="sm" radius="md" data-testid="subtree-meeting-row">
      <Stack gap={6}>
        <Text fw={700} size="md" c="dimmed" data-testid="subtree-meeting-cell">
          {m.orgUnitName}
        </Text>
        <MeetingTitle m={m} />
        <Group gap="xs" wrap="wrap">
          <Text size="lg" fw={600}>
            {day(m.scheduledAt)} {clock(m.scheduledAt)}
          </Text>
          <StatusBadge status={m.status} label={m.statusLabel} size="md" />
        </Group>
        {m.status === 'held' && (
          <Group gap="md" wrap="wrap">
            <Group gap={4}>
              <Text size="md" c="dimmed">
                {T.attendance}:
              </Text>
              <Attendance m={m} />
            </Group>
            <Rating m={m} />
            <Minutes m={m} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}
