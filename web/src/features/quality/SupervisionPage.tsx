/**
 * "Giám sát" (DOMAIN.md §6): for a superior committee member, the cells they supervise with this
 * year's visits against the pack's minimum, recent meetings to open and score, and forms to
 * record a visit and a recommendation; for committee staff, every cell of their unit with its
 * supervisors, visits and open recommendations, and the open recommendations by age to answer.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconClipboardCheck,
  IconEye,
  IconMessagePlus,
  IconMessageReply,
  IconStar,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { type MeetingSummary, useUnitMeetings } from '../meetings/api.js';
import { day, localDay } from '../meetings/when.js';
import {
  currentMonth,
  monthsBack,
  type Recommendation,
  type SupervisionRow,
  staffGrants,
  supervisedCells,
  useMonthStatus,
  useRecommendations,
  useSupervision,
  useVisits,
} from './api.js';
import { BandBadge, points } from './bands.js';

const t = vi.quality.supervision;

export function SupervisionPage() {
  const me = useMe().data!;
  const mine = supervisedCells(me);
  const staff = staffGrants(me);
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [staffUnit, setStaffUnit] = useState<string | null>(staff[0] ? String(staff[0].orgUnitId) : null);
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: String(y) }));

  return (
    <Stack gap="lg" maw={1280} data-testid="supervision-page">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t.title}</Title>
        <Select
          label={t.year}
          data={years}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={140}
        />
      </Group>
      {mine.length === 0 && staff.length === 0 && <Alert color="gray">{t.nothing}</Alert>}
      {mine.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t.mine}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {mine.map((c) => (
              <SupervisedCell key={c.id} cell={c} year={year} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {staff.length > 0 && staffUnit && (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Title order={2} size="h3">
              {t.all}
            </Title>
            {staff.length > 1 && (
              <Select
                label={t.pickUnit}
                data={staff.map((g) => ({ value: String(g.orgUnitId), label: g.orgUnitName }))}
                value={staffUnit}
                onChange={setStaffUnit}
                allowDeselect={false}
                w={300}
              />
            )}
          </Group>
          <StaffOverview unitId={Number(staffUnit)} year={year} />
          <OpenRecommendations unitId={Number(staffUnit)} canAnswer />
        </Stack>
      )}
    </Stack>
  );
}

function VisitsBar({ row, min, note = true }: { row: SupervisionRow; min: number; note?: boolean }) {
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

function SupervisedCell({ cell, year }: { cell: { id: number; name: string }; year: number }) {
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

function useRefreshSupervision() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['supervision'] }),
      qc.invalidateQueries({ queryKey: ['visits'] }),
      qc.invalidateQueries({ queryKey: ['recommendations'] }),
    ]);
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

function StaffOverview({ unitId, year }: { unitId: number; year: number }) {
  const sup = useSupervision(unitId, year);
  const phone = useIsPhone();
  if (sup.isLoading) return <PageLoader />;
  if (!sup.data) return <ErrorState error={sup.error} onRetry={() => sup.refetch()} />;
  const { items, minVisitsPerYear: min } = sup.data;
  const below = items.filter((r) => r.belowMinimum).length;
  const supervisors = (r: SupervisionRow) =>
    r.supervisors.length ? r.supervisors.map((s) => s.name).join(', ') : t.noSupervisor;
  return (
    <Stack gap="sm" data-testid="supervision-overview">
      <Group gap="xs">
        <Text>{t.minimum(formatNumber(min))}.</Text>
        {below > 0 && (
          <Badge
            color="red"
            variant="light"
            size="lg"
            tt="none"
            leftSection={<IconAlertTriangle size={14} />}
          >
            {t.below(formatNumber(below))}
          </Badge>
        )}
      </Group>
      {phone ? (
        <Stack gap="xs">
          {items.map((r) => (
            <Card withBorder radius="md" padding="sm" key={r.unitId}>
              <Anchor component={Link} to={`/don-vi/${r.unitId}#chat-luong`} fw={700}>
                {r.unitName}
              </Anchor>
              <Text size="sm" c={r.supervisors.length ? undefined : 'dimmed'}>
                {t.supervisors}: {supervisors(r)}
              </Text>
              <VisitsBar row={r} min={min} note={false} />
              <Text size="sm" mt={4}>
                {t.openRecs}: <b>{formatNumber(r.openRecommendations)}</b>
                {r.oldestOpenDays !== null && ` · ${t.oldest}: ${t.days(formatNumber(r.oldestOpenDays))}`}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Paper withBorder radius="md">
          <Table striped highlightOnHover verticalSpacing="sm" className="chibo-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.unit}</Table.Th>
                <Table.Th>{t.supervisors}</Table.Th>
                <Table.Th style={{ width: 260 }}>{t.visits}</Table.Th>
                <Table.Th ta="right">{t.openRecs}</Table.Th>
                <Table.Th ta="right">{t.oldest}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.unitId} data-testid="supervision-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/don-vi/${r.unitId}#chat-luong`} fw={600}>
                      {r.unitName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text c={r.supervisors.length ? undefined : 'dimmed'}>{supervisors(r)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Progress
                        value={min > 0 ? Math.min(100, (r.visits * 100) / min) : 100}
                        color={r.belowMinimum ? 'red' : 'teal'}
                        size="lg"
                        radius="xl"
                        style={{ flex: 1 }}
                        aria-hidden
                      />
                      <Text fw={700} c={r.belowMinimum ? 'red.8' : 'teal.8'} className="chibo-nowrap">
                        {t.visitsOf(formatNumber(r.visits), formatNumber(min))}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text fw={r.openRecommendations ? 700 : 400}>{formatNumber(r.openRecommendations)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {r.oldestOpenDays === null ? '—' : t.days(formatNumber(r.oldestOpenDays))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

/** Open recommendations of a unit's cells, oldest first, with Trả lời / Đóng for those who may answer. */
export function OpenRecommendations({
  unitId,
  canAnswer,
  embedded = false,
}: {
  unitId: number;
  canAnswer: boolean;
  /** Inside a unit's quality section: a smaller heading, nothing at all when there is none. */
  embedded?: boolean;
}) {
  const recs = useRecommendations(unitId);
  const items = [...(recs.data?.items ?? [])].sort((a, b) => b.ageDays - a.ageDays);
  if (embedded && items.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="recommendations">
      <Title order={embedded ? 3 : 2} size={embedded ? 'h4' : 'h3'}>
        {t.recs}{' '}
        {items.length > 0 && (
          <Text span c="dimmed">
            ({formatNumber(items.length)})
          </Text>
        )}
      </Title>
      {recs.isLoading && <PageLoader />}
      {!recs.isLoading && items.length === 0 && <Text c="dimmed">{t.noRecs}</Text>}
      {items.map((r) => (
        <RecommendationCard key={r.id} r={r} canAnswer={canAnswer} showUnit />
      ))}
    </Stack>
  );
}

function RecommendationCard({
  r,
  canAnswer,
  showUnit,
}: {
  r: Recommendation;
  canAnswer: boolean;
  showUnit: boolean;
}) {
  const [mode, setMode] = useState<'answer' | 'close' | null>(null);
  const old = r.ageDays > 30;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="recommendation">
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          {showUnit && (
            <Badge variant="light" color="gray" tt="none" size="lg">
              {r.unitName}
            </Badge>
          )}
          <Badge color={old ? 'red' : 'yellow'} variant={old ? 'filled' : 'light'} tt="none" size="lg">
            {t.age(r.ageDays)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t.raisedOn(formatDate(r.raisedOn), r.raisedBy ?? '')}
          </Text>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Text>
        {r.answer && (
          <Text size="sm" c="teal.9">
            <IconMessageReply size={16} style={{ verticalAlign: 'middle' }} />{' '}
            {t.answered(formatDateTime(r.answeredAt))}: {r.answer}
          </Text>
        )}
        {canAnswer && (
          <Group gap="xs">
            <Button
              size="sm"
              variant="light"
              onClick={() => setMode('answer')}
              leftSection={<IconMessageReply size={18} />}
            >
              {t.answer}
            </Button>
            <Button
              size="sm"
              variant="default"
              onClick={() => setMode('close')}
              rightSection={<IconArrowRight size={16} />}
            >
              {t.close}
            </Button>
          </Group>
        )}
      </Stack>
      {mode && <AnswerModal r={r} close={mode === 'close'} onClose={() => setMode(null)} />}
    </Paper>
  );
}

function AnswerModal({ r, close, onClose }: { r: Recommendation; close: boolean; onClose: () => void }) {
  const [answer, setAnswer] = useState(r.answer ?? '');
  const [closeIt, setCloseIt] = useState(close);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshSupervision();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.post(`/api/recommendations/${r.id}/answer`, { answer: answer.trim(), close: closeIt });
      notifySuccess(closeIt ? t.closedDone : t.answerSaved);
      await refresh();
      onClose();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={close ? t.closeTitle : t.answerTitle}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {r.unitName} — {formatDate(r.raisedOn)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Text>
          <Textarea
            label={t.answerText}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          <Checkbox
            label={t.closeAfter}
            checked={closeIt}
            onChange={(e) => setCloseIt(e.currentTarget.checked)}
            size="md"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy} disabled={answer.trim().length < 3}>
              {closeIt ? t.close : t.answer}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
