import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { taskSchema } from '../../../../src/features/meetings/schema.js';
import { api } from '../../api/client.js';
import { CALENDAR_PROPS } from '../../components/DateField.js';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatDate } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import {
  OrgReportField,
  OrgReportText,
  TaskOrganisationLine,
  TaskOrganisationSelect,
} from '../organisations/TaskOrganisation.js';
import type { Task } from './api.js';
import { zodFieldErrors } from './bits.js';
import type { SectionProps } from './MeetingPage.js';
import { memberOptions } from './PrepareSection.js';

const r = vi.meeting.run;

export function PreviousTasks({ m, actions }: SectionProps) {
  // Reviewed while the meeting sits; afterwards the record is what it was.
  const editable = m.permissions.canRun && m.status === 'in_progress';
  return (
    <Paper withBorder p="md" radius="md" data-testid="previous-tasks">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {r.previous}
        </Title>
        {m.previousTasks.length === 0 ? (
          <Text c="dimmed">{r.noPrevious}</Text>
        ) : (
          <Text size="sm">{r.previousHelp}</Text>
        )}
        {m.previousTasks.map((task) => (
          <PreviousTask key={task.id} m={m} actions={actions} task={task} editable={editable} />
        ))}
      </Stack>
    </Paper>
  );
}

function PreviousTask({ m, actions, task, editable }: SectionProps & { task: Task; editable: boolean }) {
  const [note, setNote] = useState(task.resultNote ?? '');
  const [orgReport, setOrgReport] = useState(task.orgReport ?? '');
  const key = `review-${task.id}`;
  const colors: Record<string, string> = { achieved: 'teal', partial: 'yellow', not_achieved: 'red' };
  return (
    <Card withBorder padding="xs" radius="md" data-testid="previous-task">
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          <Text fw={700}>{task.title}</Text>
          {carried(task, m.scheduledAt) && (
            <Badge color="orange" variant="light" tt="none">
              {RECORDS.tasks.carried(formatDate(task.meetingDate))}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {task.owners.map((o) => o.fullName).join(', ')}
          {task.deadline ? `${task.owners.length ? ' · ' : ''}${r.due(formatDate(task.deadline))}` : ''}
        </Text>
        <TaskOrganisationLine organisation={task.organisation} />
        {editable ? (
          <>
            <Group gap={6} wrap="wrap">
              {(['achieved', 'partial', 'not_achieved'] as const).map((res) => (
                <Button
                  key={res}
                  size="sm"
                  color={colors[res]}
                  variant={task.result === res ? 'filled' : 'default'}
                  aria-pressed={task.result === res}
                  disabled={actions.busy === key}
                  onClick={() =>
                    actions.act(
                      key,
                      () =>
                        api.patch(`/api/tasks/${task.id}`, {
                          result: res,
                          note: note.trim() || null,
                          meetingId: m.id,
                          ...(task.organisation ? { orgReport: orgReport.trim() || null } : {}),
                        }),
                      r.reviewed,
                    )
                  }
                >
                  {r.results[res]}
                </Button>
              ))}
            </Group>
            <TextInput
              placeholder={r.resultNote}
              aria-label={r.resultNote}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              size="sm"
            />
            {task.organisation && <OrgReportField value={orgReport} onChange={setOrgReport} />}
          </>
        ) : (
          task.result !== 'open' && (
            <Badge color={colors[task.result]} variant="light" tt="none" size="lg">
              {task.resultLabel}
              {task.resultNote ? ` — ${task.resultNote}` : ''}
            </Badge>
          )
        )}
        {!editable && <OrgReportText report={task.orgReport} />}
      </Stack>
    </Card>
  );
}

/** Set at a meeting before last month's: carried forward because it was not reviewed. */
function carried(task: Task, scheduledAt: string): boolean {
  if (!task.meetingDate) return false;
  const [y, mo] = task.meetingDate.split('-').map(Number) as [number, number];
  const [y2, mo2] = scheduledAt.slice(0, 7).split('-').map(Number) as [number, number];
  return (y2 - y) * 12 + (mo2 - mo) > 1;
}

export function Tasks({ m, actions }: SectionProps) {
  // The resolution's items are set while the meeting sits (HD 42: next month's tasks).
  const editable = m.permissions.canRun && m.status === 'in_progress';
  const [title, setTitle] = useState('');
  const [owners, setOwners] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [organisation, setOrganisation] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = taskSchema.safeParse({
      title,
      ownerIds: owners.map(Number),
      deadline,
      organisationId: organisation ? Number(organisation) : null,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const ok = await actions.act(
      'task',
      () => api.post(`/api/meetings/${m.id}/tasks`, parsed.data),
      r.taskAdded,
    );
    if (ok) {
      setTitle('');
      setOwners([]);
      setDeadline(null);
      setOrganisation(null);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="tasks">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {r.tasks}
        </Title>
        {m.tasks.length === 0 && <Text c="dimmed">{r.noTasks}</Text>}
        {m.tasks.map((task) => (
          <Card key={task.id} withBorder padding="xs" radius="md" data-testid="task">
            <Text fw={700}>{task.title}</Text>
            <Text size="sm" c="dimmed">
              {task.owners.map((o) => o.fullName).join(', ')}
              {task.deadline ? `${task.owners.length ? ' · ' : ''}${r.due(formatDate(task.deadline))}` : ''}
            </Text>
            <TaskOrganisationLine organisation={task.organisation} />
          </Card>
        ))}
        {editable && (
          <form onSubmit={submit} noValidate data-testid="task-form">
            <Stack gap="xs">
              <Textarea
                label={r.taskTitle}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title}
                autosize
                minRows={2}
              />
              <MultiSelect
                label={r.owners}
                placeholder={owners.length ? undefined : r.ownersPlaceholder}
                data={memberOptions(m)}
                value={owners}
                onChange={setOwners}
                searchable
                error={errors.ownerIds}
                nothingFoundMessage={vi.validation.noMemberFound}
                comboboxProps={{ withinPortal: true }}
                size="md"
              />
              <TaskOrganisationSelect unitId={m.orgUnitId} value={organisation} onChange={setOrganisation} />
              <DeadlinePicker
                label={r.deadline}
                value={deadline}
                onChange={setDeadline}
                meetingDay={m.scheduledAt.slice(0, 10)}
              />
              <Button type="submit" loading={actions.busy === 'task'} w="fit-content">
                {r.addTask}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The calendar's arrows in Vietnamese (axe: a button needs a name); the month and year controls
 * keep their visible text as their name.
 */
/**
 * The task's deadline: on a phone the calendar opens as a dialog of its own (a popover there
 * covered the form), and it always opens on the month of the value, or of the meeting when empty.
 */
function DeadlinePicker({
  label,
  value,
  onChange,
  meetingDay,
}: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  meetingDay: string;
}) {
  const phone = useIsPhone();
  return (
    <DatePickerInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      clearable
      defaultDate={value ?? meetingDay}
      leftSection={<IconCalendar size={18} />}
      {...CALENDAR_PROPS}
      size="md"
      dropdownType={phone ? 'modal' : 'popover'}
      modalProps={{
        title: label,
        centered: true,
        size: 'auto',
        withCloseButton: true,
        closeButtonProps: { 'aria-label': 'Đóng' },
      }}
      popoverProps={{ withinPortal: true }}
      data-testid="task-deadline"
    />
  );
}
