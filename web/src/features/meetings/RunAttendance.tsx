import { Badge, Button, Card, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { vi } from '../../i18n/vi.js';
import { formatNumber } from '../../lib/format.js';
import type { RosterEntry } from './api.js';
import type { SectionProps } from './MeetingPage.js';
import { clock } from './when.js';

const r = vi.meeting.run;

type Status = NonNullable<RosterEntry['status']>;
const STATUS_BUTTONS: { status: Status; label: string; color: string }[] = [
  { status: 'present', label: vi.meeting.run.present, color: 'teal' },
  { status: 'late', label: vi.meeting.run.late, color: 'lime' },
  { status: 'left_early', label: 'Về sớm', color: 'yellow' },
  { status: 'absent_excused', label: vi.meeting.run.absentExcused, color: 'orange' },
  { status: 'absent_unexcused', label: vi.meeting.run.absentUnexcused, color: 'red' },
];
const STATUS_COLOR = Object.fromEntries(STATUS_BUTTONS.map((b) => [b.status, b.color])) as Record<
  Status,
  string
>;

export function Attendance({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && m.status === 'in_progress';
  const [restOpened, rest] = useDisclosure(false);
  const members = m.attendance.members;
  const groups: { key: string; rows: RosterEntry[] }[] = [
    { key: 'member', rows: members.filter((x) => x.category === 'member' && !x.away) },
    { key: 'exempted', rows: members.filter((x) => x.category === 'exempted' && !x.away) },
    { key: 'temporary_in', rows: members.filter((x) => x.category === 'temporary_in') },
    { key: 'away', rows: members.filter((x) => x.away) },
  ];
  const unmarked = members.filter((x) => x.category === 'member' && !x.away && x.status === null);

  const markRest = async () => {
    const ids = unmarked.map((x) => x.memberId);
    const ok = await actions.act(
      'rest',
      async () => {
        let last: unknown;
        for (const id of ids) {
          last = await api.put(`/api/meetings/${m.id}/attendance/${id}`, { status: 'present' });
        }
        return last;
      },
      r.markRestDone(formatNumber(ids.length)),
    );
    if (ok !== undefined) rest.close();
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="attendance">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {m.status === 'planned' ? r.rosterPreview : r.attendance}
        </Title>
        {editable && <Text size="sm">{r.attendanceHelp}</Text>}
        {groups
          .filter((g) => g.rows.length > 0)
          .map((g) => (
            <Stack key={g.key} gap="xs">
              <Text fw={700} c="dimmed" size="sm" tt="uppercase">
                {r.groups[g.key]} ({formatNumber(g.rows.length)})
              </Text>
              {g.rows.map((row) => (
                <AttendanceRow
                  key={row.memberId}
                  m={m}
                  row={row}
                  actions={actions}
                  editable={editable && !row.away}
                />
              ))}
            </Stack>
          ))}
        {editable && unmarked.length > 0 && (
          <Button
            variant="light"
            leftSection={<IconCheck size={20} />}
            onClick={rest.open}
            data-testid="mark-rest"
          >
            {r.markRest(formatNumber(unmarked.length))}
          </Button>
        )}
      </Stack>
      <Modal opened={restOpened} onClose={rest.close} title={r.markRestTitle}>
        <Stack>
          <Text>{r.markRestExplain}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={rest.close}>
              {vi.app.cancel}
            </Button>
            <Button loading={actions.busy === 'rest'} onClick={markRest}>
              {r.markRest(formatNumber(unmarked.length))}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function AttendanceRow({
  m,
  row,
  actions,
  editable,
}: SectionProps & { row: RosterEntry; editable: boolean }) {
  const [askReason, setAskReason] = useState(false);
  const [changing, setChanging] = useState(false);
  const [reason, setReason] = useState(row.reason ?? '');
  const key = `att-${row.memberId}`;
  const set = async (status: Status, why?: string) => {
    const ok = await actions.act(key, () =>
      api.put(`/api/meetings/${m.id}/attendance/${row.memberId}`, { status, reason: why ?? null }),
    );
    if (ok) {
      setAskReason(false);
      setChanging(false);
    }
  };
  // Marked members fold away to a badge; "Đổi" opens the buttons again (a shorter list on a phone).
  const showButtons = editable && (row.status === null || changing);
  return (
    <Card
      withBorder
      padding="xs"
      radius="md"
      data-testid="attendance-row"
      data-member={row.fullName}
      data-status={row.status ?? ''}
      bg={row.away ? 'gray.0' : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
            <Text fw={700} size="lg">
              {row.fullName}
            </Text>
            {!row.isOfficial && (
              <Badge variant="outline" color="gray" tt="none">
                {r.probationary}
              </Badge>
            )}
          </Group>
          <Group gap={6} wrap="wrap">
            {row.status && (
              <Badge
                color={STATUS_COLOR[row.status]}
                variant="light"
                // Dark text on the tinted badge: the light variant's own text is under 4,5:1.
                c="dark.7"
                size="lg"
                tt="none"
                data-testid="attendance-status"
                style={{ maxWidth: '100%' }}
              >
                {row.statusLabel}
                {row.via === 'self' ? ` · ${r.self}` : ''}
                {row.checkedInAt ? ` ${r.at(clock(row.checkedInAt))}` : ''}
              </Badge>
            )}
            {editable && row.status !== null && !changing && (
              <Button size="compact-md" variant="subtle" onClick={() => setChanging(true)}>
                {r.change}
              </Button>
            )}
          </Group>
        </Group>
        {row.reason && row.status?.startsWith('absent') && (
          <Text size="sm">
            {vi.member.reason}: {row.reason}
          </Text>
        )}
        {showButtons && (
          <Group gap={6} wrap="wrap">
            {STATUS_BUTTONS.map((b) => (
              <Button
                key={b.status}
                size="sm"
                color={b.color}
                variant={row.status === b.status ? 'filled' : 'default'}
                disabled={actions.busy === key}
                aria-pressed={row.status === b.status}
                onClick={() => (b.status === 'absent_excused' ? setAskReason(true) : set(b.status))}
              >
                {b.label}
              </Button>
            ))}
          </Group>
        )}
        {editable && askReason && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void set('absent_excused', reason.trim());
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={r.reason}
                placeholder={r.reasonPlaceholder}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-autofocus
                autoFocus
              />
              <Button type="submit" disabled={!reason.trim()} loading={actions.busy === key}>
                {r.saveReason}
              </Button>
              <Button
                variant="subtle"
                color="gray"
                onClick={() => setAskReason(false)}
                px={8}
                aria-label={vi.app.cancel}
              >
                <IconX size={20} />
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}
