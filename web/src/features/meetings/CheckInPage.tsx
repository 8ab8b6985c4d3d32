import { Alert, Button, Paper, PinInput, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClockHour4,
  IconHome,
  IconInfoCircle,
  IconQrcode,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api, isNotFound } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { type MeetingDetail, meetingKeys, useMeeting } from './api.js';
import { MeetingWhen, StatusBadge } from './bits.js';
import { clock, whenShort } from './when.js';

const t = vi.meeting.checkin;

/** What a member reads instead of the code form (issue 13, ADR 036). */
export const CHECKIN_STATE = {
  endedAt: (when: string) => `Cuộc họp đã kết thúc lúc ${when}.`,
  ended: 'Cuộc họp đã kết thúc.',
  endedHelp: 'Không còn điểm danh được. Nếu bạn có mặt mà chưa được điểm danh, hãy báo thư ký chi bộ.',
  notYet: (when: string) => `Chưa đến giờ điểm danh — mở lúc ${when}.`,
  notYetHelp: 'Điểm danh mở khi bí thư bắt đầu buổi sinh hoạt. Trang này tự cập nhật.',
  cancelled: 'Buổi sinh hoạt này đã hủy — không điểm danh.',
  doneAt: (time: string) => `Đã điểm danh lúc ${time}`,
  done: 'Đã điểm danh',
  doneBy: (status: string) => `Bạn đã được điểm danh: ${status.toLowerCase()}.`,
  digit: (i: number) => `Mã điểm danh, chữ số ${i} trên 6`,
};

const ATTENDED = new Set(['present', 'late', 'left_early']);

/** The member's own line of the roster, when they are on it. */
export function ownEntry(m: MeetingDetail | undefined, memberId: number | null | undefined) {
  if (!m || !memberId) return undefined;
  return m.attendance.members.find((r) => r.memberId === memberId);
}

/** Whether the member already counts as present (self check-in or marked by the secretary). */
export function checkedIn(entry: ReturnType<typeof ownEntry>): boolean {
  return !!entry?.status && ATTENDED.has(entry.status);
}

/** A filled green answer: a large title line and, below it, one line of detail. */
function DoneAlert({
  title,
  detail,
  titleSize,
  ...rest
}: { title: string; detail?: string; titleSize: number } & Record<`data-${string}`, string>) {
  return (
    <Alert
      color="teal.9"
      variant="filled"
      radius="md"
      icon={<IconCircleCheck size={32} />}
      title={
        <Text fz={titleSize} fw={800}>
          {title}
        </Text>
      }
      {...rest}
    >
      {detail && <Text fz="lg">{detail}</Text>}
    </Alert>
  );
}

/** The green "already checked in" line, with the time when the member checked in themselves. */
export function CheckedInAlert({ entry }: { entry: NonNullable<ReturnType<typeof ownEntry>> }) {
  return (
    <DoneAlert
      titleSize={22}
      title={entry.checkedInAt ? CHECKIN_STATE.doneAt(clock(entry.checkedInAt)) : CHECKIN_STATE.done}
      detail={entry.statusLabel ? CHECKIN_STATE.doneBy(entry.statusLabel) : undefined}
      data-testid="checkin-done"
    />
  );
}

/**
 * The six-digit form and its answer; used by the check-in page and inline on "Của tôi". The
 * code from a QR link (`fromLink`) is filled in already.
 */
export function SelfCheckInForm({
  meetingId,
  fromLink = '',
  entry,
}: {
  meetingId: number;
  fromLink?: string;
  /** The member's roster line: once present, the form gives way to "Đã điểm danh lúc …". */
  entry?: ReturnType<typeof ownEntry>;
}) {
  const [code, setCode] = useState(fromLink);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; locked?: boolean } | null>(null);
  const qc = useQueryClient();
  const labelId = `checkin-code-label-${meetingId}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setResult({ ok: false, message: t.codeMissing });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const res = await api.post<{ status: string; already: boolean }>(
        `/api/meetings/${meetingId}/check-in`,
        { code },
      );
      const now = clock(new Date().toISOString());
      setResult({ ok: true, message: res.already ? t.already : `${t.success} ${vi.meeting.run.at(now)}.` });
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(meetingId) });
    } catch (err) {
      if (!(err instanceof ApiError)) setResult({ ok: false, message: vi.validation.failed });
      // The QR link's code rotates away within a minute (a login in between takes longer).
      else if (err.code === 'CHECKIN_CODE_INVALID' && fromLink && code === fromLink)
        setResult({ ok: false, message: t.linkExpired });
      else setResult({ ok: false, message: err.message, locked: err.code === 'CHECKIN_LOCKED' });
    } finally {
      setBusy(false);
    }
  };

  if (result?.ok)
    return (
      <DoneAlert
        titleSize={24}
        title={t.success}
        detail={result.message}
        data-testid="checkin-result"
        data-ok="true"
      />
    );
  if (entry && checkedIn(entry)) return <CheckedInAlert entry={entry} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" align="stretch">
        <Stack gap={4}>
          <Text fw={600} size="lg" id={labelId}>
            {t.code}
          </Text>
          <PinInput
            length={6}
            type="number"
            inputMode="numeric"
            size="lg"
            gap={6}
            value={code}
            onChange={setCode}
            oneTimeCode
            role="group"
            aria-labelledby={labelId}
            getInputProps={(i) => ({ 'aria-label': CHECKIN_STATE.digit(i + 1) })}
            data-testid="checkin-input"
            styles={{ root: { justifyContent: 'center' }, input: { fontWeight: 800 } }}
          />
          <Text size="sm" c="dimmed">
            {t.codeHelp}
          </Text>
        </Stack>
        {result && !result.ok && (
          <Alert
            color="red"
            radius="md"
            icon={<IconAlertTriangle size={28} />}
            title={result.locked ? t.locked : t.failed}
            data-testid="checkin-result"
            data-ok="false"
          >
            <Text fz="lg">{result.message}</Text>
          </Alert>
        )}
        <Button type="submit" size="xl" h={64} fz={24} loading={busy} leftSection={<IconQrcode size={28} />}>
          {t.submit}
        </Button>
      </Stack>
    </form>
  );
}

/** Why there is no code form: the meeting is over, not started yet, or cancelled. */
export function ClosedCheckIn({ m }: { m: MeetingDetail }) {
  if (m.status === 'planned')
    return (
      <Alert
        color="blue"
        radius="md"
        icon={<IconClockHour4 size={28} />}
        title={
          <Text fz="lg" fw={800} c="blue.9">
            {CHECKIN_STATE.notYet(whenShort(m.scheduledAt))}
          </Text>
        }
        data-testid="checkin-closed"
        data-state="not-yet"
      >
        <Text fz="md" c="dark.7">
          {CHECKIN_STATE.notYetHelp}
        </Text>
      </Alert>
    );
  const ended = m.status === 'held';
  return (
    <Alert
      color="gray"
      radius="md"
      icon={<IconInfoCircle size={28} />}
      title={
        <Text fz="lg" fw={800} c="dark.8">
          {!ended
            ? CHECKIN_STATE.cancelled
            : m.endedAt
              ? CHECKIN_STATE.endedAt(whenShort(m.endedAt))
              : CHECKIN_STATE.ended}
        </Text>
      }
      data-testid="checkin-closed"
      data-state={ended ? 'ended' : 'cancelled'}
    >
      {ended && (
        <Text fz="md" c="dark.7">
          {CHECKIN_STATE.endedHelp}
        </Text>
      )}
    </Alert>
  );
}

/** A member's own check-in from their phone: the code comes from the QR link or is typed. */
export function CheckInPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const fromLink = (params.get('ma') ?? '').replace(/\D/g, '').slice(0, 6);
  const valid = Number.isInteger(id) && id > 0;
  const meeting = useMeeting(valid ? id : 0);
  const me = useMe().data;
  const m = meeting.data;
  const waiting = m?.status === 'planned';
  // Before the start the page looks again now and then, so the form appears when check-in opens.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void meeting.refetch(), 15_000);
    return () => clearInterval(timer);
  }, [waiting, meeting.refetch]);

  if (!valid || isNotFound(meeting.error)) return <NotFound message={t.notFound} />;
  if (meeting.isLoading) return <PageLoader />;
  const entry = ownEntry(m, me?.member?.id);

  return (
    <Stack gap="md" maw={520} mx="auto" data-testid="checkin-page">
      <Title order={1}>{t.title}</Title>
      {m && (
        <Paper withBorder p="md" radius="md">
          <Stack gap={6}>
            <Text fw={700} size="xl" style={{ overflowWrap: 'anywhere' }}>
              {m.title}
            </Text>
            <Text c="dimmed">{m.orgUnitName}</Text>
            <MeetingWhen meeting={m} size="lg" />
            <div>
              <StatusBadge status={m.status} label={m.statusLabel} />
            </div>
          </Stack>
        </Paper>
      )}
      {m && m.status !== 'in_progress' ? (
        <>
          {entry && checkedIn(entry) && <CheckedInAlert entry={entry} />}
          <ClosedCheckIn m={m} />
        </>
      ) : (
        <SelfCheckInForm meetingId={id} fromLink={fromLink} entry={entry} />
      )}
      <Stack gap="xs">
        {m && (
          <Button component={Link} to={`/sinh-hoat/${id}`} variant="light" size="lg">
            {t.toMeeting}
          </Button>
        )}
        <Button
          component={Link}
          to="/cua-toi"
          variant="default"
          size="lg"
          leftSection={<IconHome size={22} />}
        >
          {t.toHome}
        </Button>
      </Stack>
    </Stack>
  );
}
