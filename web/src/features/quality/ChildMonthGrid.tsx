/**
 * The month status of a committee's direct children (`scope=children`): one line per unit below,
 * one box per month with the cells that held their regular meeting over the cells due
 * ("7/8"), tinted by that share and spelled out for screen readers. The unit's name opens its own
 * page. On a phone the last six months only, so each box stays readable at 360 px.
 */
import { Anchor, Box, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { MONTH_STATUS } from '../../i18n/vi-month-status.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import type { ChildMonthStatus } from './api.js';

const t = MONTH_STATUS.children;

const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

function tone(r: ChildMonthStatus | undefined): { bg: string; border: string } {
  if (!r || r.monthsDue === 0) return { bg: '#fff', border: '1px solid #ced4da' };
  const p = r.heldPercent ?? 0;
  if (p >= 90) return { bg: '#d3f9d8', border: '1px solid #2b8a3e' };
  if (p >= 70) return { bg: '#fff3bf', border: '1px solid #e67700' };
  return { bg: '#ffe3e3', border: '1px solid #c92a2a' };
}

function Cell({ r, month, font }: { r: ChildMonthStatus | undefined; month: string; font: number }) {
  const look = tone(r);
  const long = !r
    ? t.none(monthLabel(month))
    : r.monthsDue === 0
      ? t.pending(monthLabel(month), formatNumber(r.monthsPending))
      : t.heldLong(
          monthLabel(month),
          formatNumber(r.monthsHeld),
          formatNumber(r.monthsDue),
          formatPercent(r.monthsHeld, r.monthsDue),
        );
  return (
    <Box
      title={long}
      style={{
        background: look.bg,
        border: look.border,
        borderRadius: 5,
        minHeight: 40,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontSize: font,
        fontWeight: 700,
        color: '#212529',
        minWidth: 0,
        overflow: 'hidden',
      }}
    >
      <span aria-hidden>
        {!r ? '–' : r.monthsDue === 0 ? '…' : t.held(formatNumber(r.monthsHeld), formatNumber(r.monthsDue))}
      </span>
      <VisuallyHidden>{long}</VisuallyHidden>
    </Box>
  );
}

export function ChildMonthGrid({
  months: allMonths,
  rows,
  units,
  phone,
}: {
  months: string[];
  rows: ChildMonthStatus[];
  units: { unitId: number; unitName: string }[];
  phone: boolean;
}) {
  const months = phone ? allMonths.slice(-6) : allMonths;
  const byKey = new Map(rows.map((r) => [`${r.unitId}:${r.month}`, r]));
  const cellsOf = new Map<number, number>();
  for (const r of rows) if (r.month === months[months.length - 1]) cellsOf.set(r.unitId, r.cells);
  const name = (u: { unitId: number; unitName: string }) => (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`/don-vi/${u.unitId}#chat-luong`} fw={600} size={phone ? 'md' : 'md'}>
        {u.unitName}
      </Anchor>
      <Text size="sm" c="dimmed">
        {t.cells(formatNumber(cellsOf.get(u.unitId) ?? 0))}
      </Text>
    </Stack>
  );
  const header = months.map((m, i) => (
    <Text key={m} size="xs" ta="center" c="dimmed" fw={600} lh={1.1}>
      {Number(m.slice(5, 7))}
      {(i === 0 || m.endsWith('-01')) && (
        <Text span display="block" size="10px" c="dimmed">
          {m.slice(0, 4)}
        </Text>
      )}
    </Text>
  ));
  if (phone) {
    const cols = { display: 'grid', gridTemplateColumns: `repeat(${months.length}, minmax(0, 1fr))`, gap: 4 };
    return (
      <Stack gap="sm" data-testid="child-month-grid">
        <Box style={cols}>{header}</Box>
        {units.map((u) => (
          <Stack gap={4} key={u.unitId}>
            {name(u)}
            <Box style={cols}>
              {months.map((m) => (
                <Cell key={m} r={byKey.get(`${u.unitId}:${m}`)} month={m} font={13} />
              ))}
            </Box>
          </Stack>
        ))}
      </Stack>
    );
  }
  const grid = {
    display: 'grid',
    gridTemplateColumns: `minmax(180px, 280px) repeat(${months.length}, minmax(44px, 64px))`,
    gap: 4,
    alignItems: 'center',
  };
  return (
    <Box style={{ overflowX: 'auto' }} data-testid="child-month-grid">
      <Box style={grid}>
        <Text size="sm" fw={700}>
          {t.unit}
        </Text>
        {header}
        {units.map((u) => (
          <Fragment key={u.unitId}>
            {name(u)}
            {months.map((m) => (
              <Cell key={m} r={byKey.get(`${u.unitId}:${m}`)} month={m} font={13} />
            ))}
          </Fragment>
        ))}
      </Box>
    </Box>
  );
}

/** The key to the boxes, in words. */
export function ChildGridLegend() {
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        {t.legend}
      </Text>
    </Group>
  );
}
