import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Image,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCheck,
  IconInfoCircle,
  IconMessagePlus,
  IconPlayerPlay,
  IconPlayerStop,
  IconUserPlus,
  IconX,
} from '@tabler/icons-react';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import {
  guestSchema,
  speechSchema,
  taskSchema,
  voteSchema,
} from '../../../../src/features/meetings/schema.js';
import { api } from '../../api/client.js';
import { DatePickerField } from '../../components/DateField.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatNumber, formatPercent } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import type { MeetingDetail, RosterEntry, Task } from './api.js';
import { zodFieldErrors } from './bits.js';
import type { SectionProps } from './MeetingPage.js';
import { memberOptions } from './PrepareSection.js';
import { clock } from './when.js';

const t = vi.meeting;
const r = t.run;

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

const running = (m: MeetingDetail) => m.status === 'in_progress';

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

function Stat({
  label,
  value,
  help,
  testId,
}: {
  label: string;
  value: string;
  help?: string;
  testId: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={{ base: 26, sm: 40 }} fw={800} lh={1.1} className="chibo-nowrap" data-testid={testId}>
        {value}
      </Text>
      {help && (
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      )}
    </Stack>
  );
}

function Counters({ m }: { m: MeetingDetail }) {
  const s = m.attendance.summary;
  const details = [
    [r.late, s.late],
    [r.absentExcused, s.absentExcused],
    [r.absentUnexcused, s.absentUnexcused],
    [r.unmarked, s.unmarked],
    [r.exemptedPresent, s.exemptedPresent],
    [r.temporaryPresent, s.temporaryPresent],
  ] as const;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      bg="partyRed.0"
      h="100%"
      data-testid="live-counters"
      aria-live="polite"
    >
      <Stack gap="sm">
        <SimpleGrid cols={3} spacing="sm">
          <Stat label={r.present} value={`${s.present}/${s.base}`} testId="counter-present" />
          <Stat label={r.percent} value={formatPercent(s.present, s.base)} testId="counter-percent" />
          <Stat
            label={r.voters}
            value={`${s.votersPresent}/${s.votingBase}`}
            help={r.votersHelp}
            testId="counter-voters"
          />
        </SimpleGrid>
        <Group gap="xs">
          {details
            .filter(([label, n]) => n > 0 || label === r.unmarked)
            .map(([label, n]) => (
              <Badge key={label} variant="white" color="dark" size="lg" tt="none" fw={500}>
                {label}: {formatNumber(n)}
              </Badge>
            ))}
        </Group>
      </Stack>
    </Paper>
  );
}

function CheckInCode({ m, code }: { m: MeetingDetail; code: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const url = `${window.location.origin}/diem-danh/${m.id}?ma=${code}`;
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' })
      .then((d) => live && setQr(d))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Paper withBorder p="md" radius="md" h="100%" data-testid="checkin-code">
      <Group gap="md" wrap="nowrap" align="center">
        {qr && (
          <Image
            src={qr}
            alt={r.qrAlt(code)}
            w={{ base: 120, sm: 160 }}
            h={{ base: 120, sm: 160 }}
            style={{ flexShrink: 0 }}
            fit="contain"
          />
        )}
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={700}>{r.codeTitle}</Text>
          <Text
            fz={{ base: 34, sm: 44 }}
            fw={800}
            lh={1}
            ff="monospace"
            style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }}
            data-testid="checkin-code-digits"
          >
            {code}
          </Text>
          <Text size="sm">{r.codeHelp}</Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function Attendance({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && running(m);
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

function Guests({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && (m.status === 'planned' || m.status === 'in_progress');
  const [opened, form] = useDisclosure(false);
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [org, setOrg] = useState('');
  const [supervisor, setSupervisor] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = guestSchema.safeParse({
      name,
      title: title || null,
      organisation: org || null,
      isSupervisor: supervisor,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const ok = await actions.act(
      'guest',
      () => api.post(`/api/meetings/${m.id}/guests`, parsed.data),
      r.guestAdded,
    );
    if (ok) {
      setName('');
      setTitle('');
      setOrg('');
      setSupervisor(false);
      form.close();
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="guests">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {r.guests}
          </Title>
          {editable && !opened && (
            <Button variant="light" leftSection={<IconUserPlus size={20} />} onClick={form.open}>
              {r.addGuest}
            </Button>
          )}
        </Group>
        {m.guests.length === 0 && <Text c="dimmed">{r.noGuests}</Text>}
        {m.guests.map((g) => (
          <Group key={g.id} gap={6} wrap="wrap">
            <Text fw={700}>{g.name}</Text>
            {(g.title || g.organisation) && (
              <Text c="dimmed">— {[g.title, g.organisation].filter(Boolean).join(', ')}</Text>
            )}
            {g.isSupervisor && (
              <Badge color="grape" variant="light" tt="none">
                {r.supervisorBadge}
              </Badge>
            )}
          </Group>
        ))}
        {editable && opened && (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <TextInput
                label={r.guestName}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
                required
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput
                  label={r.guestTitle}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                />
                <TextInput label={r.guestOrg} value={org} onChange={(e) => setOrg(e.currentTarget.value)} />
              </SimpleGrid>
              <Checkbox
                label={r.guestSupervisor}
                checked={supervisor}
                onChange={(e) => setSupervisor(e.currentTarget.checked)}
                size="md"
              />
              <Group gap="xs">
                <Button type="submit" loading={actions.busy === 'guest'}>
                  {r.addGuest}
                </Button>
                <Button variant="default" onClick={form.close}>
                  {vi.app.cancel}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function Agenda({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && running(m);
  const [speechFor, setSpeechFor] = useState<number | null | undefined>(undefined);
  const sections = ['opening', 'body', 'closing'] as const;
  const loose = m.speeches.filter((s) => s.agendaItemId === null);
  return (
    <Paper withBorder p="md" radius="md" data-testid="agenda">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {r.agenda}
          </Title>
          {editable && (
            <Button
              variant="light"
              leftSection={<IconMessagePlus size={20} />}
              onClick={() => setSpeechFor(null)}
              data-testid="add-speech"
            >
              {r.addSpeech}
            </Button>
          )}
        </Group>
        {m.agenda.length === 0 && <Text c="dimmed">{r.noAgenda}</Text>}
        {sections.map((sec) => {
          const items = m.agenda.filter((a) => a.section === sec);
          if (items.length === 0) return null;
          return (
            <Stack key={sec} gap={6}>
              <Text fw={700} c="dimmed" size="sm" tt="uppercase">
                {r.sections[sec]}
              </Text>
              {items.map((a) => (
                <AgendaItem
                  key={a.id}
                  m={m}
                  actions={actions}
                  item={a}
                  editable={editable}
                  onSpeech={() => setSpeechFor(a.id)}
                />
              ))}
            </Stack>
          );
        })}
        {loose.length > 0 && (
          <Stack gap={4}>
            <Text fw={700} c="dimmed" size="sm" tt="uppercase">
              {r.speeches}
            </Text>
            <SpeechList speeches={loose} />
          </Stack>
        )}
      </Stack>
      {editable && (
        <SpeechModal
          m={m}
          actions={actions}
          agendaItemId={speechFor ?? null}
          opened={speechFor !== undefined}
          onClose={() => setSpeechFor(undefined)}
        />
      )}
    </Paper>
  );
}

function SpeechList({ speeches }: { speeches: MeetingDetail['speeches'] }) {
  return (
    <Stack
      gap={4}
      pl="sm"
      style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}
      data-testid="speeches"
    >
      {speeches.map((s) => (
        <Text key={s.id} size="sm">
          <b>{s.speaker}:</b> {s.summary}
        </Text>
      ))}
    </Stack>
  );
}

function AgendaItem({
  m,
  actions,
  item,
  editable,
  onSpeech,
}: SectionProps & { item: MeetingDetail['agenda'][number]; editable: boolean; onSpeech: () => void }) {
  const [open, setOpen] = useState(false);
  const [conclusion, setConclusion] = useState(item.conclusion ?? '');
  useEffect(() => setConclusion(item.conclusion ?? ''), [item.conclusion]);
  const speeches = m.speeches.filter((s) => s.agendaItemId === item.id);
  const key = `agenda-${item.id}`;
  return (
    <Card withBorder padding="xs" radius="md" data-testid="agenda-item">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          {editable ? (
            <Checkbox
              size="md"
              checked={item.done}
              disabled={actions.busy === key}
              onChange={(e) => {
                const done = e.currentTarget.checked;
                void actions.act(key, () => api.patch(`/api/meetings/${m.id}/agenda/${item.id}`, { done }));
              }}
              label={<Text fw={item.done ? 400 : 600}>{item.title}</Text>}
            />
          ) : (
            <Group gap={6} wrap="nowrap" align="flex-start">
              {item.done ? <IconCheck size={20} color="var(--mantine-color-teal-7)" /> : null}
              <Text fw={600}>{item.title}</Text>
            </Group>
          )}
          {editable && (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={onSpeech}
                aria-label={`${r.addSpeech}: ${item.title}`}
              >
                <IconMessagePlus size={18} />
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => setOpen((v) => !v)}>
                {r.conclusionButton}
              </Button>
            </Group>
          )}
        </Group>
        {speeches.length > 0 && <SpeechList speeches={speeches} />}
        {item.conclusion && !open && (
          <Text size="sm" fs="italic">
            {r.conclusion}: {item.conclusion}
          </Text>
        )}
        {editable && open && (
          <Stack gap={4}>
            <Textarea
              label={r.conclusion}
              value={conclusion}
              onChange={(e) => setConclusion(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Button
              size="sm"
              w="fit-content"
              loading={actions.busy === `${key}-c`}
              onClick={async () => {
                const ok = await actions.act(
                  `${key}-c`,
                  () =>
                    api.patch(`/api/meetings/${m.id}/agenda/${item.id}`, { conclusion: conclusion || null }),
                  r.conclusionSaved,
                );
                if (ok) setOpen(false);
              }}
            >
              {r.saveConclusion}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function SpeechModal({
  m,
  actions,
  agendaItemId,
  opened,
  onClose,
}: SectionProps & { agendaItemId: number | null; opened: boolean; onClose: () => void }) {
  const [item, setItem] = useState<string | null>(null);
  const [speaker, setSpeaker] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (opened) {
      setItem(agendaItemId ? String(agendaItemId) : null);
      setSpeaker(null);
      setSummary('');
      setErrors({});
    }
  }, [opened, agendaItemId]);
  const present = m.attendance.members.filter(
    (x) => x.status === 'present' || x.status === 'late' || x.status === 'left_early',
  );
  const speakers = [
    {
      group: r.speakerGroups.members,
      items: present.map((x) => ({ value: `m${x.memberId}`, label: x.fullName })),
    },
    { group: r.speakerGroups.guests, items: m.guests.map((g) => ({ value: `g${g.id}`, label: g.name })) },
  ].filter((g) => g.items.length > 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!speaker) {
      setErrors({ speaker: r.pickSpeaker });
      return;
    }
    const id = Number(speaker.slice(1));
    const parsed = speechSchema.safeParse({
      agendaItemId: item ? Number(item) : null,
      memberId: speaker.startsWith('m') ? id : null,
      guestId: speaker.startsWith('g') ? id : null,
      summary,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    const ok = await actions.act(
      'speech',
      () => api.post(`/api/meetings/${m.id}/speeches`, parsed.data),
      r.speechAdded,
    );
    if (ok) onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={r.addSpeech} size="lg">
      <form onSubmit={submit} noValidate data-testid="speech-form">
        <Stack gap="sm">
          <Select
            label={r.speaker}
            placeholder={r.speakerPlaceholder}
            data={speakers}
            value={speaker}
            onChange={setSpeaker}
            searchable
            error={errors.speaker}
            nothingFoundMessage={vi.validation.noMemberFound}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={r.agendaItem}
            placeholder={r.agendaItemNone}
            data={m.agenda.map((a) => ({ value: String(a.id), label: a.title }))}
            value={item}
            onChange={setItem}
            clearable
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label={r.summary}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={errors.summary ?? errors._}
            autosize
            minRows={3}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={actions.busy === 'speech'}>
              {r.addSpeech}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PreviousTasks({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && m.status !== 'cancelled';
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
  const key = `review-${task.id}`;
  const colors: Record<string, string> = { achieved: 'teal', partial: 'yellow', not_achieved: 'red' };
  return (
    <Card withBorder padding="xs" radius="md" data-testid="previous-task">
      <Stack gap={6}>
        <Text fw={700}>{task.title}</Text>
        <Text size="sm" c="dimmed">
          {task.owners.map((o) => o.fullName).join(', ')}
          {task.deadline ? ` · ${r.due(formatDate(task.deadline))}` : ''}
        </Text>
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
          </>
        ) : (
          task.result !== 'open' && (
            <Badge color={colors[task.result]} variant="light" tt="none" size="lg">
              {task.resultLabel}
              {task.resultNote ? ` — ${task.resultNote}` : ''}
            </Badge>
          )
        )}
      </Stack>
    </Card>
  );
}

function Votes({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && running(m);
  const s = m.attendance.summary;
  const [subject, setSubject] = useState('');
  const [isResolution, setIsResolution] = useState(true);
  const [forN, setFor] = useState<number | string>(0);
  const [against, setAgainst] = useState<number | string>(0);
  const [abstain, setAbstain] = useState<number | string>(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const need = Math.floor(s.votingBase / 2) + 1;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = voteSchema.safeParse({
      subject,
      isResolution,
      for: Number(forN) || 0,
      against: Number(against) || 0,
      abstain: Number(abstain) || 0,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const ok = await actions.act(
      'vote',
      () => api.post(`/api/meetings/${m.id}/votes`, parsed.data),
      r.voteRecorded,
    );
    if (ok) {
      setSubject('');
      setFor(0);
      setAgainst(0);
      setAbstain(0);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="votes">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {r.votes}
        </Title>
        {m.votes.length === 0 && !editable && <Text c="dimmed">{r.noVotes}</Text>}
        {m.votes.map((v) => (
          <Card key={v.id} withBorder padding="xs" radius="md" data-testid="vote">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={700}>{v.subject}</Text>
              <Badge color={v.passed ? 'teal' : 'red'} size="lg" tt="none">
                {v.passed ? r.passed : r.failed}
              </Badge>
            </Group>
            <Text size="sm">
              {r.voteLine(
                formatNumber(v.for),
                formatNumber(v.against),
                formatNumber(v.abstain),
                formatNumber(v.base),
              )}{' '}
              ({formatPercent(v.for, v.base)})
            </Text>
          </Card>
        ))}
        {editable && (
          <form onSubmit={submit} noValidate data-testid="vote-form">
            <Stack gap="xs">
              <Alert color="blue" icon={<IconInfoCircle />} p="xs">
                <Text size="sm" data-testid="vote-base">
                  {r.voteBase(formatNumber(s.votingBase), formatNumber(s.votersPresent), formatNumber(need))}
                </Text>
              </Alert>
              <TextInput
                label={r.voteSubject}
                placeholder={r.voteSubjectPlaceholder}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                error={errors.subject}
              />
              <Checkbox
                label={r.isResolution}
                checked={isResolution}
                onChange={(e) => setIsResolution(e.currentTarget.checked)}
                size="md"
              />
              <SimpleGrid cols={3} spacing="xs">
                <NumberInput
                  label={r.for}
                  min={0}
                  value={forN}
                  onChange={setFor}
                  allowDecimal={false}
                  size="md"
                  error={errors.for}
                />
                <NumberInput
                  label={r.against}
                  min={0}
                  value={against}
                  onChange={setAgainst}
                  allowDecimal={false}
                  size="md"
                />
                <NumberInput
                  label={r.abstain}
                  min={0}
                  value={abstain}
                  onChange={setAbstain}
                  allowDecimal={false}
                  size="md"
                />
              </SimpleGrid>
              <Button type="submit" loading={actions.busy === 'vote'} w="fit-content">
                {r.recordVote}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function Tasks({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && m.status !== 'cancelled';
  const [title, setTitle] = useState('');
  const [owners, setOwners] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = taskSchema.safeParse({ title, ownerIds: owners.map(Number), deadline });
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
              {task.deadline ? ` · ${r.due(formatDate(task.deadline))}` : ''}
            </Text>
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
              <DatePickerField label={r.deadline} value={deadline} onChange={setDeadline} clearable />
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
