/**
 * Start and end of a meeting. Starting asks for confirmation and works only near the scheduled
 * time (the rule pack's window); outside it, the bí thư reschedules to now with a reason (told to
 * the members) and starts. A false start can be taken back while nothing is recorded.
 */
import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconClockPlay,
  IconPlayerPlay,
  IconPlayerStop,
} from '@tabler/icons-react';
import { api } from '../../api/client.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatNumber } from '../../lib/format.js';
import type { SectionProps } from './MeetingPage.js';
import { clock, whenShort } from './when.js';

const r = vi.meeting.run;
const s = RECORDS.start;

/** Nothing recorded yet: the start can still be taken back. */
function nothingRecorded(m: SectionProps['m']): boolean {
  return (
    m.attendance.members.every((x) => x.status === null) &&
    m.guests.length === 0 &&
    m.speeches.length === 0 &&
    m.votes.length === 0 &&
    m.tasks.length === 0 &&
    m.previousTasks.every((t) => t.reviewedMeetingId !== m.id) &&
    m.agenda.every((a) => !a.done && !a.conclusion) &&
    m.record.length === 0
  );
}

export function RunControls({ m, actions }: SectionProps) {
  if (m.status === 'cancelled') return <Alert color="gray">{r.cancelledNote}</Alert>;
  if (m.status === 'planned') return <StartPanel m={m} actions={actions} />;
  if (m.status !== 'in_progress' || !m.permissions.canRun) return null;
  return <EndPanel m={m} actions={actions} />;
}

function StartPanel({ m, actions }: SectionProps) {
  const [confirmOpened, confirm] = useDisclosure(false);
  const [moveOpened, move] = useDisclosure(false);
  const canRun = m.permissions.canRun;
  const allowed = m.start.allowedNow;
  const early = !allowed && Date.now() < new Date(m.start.opensAt ?? m.scheduledAt).getTime();
  return (
    <Paper withBorder p="md" radius="md" data-testid="start-panel">
      <Stack gap="sm">
        {!canRun && <Text>{r.notStarted}</Text>}
        {canRun && allowed && <Text>{r.startExplain}</Text>}
        {canRun && !allowed && (
          <Alert color="yellow" icon={<IconAlertTriangle />} data-testid="start-window">
            <Stack gap={4}>
              <Text fw={600}>
                {early
                  ? s.tooEarly(whenShort(m.scheduledAt), whenShort(m.start.opensAt))
                  : s.tooLate(whenShort(m.scheduledAt), whenShort(m.start.closesAt))}
              </Text>
              <Text size="sm">{m.permissions.canManage ? s.rescheduleHelp : s.rescheduleNeedsManager}</Text>
            </Stack>
          </Alert>
        )}
        {canRun && allowed && (
          <Button
            size="lg"
            leftSection={<IconPlayerPlay size={22} />}
            onClick={confirm.open}
            w={{ base: '100%', sm: 'fit-content' }}
            data-testid="start-meeting"
          >
            {r.start}
          </Button>
        )}
        {canRun && !allowed && m.permissions.canManage && (
          <Button
            size="lg"
            variant="light"
            leftSection={<IconClockPlay size={22} />}
            onClick={move.open}
            w={{ base: '100%', sm: 'fit-content' }}
            data-testid="reschedule-start"
          >
            {s.reschedule}
          </Button>
        )}
      </Stack>
      <Modal opened={confirmOpened} onClose={confirm.close} title={s.confirmTitle}>
        <Stack>
          <Text>{s.confirmText(clock(new Date().toISOString()))}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {vi.app.cancel}
            </Button>
            <Button
              loading={actions.busy === 'start'}
              leftSection={<IconPlayerPlay size={20} />}
              data-testid="confirm-start"
              onClick={async () => {
                const ok = await actions.act(
                  'start',
                  () => api.post(`/api/meetings/${m.id}/start`),
                  r.started,
                );
                if (ok) confirm.close();
              }}
            >
              {s.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ReasonModal
        opened={moveOpened}
        onClose={move.close}
        title={s.rescheduleTitle}
        label={s.rescheduleReason}
        help={s.rescheduleHelp}
        description={s.rescheduleReasonHelp}
        submit={s.reschedule}
        busy={actions.busy === 'reschedule'}
        testId="reschedule-reason"
        tooShort={s.reasonRequired}
        onSubmit={(reason) =>
          actions.act(
            'reschedule',
            () => api.post(`/api/meetings/${m.id}/start`, { rescheduleReason: reason }),
            r.started,
          )
        }
      />
    </Paper>
  );
}

function EndPanel({ m, actions }: SectionProps) {
  const [endOpened, end] = useDisclosure(false);
  const [revertOpened, revert] = useDisclosure(false);
  const unmarked = m.attendance.summary.unmarked;
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      {nothingRecorded(m) ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconArrowBackUp size={20} />}
          onClick={revert.open}
          data-testid="revert-start"
        >
          {s.revert}
        </Button>
      ) : (
        <span />
      )}
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
      <ReasonModal
        opened={revertOpened}
        onClose={revert.close}
        title={s.revertTitle}
        help={s.revertText}
        label={s.revertReason}
        submit={s.revert}
        busy={actions.busy === 'revert'}
        testId="revert-reason"
        tooShort={s.reasonRequired}
        onSubmit={(reason) =>
          actions.act(
            'revert',
            () => api.post(`/api/meetings/${m.id}/revert-start`, { reason }),
            s.revertDone,
          )
        }
      />
    </Group>
  );
}
