/**
 * Month × cell grid (cells as rows, the last 12 months as columns): each square is coloured by
 * the month's rating, with ✓ when the regular meeting was on time and a dot when the quarter had
 * a thematic meeting. Hover (mouse) or tap shows the month's facts and a link to the meeting.
 */
import { Anchor, Box, Button, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Fragment, type PointerEvent, useState } from 'react';
import { Link } from 'react-router';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { duration } from '../meetings/when.js';
import type { MonthStatus } from './api.js';
import { type BandTone, bandTone, points, TONE_FILL, TONE_SHORT } from './bands.js';
import { monthLabel } from './Charts.js';

const t = vi.quality.grid;
const THEMATIC = '#7048e8';

interface Look {
  bg: string;
  fg: string;
  border: string;
  text: string;
}

function lookOf(r: MonthStatus | undefined): Look {
  if (!r) return { bg: 'transparent', fg: '#868e96', border: '1px dashed #ced4da', text: '' };
  // Not due yet: pending, not failed (a month whose meetings fall due from the 10th, seen on the 1st).
  if (r.state === 'pending') return { bg: '#f8f9fa', fg: '#495057', border: '1px dashed #868e96', text: '…' };
  if (!r.regularHeld) return { bg: '#fff5f5', fg: '#c92a2a', border: '2px solid #fa5252', text: '✗' };
  const tone = bandTone(r.rating);
  if (tone)
    return {
      bg: TONE_FILL[tone],
      fg: '#fff',
      border: `1px solid ${TONE_FILL[tone]}`,
      text: TONE_SHORT[tone],
    };
  return { bg: '#e9ecef', fg: '#343a40', border: '1px solid #ced4da', text: '—' };
}

function describe(r: MonthStatus | undefined, month: string): string[] {
  const lines = [monthLabel(month)];
  if (!r) return [...lines, t.noData];
  if (r.state === 'pending') lines.push(RECORDS.month.pendingLine(formatDate(r.dueDate)));
  else if (!r.regularHeld)
    lines.push(r.dueDate ? RECORDS.month.missedLine(formatDate(r.dueDate)) : t.notHeld);
  else {
    lines.push(r.regularOnTime ? t.onTime : t.late);
    if (r.lengthMinutes !== null && r.minMinutes !== null)
      lines.push(t.length(duration(r.lengthMinutes), duration(r.minMinutes)));
    if (r.attendancePercent !== null) lines.push(t.attendance(`${formatNumber(r.attendancePercent, 2)}%`));
    if (r.cellScore !== null) lines.push(t.cellScore(points(r.cellScore)));
    if (r.supervisorScore !== null) lines.push(t.supervisorScore(points(r.supervisorScore)));
    lines.push(r.rating ? t.rating(r.rating) : t.noRating);
    if (r.documentsOnTime !== null) lines.push(t.documents(r.documentsOnTime));
    if (r.minutesOnTime !== null) lines.push(t.minutes(r.minutesOnTime));
  }
  lines.push(r.thematicInQuarter ? t.thematicYes : t.thematicNo);
  return lines;
}

function Square({
  r,
  month,
  unitName,
  size,
  opened,
  onOpen,
  onHover,
  onClose,
}: {
  r: MonthStatus | undefined;
  month: string;
  unitName: string;
  size: { w: number | string; h: number; font: number };
  opened: boolean;
  onOpen: () => void;
  onHover: (on: boolean) => void;
  onClose: () => void;
}) {
  const look = lookOf(r);
  const lines = describe(r, month);
  const mouse = (e: PointerEvent) => e.pointerType === 'mouse';
  return (
    <Popover
      opened={opened}
      onChange={(o) => !o && onClose()}
      position="top"
      withArrow
      shadow="md"
      width={260}
      withinPortal
    >
      <Popover.Target>
        <UnstyledButton
          onClick={onOpen}
          onPointerEnter={(e) => mouse(e) && onHover(true)}
          onPointerLeave={(e) => mouse(e) && onHover(false)}
          // The visible mark first, so the name includes what is seen (WCAG 2.5.3).
          aria-label={`${look.text ? `${look.text}. ` : ''}${unitName}. ${lines.join('. ')}`}
          data-testid="grid-square"
          style={{
            width: size.w,
            height: size.h,
            background: look.bg,
            color: look.fg,
            border: look.border,
            borderRadius: 6,
            position: 'relative',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: size.font,
            fontWeight: 700,
            lineHeight: 1,
            paddingBottom: 8,
          }}
        >
          {look.text}
          {r?.regularOnTime && (
            <span
              aria-hidden
              style={{ position: 'absolute', left: 3, bottom: 1, fontSize: size.font - 1, fontWeight: 800 }}
            >
              ✓
            </span>
          )}
          {r?.thematicInQuarter && (
            <span
              aria-hidden
              style={{
                position: 'absolute',
                right: 3,
                bottom: 3,
                width: 7,
                height: 7,
                borderRadius: 7,
                background: THEMATIC,
                boxShadow: '0 0 0 1.5px #fff',
              }}
            />
          )}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={2} data-testid="grid-details">
          <Text fw={700} size="sm">
            {unitName}
          </Text>
          {lines.map((l, i) => (
            <Text key={l} size="sm" fw={i === 0 ? 700 : 400}>
              {l}
            </Text>
          ))}
          {r?.meetingId && (
            <Button
              component={Link}
              to={`/sinh-hoat/${r.meetingId}?muc=cham-diem`}
              variant="light"
              size="sm"
              mt={4}
              rightSection={<IconArrowRight size={16} />}
            >
              {t.openMeeting}
            </Button>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function MonthGrid({
  months,
  rows,
  cells,
  phone,
  linkCells,
}: {
  months: string[];
  rows: MonthStatus[];
  cells: { id: number; name: string }[];
  phone: boolean;
  linkCells: boolean;
}) {
  const [active, setActive] = useState<{ key: string; pinned: boolean } | null>(null);
  const byKey = new Map(rows.map((r) => [`${r.unitId}:${r.month}`, r]));
  const square = (
    c: { id: number; name: string },
    m: string,
    size: { w: number | string; h: number; font: number },
  ) => {
    const key = `${c.id}:${m}`;
    return (
      <Square
        key={key}
        r={byKey.get(key)}
        month={m}
        unitName={c.name}
        size={size}
        opened={active?.key === key}
        onOpen={() => setActive({ key, pinned: true })}
        onHover={(on) =>
          setActive((a) => (on ? (a?.pinned ? a : { key, pinned: false }) : a && !a.pinned ? null : a))
        }
        onClose={() => setActive(null)}
      />
    );
  };
  const name = (c: { id: number; name: string }) =>
    linkCells ? (
      <Anchor component={Link} to={`/don-vi/${c.id}#chat-luong`} fw={600} size={phone ? 'sm' : 'md'}>
        {c.name}
      </Anchor>
    ) : (
      <Text fw={600} size={phone ? 'sm' : 'md'}>
        {c.name}
      </Text>
    );
  const header = (ms: string[] = months) =>
    ms.map((m) => (
      <Text key={m} size="xs" ta="center" c="dimmed" fw={600} lh={1.1} style={{ minWidth: 0 }}>
        {Number(m.slice(5, 7))}
        {(m === months[0] || m.endsWith('-01')) && (
          <Text span display="block" size="10px" c="dimmed">
            {m.slice(0, 4)}
          </Text>
        )}
      </Text>
    ));

  if (phone) {
    // Six months a row, so each square is a 44 px touch target (WCAG 2.5.8, ADR 041).
    const cols = { display: 'grid', gridTemplateColumns: 'repeat(6, minmax(44px, 1fr))', gap: 4 };
    const rowsOfSix = months.length > 6 ? [months.slice(0, 6), months.slice(6)] : [months];
    return (
      <Stack gap={12} data-testid="month-grid">
        {cells.map((c) => (
          <Stack gap={2} key={c.id}>
            {name(c)}
            {rowsOfSix.map((ms) => (
              <Fragment key={ms[0]}>
                <Box style={cols}>{header(ms)}</Box>
                <Box style={cols}>{ms.map((m) => square(c, m, { w: '100%', h: 44, font: 13 }))}</Box>
              </Fragment>
            ))}
          </Stack>
        ))}
      </Stack>
    );
  }
  const grid = {
    display: 'grid',
    gridTemplateColumns: `minmax(160px, 260px) repeat(${months.length}, minmax(34px, 56px))`,
    gap: 4,
    alignItems: 'center',
  };
  return (
    <Box style={{ overflowX: 'auto' }} data-testid="month-grid">
      <Box style={grid}>
        <Text size="sm" fw={700}>
          {t.cell}
        </Text>
        {header()}
        {cells.map((c) => (
          <Fragment key={c.id}>
            <Box style={{ minWidth: 0 }}>{name(c)}</Box>
            {months.map((m) => square(c, m, { w: '100%', h: 40, font: 13 }))}
          </Fragment>
        ))}
      </Box>
    </Box>
  );
}

/** The key to the squares. */
export function GridLegend() {
  const sw = (look: Partial<Look> & { text?: string }, label: string, extra?: 'check' | 'dot') => (
    <Group gap={6} wrap="nowrap" key={label}>
      <Box
        w={26}
        h={22}
        style={{
          background: look.bg,
          color: look.fg,
          border: look.border,
          borderRadius: 5,
          fontSize: 11,
          fontWeight: 700,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          flexShrink: 0,
        }}
        aria-hidden
      >
        {extra === 'check' ? (
          '✓'
        ) : extra === 'dot' ? (
          <Box w={8} h={8} bg={THEMATIC} style={{ borderRadius: 8 }} />
        ) : (
          look.text
        )}
      </Box>
      <Text size="sm">{label}</Text>
    </Group>
  );
  const tones: BandTone[] = ['tot', 'kha', 'trung_binh', 'kem'];
  return (
    <Group gap="md" wrap="wrap" style={{ rowGap: 6 }} data-testid="grid-legend">
      {tones.map((k) =>
        sw(
          { bg: TONE_FILL[k], fg: '#fff', border: `1px solid ${TONE_FILL[k]}`, text: TONE_SHORT[k] },
          vi.quality.grid.legend[k],
        ),
      )}
      {sw(lookOf({ regularHeld: true, rating: null } as MonthStatus), t.legend.unscored)}
      {sw(lookOf({ regularHeld: false, state: 'pending' } as MonthStatus), RECORDS.month.pending)}
      {sw(lookOf({ regularHeld: false, state: 'missed' } as MonthStatus), t.legend.notHeld)}
      {sw(lookOf(undefined), t.legend.noData)}
      {sw({ bg: '#fff', fg: '#212529', border: '1px solid #ced4da' }, t.legend.onTime, 'check')}
      {sw({ bg: '#fff', border: '1px solid #ced4da' }, t.legend.thematic, 'dot')}
    </Group>
  );
}
