import {
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconCalendarPlus,
  IconCheck,
  IconCopy,
  IconDownload,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconQrcode,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../../lib/format.js';
import { MyDirectivesCard } from '../directives/MyDirectivesCard.js';
import { MyGradingCard } from '../grading/MyGradingCard.js';
import {
  type MeetingDetail,
  type MyMeeting,
  meetingKeys,
  type Notification,
  useMeeting,
  useMeetingDetails,
  useMyMeetings,
  useMyTasks,
  useNotifications,
} from './api.js';
import { MeetingWhen, StatusBadge } from './bits.js';
import { ownEntry, SelfCheckInForm } from './CheckInPage.js';

const t = vi.meeting.me;
/** The phone path's words (ADR 036). */
const PHONE = {
  checkinNow: 'Đang họp — điểm danh ngay',
  openCheckin: 'Mở trang điểm danh',
  download: (what: string, format: string) => `Tải ${what} (${format})`,
  minutes: 'biên bản',
  resolution: 'nghị quyết',
};

/** The member's own page: what is coming, what to read, what they must do, what was decided. */
export function MyPage() {
  const me = useMe().data!;
  const meetings = useMyMeetings();
  const [more, setMore] = useState(false);
  // Committee meetings concern the chi ủy, not every member (the API lists them for all; see the report).
  const onCommittee = me.grants.some((g) => g.role !== 'member');
  const upcoming = (meetings.data?.upcoming ?? []).filter((m) => onCommittee || m.kind !== 'committee');
  const shown = more ? upcoming : upcoming.slice(0, 2);
  const details = useMeetingDetails(shown.map((m) => m.id));
  // A meeting open for check-in now comes before anything else (issue 13, ADR 036).
  const open = upcoming.filter((m) => m.status === 'in_progress');
  return (
    <Stack gap="lg" maw={960} data-testid="my-page">
      {open.map((m) => (
        <CheckInCard key={m.id} m={m} memberId={me.member?.id} />
      ))}
      <Title order={1}>{t.hello(me.user.displayName)}</Title>
      <MyGradingCard />
      <MyDirectivesCard />
      <Section title={t.upcoming} testId="my-upcoming">
        {meetings.isLoading ? (
          <PageLoader />
        ) : upcoming.length === 0 ? (
          <Text c="dimmed">{t.noUpcoming}</Text>
        ) : (
          <>
            {shown.map((m, i) => (
              <UpcomingCard key={m.id} m={m} detail={details[i]?.data} first={i === 0} />
            ))}
            {upcoming.length > 2 && (
              <Button variant="subtle" onClick={() => setMore((v) => !v)} w="fit-content">
                {more ? vi.meeting.showLess : `${vi.meeting.showMore} (${formatNumber(upcoming.length - 2)})`}
              </Button>
            )}
          </>
        )}
      </Section>
      <MyTasks />
      <Section title={t.recent} testId="my-recent">
        {meetings.isLoading ? (
          <PageLoader />
        ) : (meetings.data?.recent ?? []).length === 0 ? (
          <Text c="dimmed">{t.noRecent}</Text>
        ) : (
          meetings.data?.recent
            .filter((m) => onCommittee || m.kind !== 'committee')
            .slice(0, 6)
            .map((m) => <RecentCard key={m.id} m={m} />)
        )}
      </Section>
      <Notifications />
      <CalendarLink />
    </Stack>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId} id={testId}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The open meeting's check-in, inline: the code typed here, or "Đã điểm danh lúc …". */
function CheckInCard({ m, memberId }: { m: MyMeeting; memberId: number | undefined }) {
  const detail = useMeeting(m.id).data;
  const entry = ownEntry(detail, memberId);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      bg="red.0"
      style={{ borderColor: 'var(--mantine-color-red-6)', borderWidth: 2 }}
      data-testid="my-checkin"
      aria-labelledby={`my-checkin-${m.id}`}
      component="section"
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconQrcode size={28} aria-hidden style={{ flexShrink: 0 }} />
          <Title order={2} size="h3" id={`my-checkin-${m.id}`}>
            {PHONE.checkinNow}
          </Title>
        </Group>
        <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {m.title}
        </Text>
        <MeetingWhen meeting={m} size="lg" />
        {detail ? (
          <SelfCheckInForm meetingId={m.id} entry={entry} />
        ) : (
          <Button component={Link} to={`/diem-danh/${m.id}`} size="xl" leftSection={<IconQrcode size={28} />}>
            {PHONE.openCheckin}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function UpcomingCard({
  m,
  detail,
  first,
}: {
  m: MyMeeting;
  detail: MeetingDetail | undefined;
  first: boolean;
}) {
  const docs = detail?.documents ?? [];
  return (
    <Card withBorder padding="sm" radius="md" data-testid="my-upcoming-meeting">
      <Stack gap={8}>
        <Anchor
          component={Link}
          to={`/sinh-hoat/${m.id}`}
          fw={700}
          size="lg"
          style={{ overflowWrap: 'anywhere' }}
        >
          {m.title}
        </Anchor>
        {m.status !== 'planned' && (
          <div>
            <StatusBadge status={m.status} label={m.statusLabel} size="lg" />
          </div>
        )}
        <MeetingWhen meeting={m} size={first ? 'lg' : 'md'} />
        {m.thematicTopic && (
          <Text>
            {vi.meeting.thematicTopic}: {m.thematicTopic}
          </Text>
        )}
        {(first || m.documents > 0) && (
          <>
            <Text fw={600}>{t.documents}</Text>
            {m.documents === 0 || (detail && docs.length === 0) ? (
              <Text c="dimmed">{t.noDocuments}</Text>
            ) : (
              <Stack gap={4}>
                {docs.map((d) => (
                  <Anchor
                    key={d.id}
                    href={`/api/meetings/${m.id}/documents/${d.id}`}
                    download
                    size="lg"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <IconDownload size={18} style={{ verticalAlign: 'middle' }} /> {d.title}
                  </Anchor>
                ))}
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

function RecentCard({ m }: { m: MyMeeting }) {
  return (
    <Card withBorder padding="sm" radius="md" data-testid="my-recent-meeting">
      <Stack gap={6}>
        <Anchor
          component={Link}
          to={`/sinh-hoat/${m.id}`}
          fw={700}
          size="lg"
          style={{ overflowWrap: 'anywhere' }}
        >
          {m.title}
        </Anchor>
        <MeetingWhen meeting={m} size="sm" />
        {m.minutesAdopted ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            {(
              [
                ['minutes', PHONE.minutes],
                ['resolution', PHONE.resolution],
              ] as const
            ).flatMap(([file, what]) =>
              (['pdf', 'docx'] as const).map((ext) => (
                <Button
                  key={`${file}.${ext}`}
                  component="a"
                  href={`/api/meetings/${m.id}/${file}.${ext}`}
                  download
                  size="md"
                  variant={ext === 'pdf' ? 'light' : 'default'}
                  leftSection={ext === 'pdf' ? <IconFileTypePdf size={20} /> : <IconFileTypeDocx size={20} />}
                  data-testid={`my-${file}-${ext}`}
                >
                  {PHONE.download(what, ext === 'pdf' ? 'PDF' : 'Word')}
                </Button>
              )),
            )}
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {t.minutesPending}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function MyTasks() {
  const tasks = useMyTasks();
  const today = todayIso();
  // What is still to do first, nearest deadline first; then the ones already assessed, latest first.
  const all = tasks.data?.items ?? [];
  const open = all.filter((x) => x.result === 'open');
  const done = all.filter((x) => x.result !== 'open').reverse();
  const items = [...open, ...done];
  return (
    <Section title={t.tasks} testId="my-tasks">
      {tasks.isLoading ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t.noTasks}</Text>
      ) : (
        items.map((task) => {
          const overdue = task.result === 'open' && task.deadline !== null && task.deadline < today;
          return (
            <Card key={task.id} withBorder padding="sm" radius="md" data-testid="my-task">
              <Stack gap={4}>
                <Text fw={700} size="lg" data-testid="my-task-title">
                  {task.title}
                </Text>
                <Group gap="xs">
                  {task.deadline && (
                    <Badge
                      color={overdue ? 'red' : 'blue'}
                      c={overdue ? 'red.9' : 'dark.7'}
                      variant="light"
                      size="lg"
                      tt="none"
                    >
                      {overdue ? `${t.overdue}: ` : ''}
                      {vi.meeting.run.due(formatDate(task.deadline))}
                    </Badge>
                  )}
                  <Badge
                    color={task.result === 'achieved' ? 'teal' : task.result === 'open' ? 'gray' : 'orange'}
                    c="dark.7"
                    variant="light"
                    size="lg"
                    tt="none"
                  >
                    {task.resultLabel}
                  </Badge>
                </Group>
                {task.owners.length > 1 && (
                  <Text size="sm" c="dimmed">
                    {vi.meeting.run.owners}: {task.owners.map((o) => o.fullName).join(', ')}
                  </Text>
                )}
                <Anchor component={Link} to={`/sinh-hoat/${task.meetingId}`} size="sm">
                  {vi.meeting.checkin.toMeeting}
                </Anchor>
              </Stack>
            </Card>
          );
        })
      )}
    </Section>
  );
}

export function useMarkRead() {
  const qc = useQueryClient();
  return async (n: Notification) => {
    if (n.read) return;
    qc.setQueryData<{ items: Notification[]; unread: number }>(meetingKeys.notifications, (old) =>
      old
        ? {
            items: old.items.map((x) => (x.id === n.id ? { ...x, read: true } : x)),
            unread: Math.max(0, old.unread - 1),
          }
        : old,
    );
    try {
      await api.post(`/api/me/notifications/${n.id}/read`);
    } catch (e) {
      notifyError(e);
    }
    void qc.invalidateQueries({ queryKey: meetingKeys.notifications });
  };
}

function Notifications() {
  const notes = useNotifications();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const items = notes.data?.items ?? [];
  return (
    <Section title={t.notifications} testId="thong-bao">
      {notes.data && notes.data.unread > 0 && (
        <Badge color="red" size="lg" tt="none" w="fit-content">
          {t.unread(formatNumber(notes.data.unread))}
        </Badge>
      )}
      {items.length === 0 && <Text c="dimmed">{t.noNotifications}</Text>}
      {items.map((n) => (
        <Card
          key={n.id}
          withBorder
          padding="sm"
          radius="md"
          bg={n.read ? undefined : 'blue.0'}
          data-testid="notification"
        >
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Text fw={n.read ? 500 : 800}>{n.title}</Text>
              <Text size="sm" c="dimmed" className="chibo-nowrap">
                {formatDateTime(n.createdAt)}
              </Text>
            </Group>
            {n.body && <Text size="sm">{n.body}</Text>}
            <Group gap="xs">
              {n.link && (
                <Button
                  size="sm"
                  variant="light"
                  onClick={() => {
                    void markRead(n);
                    navigate(n.link!);
                  }}
                >
                  {vi.meeting.open}
                </Button>
              )}
              {!n.read && (
                <Button
                  size="sm"
                  variant="default"
                  leftSection={<IconCheck size={16} />}
                  onClick={() => markRead(n)}
                >
                  {t.markRead}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      ))}
    </Section>
  );
}

function CalendarLink() {
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'revoke' | null>(null);
  const create = async () => {
    setBusy('create');
    try {
      const res = await api.post<{ url: string }>('/api/me/calendar-token');
      setUrl(`${window.location.origin}${res.url}`);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const revoke = async () => {
    setBusy('revoke');
    try {
      await api.del('/api/me/calendar-token');
      setUrl(null);
      notifySuccess(t.revoked);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const webcal = url?.replace(/^https?:/, 'webcal:');
  return (
    <Section title={t.calendar} testId="my-calendar">
      <Text size="sm">{t.calendarExplain}</Text>
      {url ? (
        <Stack gap="xs">
          <TextInput
            label={t.calendarUrl}
            value={url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            data-testid="calendar-url"
          />
          <Text size="sm" c="orange.9">
            {t.calendarSecret}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={20} /> : <IconCopy size={20} />}
                >
                  {copied ? t.copied : t.copy}
                </Button>
              )}
            </CopyButton>
            {webcal && (
              <Button
                component="a"
                href={webcal}
                variant="light"
                leftSection={<IconCalendarPlus size={20} />}
              >
                {t.calendarOpen}
              </Button>
            )}
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={20} />}
              onClick={revoke}
              loading={busy === 'revoke'}
            >
              {t.revoke}
            </Button>
          </SimpleGrid>
        </Stack>
      ) : (
        <Group gap="xs">
          <Button leftSection={<IconCalendarPlus size={20} />} onClick={create} loading={busy === 'create'}>
            {t.calendarCreate}
          </Button>
          <Button
            variant="default"
            leftSection={<IconTrash size={20} />}
            onClick={revoke}
            loading={busy === 'revoke'}
          >
            {t.revoke}
          </Button>
        </Group>
      )}
    </Section>
  );
}
