import { Grid, Stack } from '@mantine/core';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { MeetingPlanItems } from '../activity-plans/MeetingPlanItems.js';
import { MeetingDirectives } from '../directives/MeetingDirectives.js';
import type { SectionProps } from './MeetingPage.js';
import { PendingAdoptions } from './PendingAdoptions.js';
import { Agenda } from './RunAgenda.js';
import { Attendance } from './RunAttendance.js';
import { RunControls } from './RunControls.js';
import { CheckInCode, Counters } from './RunCounters.js';
import { Guests } from './RunGuests.js';
import { PreviousTasks, Tasks } from './RunTasks.js';
import { Votes } from './RunVotes.js';

export function RunSection({ m, actions }: SectionProps) {
  const canRun = m.permissions.canRun;
  // On a phone the "end" button waits at the bottom, after the agenda, not above the counters.
  const phone = useIsPhone();
  const endAtBottom = phone && m.status === 'in_progress';
  return (
    <Stack gap="md" data-testid="run-section">
      {!endAtBottom && <RunControls m={m} actions={actions} />}
      {m.pendingAdoptions.length > 0 && <PendingAdoptions m={m} actions={actions} />}
      {m.status !== 'cancelled' && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: m.checkinCode ? 7 : 12 }}>
            <Counters m={m} />
          </Grid.Col>
          {m.checkinCode && (
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <CheckInCode m={m} code={m.checkinCode} />
            </Grid.Col>
          )}
        </Grid>
      )}
      {m.status !== 'cancelled' && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="md">
              <Attendance m={m} actions={actions} />
              <Guests m={m} actions={actions} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="md">
              <Agenda m={m} actions={actions} />
              <MeetingDirectives m={m} />
              <MeetingPlanItems m={m} />
              {(canRun || m.previousTasks.length > 0) && <PreviousTasks m={m} actions={actions} />}
              <Votes m={m} actions={actions} />
              <Tasks m={m} actions={actions} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {endAtBottom && <RunControls m={m} actions={actions} />}
    </Stack>
  );
}
