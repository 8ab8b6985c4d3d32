import { Alert, Button, Grid, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { api } from '../../api/client.js';
import { vi } from '../../i18n/vi.js';
import { formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import type { SectionProps } from './MeetingPage.js';
import { Agenda } from './RunAgenda.js';
import { Attendance } from './RunAttendance.js';
import { CheckInCode, Counters } from './RunCounters.js';
import { Guests } from './RunGuests.js';
import { PreviousTasks, Tasks } from './RunTasks.js';
import { Votes } from './RunVotes.js';

const r = vi.meeting.run;

export function RunSection({ m, actions }: SectionProps) {
  const canRun = m.permissions.canRun;
  // On a phone the "end" button waits at the bottom, after the agenda, not above the counters.
  const phone = useIsPhone();
  const endAtBottom = phone && m.status === 'in_progress';
  return (
    <Stack gap="md" data-testid="run-section">
      {!endAtBottom && <Controls m={m} actions={actions} />}
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
              {(canRun || m.previousTasks.length > 0) && <PreviousTasks m={m} actions={actions} />}
              <Votes m={m} actions={actions} />
              <Tasks m={m} actions={actions} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {endAtBottom && <Controls m={m} actions={actions} />}
    </Stack>
  );
}

function Controls({ m, actions }: SectionProps) {
  const [endOpened, end] = useDisclosure(false);
  const canRun = m.permissions.canRun;
  if (m.status === 'cancelled') return <Alert color="gray">{r.cancelledNote}</Alert>;
  if (m.status === 'planned') {
    return (
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Text>{canRun ? r.startExplain : r.notStarted}</Text>
          {canRun && (
            <Button
              size="lg"
              leftSection={<IconPlayerPlay size={22} />}
              loading={actions.busy === 'start'}
              onClick={() => actions.act('start', () => api.post(`/api/meetings/${m.id}/start`), r.started)}
              w={{ base: '100%', sm: 'fit-content' }}
              data-testid="start-meeting"
            >
              {r.start}
            </Button>
          )}
        </Stack>
      </Paper>
    );
  }
  if (m.status !== 'in_progress' || !canRun) return null;
  const unmarked = m.attendance.summary.unmarked;
  return (
    <Group justify="flex-end">
      <Button
        size="lg"
        color="dark"
        leftSection={<IconPlayerStop size={22} />}
        onClick={end.open}
        w={{ base: '100%', sm: 'fit-content' }}
        data-testid="end-meeting"
      >
        {r.end}
      </Button>
      <Modal opened={endOpened} onClose={end.close} title={r.endTitle}>
        <Stack>
          <Text>{r.endExplain}</Text>
          {unmarked > 0 && (
            <Alert color="yellow" icon={<IconAlertTriangle />}>
              {r.endUnmarked(formatNumber(unmarked))}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={end.close}>
              {vi.app.cancel}
            </Button>
            <Button
              color="dark"
              loading={actions.busy === 'end'}
              onClick={async () => {
                const ok = await actions.act('end', () => api.post(`/api/meetings/${m.id}/end`), r.ended);
                if (ok) end.close();
              }}
            >
              {r.end}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
