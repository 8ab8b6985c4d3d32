/** A supervised cell's card on "Giám sát": visits against the minimum, recent meetings, and the visit / recommendation forms. */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClipboardCheck, IconEye, IconMessagePlus, IconStar } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatNumber, todayIso } from '../../lib/format.js';
import { VisitInspectionSelect } from '../inspections/VisitInspectionSelect.js';
import { type MeetingSummary, useUnitMeetings } from '../meetings/api.js';
import { day, localDay } from '../meetings/when.js';
import {
  currentMonth,
  monthsBack,
  type SupervisionRow,
  useMonthStatus,
  useRecommendations,
  useSupervision,
  useVisits,
} from './api.js';
import { BandBadge, points } from './bands.js';
import { RecommendationCard, useRefreshSupervision } from './Recommendations.js';

const t = vi.quality.supervision;

export function VisitsBar({ row, min, note = true }: { row: SupervisionRow; min: number; note?: boolean }) {
  const pct = min > 0 ? Math.min(100, (row.visits * 100) / min) : 100;
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {t.visits}
        </Text>
        <Text fw={700} c={row.belowMinimum ? 'red.8' : 'teal.8'} data-testid="visits-count">
          {t.visitsOf(formatNumber(row.visits), formatNumber(min))}
        </Text>
      </Group>
      <Progress
        value={pct}
        color={row.belowMinimum ? 'red' : 'teal'}
        size="lg"
        radius="xl"
        aria-label={`${t.visits}: ${t.visitsOf(formatNumber(row.visits), formatNumber(min))}`}
      />
      {note && (
        <Text size="sm" c={row.belowMinimum ? 'red.8' : 'dimmed'}>
          {row.belowMinimum ? t.belowMin : t.enough} · {t.minimum(formatNumber(min))}
        </Text>
      )}
    </Stack>
  );
}

export function SupervisedCell({ cell, year }: { cell: { id: number; name: string }; year: number }) {
  const sup = useSupervision(cell.id, year);
  const meetings = useUnitMeetings(cell.id);
  const months = monthsBack(currentMonth(), 12);
  const status = useMonthStatus(cell.id, months[0]!, months[months.length - 1]!);
  const visits = useVisits(cell.id);
  const recs = useRecommendations(cell.id);
  const [visitOpened, visitModal] = useDisclosure(false);
  const [recOpened, recModal] = useDisclosure(false);
  const row = sup.data?.items.find((r) => r.unitId === cell.id);
  const held = (meetings.data?.items ?? [])
    .filter((m) => m.status === 'held' && m.kind !== 'committee')
    .sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
  const byMeeting = new Map(
    (status.data?.items ?? []).filter((r) => r.meetingId).map((r) => [r.meetingId!, r]),
  );
  const openRecs = recs.data?.items ?? [];

  return (
    <Paper withBorder p="md" radius="md" data-testid="supervised-cell">
      <Stack gap="sm">
        <Anchor component={Link} to={`/don-vi/${cell.id}#chat-luong`} fw={700} fz="lg">
          {cell.name}
        </Anchor>
        {sup.isLoading ? (
          <PageLoader />
        ) : row && sup.data ? (
          <VisitsBar row={row} min={sup.data.minVisitsPerYear} />
        ) : (
          sup.error && <ErrorState error={sup.error} />
        )}
        <Group gap="xs">
          <Button
            leftSection={<IconClipboardCheck size={20} />}
            onClick={visitModal.open}
            data-testid="record-visit"
          >
            {t.recordVisit}
          </Button>
          <Button variant="light" leftSection={<IconMessagePlus size={20} />} onClick={recModal.open}>
            {t.raise}
          </Button>
        </Group>

        <Text fw={700} mt={4}>
          {t.recent}
        </Text>
        {meetings.isLoading && <PageLoader />}
        {!meetings.isLoading && held.length === 0 && <Text c="dimmed">{t.noRecent}</Text>}
        <Stack gap={6}>
          {held.slice(0, 4).map((m) => {
            const st = byMeeting.get(m.id);
            const supScored = st?.supervisorScore !== null && st?.supervisorScore !== undefined;
            return (
              <Card withBorder radius="md" padding="xs" key={m.id} data-testid="recent-meeting">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Stack gap={2} style={{ flex: 1, minWidth: 180 }}>
                    <Anchor component={Link} to={`/sinh-hoat/${m.id}`} fw={600}>
                      {m.title}
                    </Anchor>
                    <Group gap={6} wrap="wrap">
                      <Text size="sm" c="dimmed">
                        {day(m.scheduledAt)}
                      </Text>
                      {st?.cellScore !== null && st?.cellScore !== undefined && (
                        <Badge variant="light" color="gray" tt="none" size="lg">
                          {t.cellScored(points(st.cellScore))}
                        </Badge>
                      )}
                      {supScored ? (
                        <Badge variant="light" color="teal" tt="none" size="lg">
                          {t.supScored(points(st!.supervisorScore))}
                        </Badge>
                      ) : (
                        <Badge variant="light" color="orange" tt="none" size="lg">
                          {t.supNotScored}
                        </Badge>
                      )}
                      {st?.rating && <BandBadge band={st.rating} size="lg" />}
                    </Group>
                  </Stack>
                  <Button
                    component={Link}
                    to={`/sinh-hoat/${m.id}?muc=cham-diem`}
                    variant={supScored ? 'default' : 'filled'}
                    leftSection={supScored ? <IconEye size={18} /> : <IconStar size={18} />}
                    size="sm"
                  >
                    {supScored ? t.viewScore : t.scoreIt}
                  </Button>
                </Group>
              </Card>
            );
          })}
        </Stack>

        {openRecs.length > 0 && (
          <>
            <Text fw={700} mt={4}>
              {t.recs} ({formatNumber(openRecs.length)})
            </Text>
            {openRecs.map((r) => (
              <RecommendationCard key={r.id} r={r} canAnswer={false} showUnit={false} />
            ))}
          </>
        )}

        <Text fw={700} mt={4}>
          {t.pastVisits}
        </Text>
        {(visits.data?.items ?? []).length === 0 && <Text c="dimmed">{t.noVisits}</Text>}
        <Stack gap={4}>
          {(visits.data?.items ?? []).slice(0, 5).map((v) => (
            <Text key={v.id} size="sm">
              <b>{formatDate(v.visitedOn)}</b> — {v.supervisor}
              {v.meetingId && (
                <>
                  {' · '}
                  <Anchor component={Link} to={`/sinh-hoat/${v.meetingId}`} size="sm">
                    {vi.quality.grid.openMeeting}
                  </Anchor>
                </>
              )}
              {v.comments ? `: ${v.comments}` : ''}
            </Text>
          ))}
        </Stack>
      </Stack>
      <VisitModal opened={visitOpened} onClose={visitModal.close} cell={cell} meetings={held} />
      <RecommendationModal opened={recOpened} onClose={recModal.close} cell={cell} />
    </Paper>
  );
}

function VisitModal({
  opened,
  onClose,
  cell,
  meetings,
}: {
  opened: boolean;
  onClose: () => void;
  cell: { id: number; name: string };
  meetings: MeetingSummary[];
}) {
  const today = todayIso();
  const [date, setDate] = useState<string | null>(today);
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [comments, setComments] = useState('');
  const [inspectionId, setInspectionId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const refresh = useRefreshSupervision();
  const options = [
    { value: '', label: t.visitMeetingNone },
    ...meetings
      .slice(0, 12)
      .map((m) => ({ value: String(m.id), label: `${day(m.scheduledAt)} — ${m.title}` })),
  ];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!date) {
      setError(vi.validation.dateRequired);
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/org-units/${cell.id}/visits`, {
        visitedOn: date,
        meetingId: meetingId ? Number(meetingId) : null,
        comments: comments.trim() || null,
        ...(inspectionId ? { inspectionId: Number(inspectionId) } : {}),
      });
      notifySuccess(t.visitSaved);
      await refresh();
      setComments('');
      setMeetingId(null);
      onClose();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`${t.recordVisit} — ${cell.name}`}>
      <form onSubmit={submit} noValidate data-testid="visit-form">
        <Stack>
          <Select
            label={t.visitMeeting}
            data={options}
            value={meetingId ?? ''}
            onChange={(v) => {
              setMeetingId(v || null);
              const m = meetings.find((x) => String(x.id) === v);
              if (m) setDate(localDay(m.scheduledAt));
            }}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <DatePickerField
            label={t.visitDate}
            value={date}
            onChange={setDate}
            maxDate={today}
            error={error}
            required
          />
          <VisitInspectionSelect cellId={cell.id} value={inspectionId} onChange={setInspectionId} />
          <Textarea
            label={t.comments}
            placeholder={t.commentsPlaceholder}
            value={comments}
            onChange={(e) => setComments(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {t.saveVisit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RecommendationModal({
  opened,
  onClose,
  cell,
}: {
  opened: boolean;
  onClose: () => void;
  cell: { id: number; name: string };
}) {
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshSupervision();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.post(`/api/org-units/${cell.id}/recommendations`, { content: content.trim() });
      notifySuccess(t.recSaved);
      await refresh();
      setContent('');
      onClose();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`${t.raise} — ${cell.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t.recContent}
            placeholder={t.recPlaceholder}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy} disabled={content.trim().length < 5}>
              {t.saveRec}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
