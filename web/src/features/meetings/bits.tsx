import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import { IconCalendarEvent, IconClock, IconMapPin } from '@tabler/icons-react';
import type { z } from 'zod';
import { vi } from '../../i18n/vi.js';
import type { MeetingStatus, MeetingSummary } from './api.js';
import { clock, day, weekday } from './when.js';

const STATUS_COLORS: Record<MeetingStatus, string> = {
  planned: 'blue',
  in_progress: 'teal.9',
  held: 'gray',
  cancelled: 'dark',
};

export function StatusBadge({
  status,
  label,
  size = 'lg',
}: {
  status: MeetingStatus;
  label: string;
  size?: BadgeProps['size'];
}) {
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant={status === 'in_progress' ? 'filled' : 'light'}
      tt="none"
      size={size}
      data-testid="meeting-status"
    >
      {label}
    </Badge>
  );
}

/** Date, weekday, time and place on one wrapping line, large enough for a phone. */
export function MeetingWhen({
  meeting,
  size = 'md',
}: {
  meeting: Pick<MeetingSummary, 'scheduledAt' | 'place'>;
  size?: 'sm' | 'md' | 'lg';
}) {
  const iso = meeting.scheduledAt;
  return (
    <Group gap="md" wrap="wrap" style={{ rowGap: 2 }}>
      <Group gap={4} wrap="nowrap">
        <IconCalendarEvent size={18} aria-hidden />
        <Text size={size} fw={600}>
          {weekday(iso)} <span className="chibo-nowrap">{day(iso)}</span>
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        <IconClock size={18} aria-hidden />
        <Text size={size} fw={600}>
          {clock(iso)}
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconMapPin size={18} aria-hidden style={{ flexShrink: 0 }} />
        <Text size={size} style={{ overflowWrap: 'anywhere' }}>
          {meeting.place || vi.meeting.noPlace}
        </Text>
      </Group>
    </Group>
  );
}

/**
 * Field messages of a failed zod parse (shared schemas, Vietnamese), keyed by the first path
 * segment, or with `fullPath` by the whole path (`members.0.memberId`) for a row of a list.
 */
export function zodFieldErrors(error: z.ZodError, { fullPath = false } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = fullPath ? issue.path.join('.') || '_' : String(issue.path[0] ?? '_');
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}
