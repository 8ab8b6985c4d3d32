/**
 * What the meeting page says about the chi ủy (ADR 025 part E): for a chi ủy meeting of a cell
 * without a chi ủy recorded, that it summons every member (with the way to record the chi ủy);
 * for a meeting prepared by a chi ủy meeting, that meeting and its attendance.
 */
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { VI_CELL_BODY } from '../../i18n/vi-cell-body.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { committeePath, useMeetingCommittee } from './api.js';

const T = VI_CELL_BODY.meeting;

export function MeetingCommittee({ meetingId, kind }: { meetingId: number; kind: string }) {
  const q = useMeetingCommittee(meetingId);
  const f = q.data;
  if (!f) return null;
  if (f.summonsWholeCell) {
    return (
      <Alert color="orange" icon={<IconAlertTriangle size={20} />} data-testid="committee-fallback">
        <Text>
          {T.fallback} —{' '}
          <Anchor component={Link} to={committeePath(f.unitId)} fw={700}>
            {T.fallbackLink}
          </Anchor>
        </Text>
      </Alert>
    );
  }
  if (kind === 'committee' && f.recorded) {
    return (
      <Text size="sm" c="dimmed" data-testid="committee-summons">
        {T.summons(formatNumber(f.members))}{' '}
        <Anchor component={Link} to={committeePath(f.unitId)} underline="always">
          {T.openCommittee}
        </Anchor>
      </Text>
    );
  }
  return null;
}

/** The "chi ủy họp" step's links: the prep chi ủy meeting with its attendance, and the chi ủy page. */
export function PrepCommitteeLinks({ meetingId }: { meetingId: number }) {
  const q = useMeetingCommittee(meetingId);
  const f = q.data;
  if (!f || (!f.prepMeeting && !f.recorded)) return null;
  const p = f.prepMeeting;
  const day = p ? formatDate(localDay(p.scheduledAt)) : '';
  return (
    <Group gap="xs" wrap="wrap" data-testid="prep-committee">
      {p && (
        <Anchor component={Link} to={`/sinh-hoat/${p.id}`} size="sm" fw={600}>
          {p.status === 'held'
            ? T.prepHeld(day, formatNumber(p.present), formatNumber(p.summoned))
            : T.prepPlanned(day)}
        </Anchor>
      )}
      <Anchor component={Link} to={committeePath(f.unitId)} size="sm">
        {T.openCommittee}
      </Anchor>
    </Group>
  );
}

/** The calendar day (Asia/Ho_Chi_Minh) of an instant. */
function localDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
