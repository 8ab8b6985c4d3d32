import {
  Alert,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarPlus, IconCalendarTime, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  createMeetingSchema,
  seriesSchema,
  thematicPlanSchema,
} from '../../../../src/features/meetings/schema.js';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import type { UnitDetail } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { PageLoader } from '../../components/PageLoader.js';
import { TimeField } from '../../components/TimeField.js';
import { vi } from '../../i18n/vi.js';
import { SUBTREE } from '../../i18n/vi-subtree.js';
import { formatNumber, todayIso } from '../../lib/format.js';
import { ProgrammeLink } from '../activity-plans/UnitPlanLinks.js';
import { SubtreeMeetings } from '../oversight/SubtreeMeetings.js';
import {
  type MeetingDetail,
  type MeetingKind,
  type MeetingSummary,
  meetingKeys,
  useMeetingPlan,
  useUnitMeetings,
} from './api.js';
import { MeetingWhen, StatusBadge, zodFieldErrors } from './bits.js';
import { meetingCaps } from './perms.js';
import { duration, localDay, nextQuarterHour, toApiDateTime } from './when.js';

const t = vi.meeting;
const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * The "Sinh hoạt" section of a unit's page: a cell's own meetings (plan and create); above a cell,
 * every meeting of the cells below it (`?subtree=true`, paged, with the cell's name on each row).
 */
export function UnitMeetings({ unit }: { unit: UnitDetail }) {
  if (isCellKind(unit.kind)) return <CellMeetings unit={unit} />;
  return (
    <Paper withBorder p="md" radius="md" id="sinh-hoat" data-testid="unit-meetings">
      <Stack gap="md">
        <Title order={2} size="h3">
          {SUBTREE.meetings.title}
        </Title>
        <Text size="md">{SUBTREE.meetings.intro}</Text>
        <SubtreeMeetings unitId={unit.id} />
      </Stack>
    </Paper>
  );
}

/** A cell's upcoming and past meetings, plan and create. */
function CellMeetings({ unit }: { unit: UnitDetail }) {
  const me = useMe().data!;
  const caps = meetingCaps(me, unit);
  const meetings = useUnitMeetings(unit.id);
  const [scheduleOpened, schedule] = useDisclosure(false);
  const [createOpened, create] = useDisclosure(false);
  const [morePast, setMorePast] = useState(false);
  const today = todayIso();

  const items = meetings.data?.items ?? [];
  const upcoming = items
    .filter((m) => m.status === 'in_progress' || (m.status === 'planned' && localDay(m.scheduledAt) >= today))
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const past = items
    .filter((m) => !upcoming.includes(m))
    .sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
  const shownPast = morePast ? past : past.slice(0, 4);

  return (
    <Paper withBorder p="md" radius="md" id="sinh-hoat" data-testid="unit-meetings">
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Title order={2} size="h3">
            {t.sectionTitle}
          </Title>
          {caps.canManage && !unit.archived && (
            <Group gap="xs">
              <Button variant="light" leftSection={<IconCalendarTime size={20} />} onClick={schedule.open}>
                {t.schedule}
              </Button>
              <Button leftSection={<IconCalendarPlus size={20} />} onClick={create.open}>
                {t.create}
              </Button>
            </Group>
          )}
        </Group>
        {meetings.isLoading ? (
          <PageLoader />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="xs">
              <Text fw={700} size="lg">
                {t.upcoming}
              </Text>
              {upcoming.length === 0 && <Text c="dimmed">{t.noUpcoming}</Text>}
              {upcoming.slice(0, 6).map((m) => (
                <MeetingCard key={m.id} meeting={m} />
              ))}
            </Stack>
            <Stack gap="xs">
              <Text fw={700} size="lg">
                {t.past}
              </Text>
              {past.length === 0 && <Text c="dimmed">{t.noPast}</Text>}
              {shownPast.map((m) => (
                <MeetingCard key={m.id} meeting={m} />
              ))}
              {past.length > 4 && (
                <Button variant="subtle" onClick={() => setMorePast((v) => !v)} w="fit-content">
                  {morePast ? t.showLess : `${t.showMore} (${formatNumber(past.length - 4)})`}
                </Button>
              )}
            </Stack>
          </SimpleGrid>
        )}
      </Stack>
      {caps.canManage && (
        <>
          <ScheduleModal unit={unit} opened={scheduleOpened} onClose={schedule.close} />
          <CreateMeetingModal unit={unit} opened={createOpened} onClose={create.close} />
        </>
      )}
    </Paper>
  );
}

export function MeetingCard({ meeting: m }: { meeting: MeetingSummary }) {
  return (
    <Card withBorder padding="sm" radius="md" data-testid="meeting-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            to={`/sinh-hoat/${m.id}`}
            fw={700}
            size="lg"
            style={{
              overflowWrap: 'anywhere',
              textDecoration: m.status === 'cancelled' ? 'line-through' : undefined,
            }}
            data-testid="meeting-link"
          >
            {m.title}
          </Anchor>
          <StatusBadge status={m.status} label={m.statusLabel} size="md" />
        </Group>
        <MeetingWhen meeting={m} size="sm" />
        {m.kind !== 'regular' && (
          <Group gap={6}>
            <Badge variant="outline" color="grape" tt="none">
              {m.kindLabel}
            </Badge>
          </Group>
        )}
        {m.thematicTopic && (
          <Text size="sm">
            {t.thematicTopic}: {m.thematicTopic}
          </Text>
        )}
        {m.status === 'held' && m.durationMinutes !== null && (
          <Text size="sm" c="dimmed">
            {t.lasted(duration(m.durationMinutes))}
          </Text>
        )}
        {m.status === 'cancelled' && m.cancelReason && (
          <Text size="sm" c="dimmed">
            {t.cancelled(m.cancelReason)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function ScheduleModal({
  unit,
  opened,
  onClose,
}: {
  unit: UnitDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const plan = useMeetingPlan(unit.id, year, opened);
  const qc = useQueryClient();

  const [dayOfMonth, setDayOfMonth] = useState<number | string>(10);
  const [startTime, setStartTime] = useState('19:30');
  const [place, setPlace] = useState('');
  const [seriesErrors, setSeriesErrors] = useState<Record<string, string>>({});
  const [savingSeries, setSavingSeries] = useState(false);

  const [topics, setTopics] = useState<{ topic: string; month: string | null }[]>(
    [0, 1, 2, 3].map(() => ({ topic: '', month: null })),
  );
  const [planError, setPlanError] = useState<string | null>(null);
  const [savingPlan, setSavingPlan] = useState(false);

  const series = plan.data?.series;
  useEffect(() => {
    if (!series) return;
    setDayOfMonth(series.dayOfMonth);
    setStartTime(series.startTime.slice(0, 5));
    setPlace(series.place);
  }, [series]);
  const thematic = plan.data?.thematic;
  useEffect(() => {
    if (!thematic) return;
    setTopics(
      [1, 2, 3, 4].map((q) => {
        const p = thematic.find((x) => x.quarter === q);
        return { topic: p?.topic ?? '', month: p?.month ? String(p.month) : null };
      }),
    );
  }, [thematic]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['meeting-plan', unit.id] });
    void qc.invalidateQueries({ queryKey: meetingKeys.unitMeetings(unit.id) });
  };

  const saveSeries = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = seriesSchema.safeParse({ dayOfMonth: Number(dayOfMonth), startTime, place });
    if (!parsed.success) {
      setSeriesErrors(zodFieldErrors(parsed.error));
      return;
    }
    setSeriesErrors({});
    setSavingSeries(true);
    try {
      const res = await api.put<{ created: number }>(`/api/org-units/${unit.id}/meeting-series`, parsed.data);
      notifySuccess(t.series.saved(formatNumber(res.created)));
      refresh();
    } catch (err) {
      notifyError(err);
    } finally {
      setSavingSeries(false);
    }
  };

  const savePlan = async (e: FormEvent) => {
    e.preventDefault();
    const items = topics
      .map((x, i) => ({ quarter: i + 1, topic: x.topic.trim(), month: x.month ? Number(x.month) : null }))
      .filter((x) => x.topic !== '');
    if (items.length === 0) {
      setPlanError(t.thematic.empty);
      return;
    }
    const parsed = thematicPlanSchema.safeParse({ items });
    if (!parsed.success) {
      setPlanError(parsed.error.issues[0]?.message ?? vi.validation.failed);
      return;
    }
    setPlanError(null);
    setSavingPlan(true);
    try {
      await api.put(`/api/org-units/${unit.id}/thematic-plans/${year}`, parsed.data);
      notifySuccess(t.thematic.saved);
      refresh();
    } catch (err) {
      notifyError(err);
    } finally {
      setSavingPlan(false);
    }
  };

  const suggestions = [...new Set(plan.data?.suggestions ?? [])];

  return (
    <Modal opened={opened} onClose={onClose} title={t.schedule} size="min(1100px, 96vw)">
      {plan.isLoading ? (
        <PageLoader />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <form onSubmit={saveSeries} noValidate data-testid="series-form">
            <Stack gap="sm">
              <Title order={3} size="h4">
                {t.series.title}
              </Title>
              <Text size="sm">{t.series.explain}</Text>
              <Text fw={600} data-testid="series-current">
                {series
                  ? t.series.current(String(series.dayOfMonth), series.startTime.slice(0, 5), series.place)
                  : t.series.none}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 2 }} spacing="sm">
                <NumberInput
                  label={t.series.dayOfMonth}
                  description={t.series.dayHelp}
                  min={1}
                  max={28}
                  value={dayOfMonth}
                  onChange={setDayOfMonth}
                  error={seriesErrors.dayOfMonth}
                  allowDecimal={false}
                  size="md"
                />
                <TimeField
                  label={t.series.startTime}
                  value={startTime}
                  onChange={setStartTime}
                  error={seriesErrors.startTime}
                />
              </SimpleGrid>
              <TextInput
                label={t.place}
                value={place}
                onChange={(e) => setPlace(e.currentTarget.value)}
                error={seriesErrors.place}
                placeholder="Ví dụ: Nhà văn hóa khu phố 1"
              />
              {series && (
                <Alert color="blue" icon={<IconInfoCircle />} p="xs">
                  <Text size="sm">{t.series.changeWarning}</Text>
                </Alert>
              )}
              <Button type="submit" loading={savingSeries} w="fit-content">
                {t.series.save}
              </Button>
            </Stack>
          </form>
          <form onSubmit={savePlan} noValidate data-testid="thematic-form">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-end">
                <Title order={3} size="h4">
                  {t.thematic.title}
                </Title>
                <Select
                  label={t.thematic.year}
                  data={[thisYear, thisYear + 1].map(String)}
                  value={String(year)}
                  onChange={(v) => v && setYear(Number(v))}
                  allowDeselect={false}
                  w={120}
                />
              </Group>
              <Text size="sm">{t.thematic.explain}</Text>
              <ProgrammeLink unitId={unit.id} year={year} />
              {topics.map((row, i) => (
                <Group key={ROMAN[i]} align="flex-start" gap="xs" wrap="wrap">
                  <Autocomplete
                    label={`${t.thematic.quarter(ROMAN[i]!)} — ${t.thematic.topic}`}
                    placeholder={t.thematic.topicPlaceholder}
                    data={suggestions}
                    value={row.topic}
                    onChange={(v) =>
                      setTopics((all) => all.map((x, j) => (j === i ? { ...x, topic: v } : x)))
                    }
                    style={{ flex: '1 1 260px' }}
                    comboboxProps={{ withinPortal: true }}
                    data-testid={`thematic-topic-${i + 1}`}
                  />
                  <Select
                    label={t.thematic.month}
                    data={[1, 2, 3].map((k) => {
                      const month = i * 3 + k;
                      return { value: String(month), label: t.thematic.monthOption(month) };
                    })}
                    value={row.month}
                    onChange={(v) =>
                      setTopics((all) => all.map((x, j) => (j === i ? { ...x, month: v } : x)))
                    }
                    clearable
                    w={160}
                    placeholder="—"
                  />
                </Group>
              ))}
              {planError && (
                <Text c="red" size="sm">
                  {planError}
                </Text>
              )}
              <Button type="submit" loading={savingPlan} w="fit-content">
                {t.thematic.save}
              </Button>
            </Stack>
          </form>
        </SimpleGrid>
      )}
    </Modal>
  );
}

function CreateMeetingModal({
  unit,
  opened,
  onClose,
}: {
  unit: UnitDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const year = Number(todayIso().slice(0, 4));
  const plan = useMeetingPlan(unit.id, year, opened);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const start = nextQuarterHour();
  const [kind, setKind] = useState<MeetingKind>('regular');
  const [date, setDate] = useState<string | null>(start.date);
  const [time, setTime] = useState(start.time);
  const [place, setPlace] = useState('');
  const [title, setTitle] = useState('');
  const [topic, setTopic] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const seriesPlace = plan.data?.series?.place;
  useEffect(() => {
    if (seriesPlace) setPlace((p) => p || seriesPlace);
  }, [seriesPlace]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!date) {
      setErrors({ scheduledAt: vi.validation.dateRequired });
      return;
    }
    const parsed = createMeetingSchema.safeParse({
      kind,
      scheduledAt: toApiDateTime(date, time || '00:00'),
      place: place.trim() || null,
      title: title.trim() || null,
      thematicTopic: kind === 'thematic' || kind === 'combined' ? topic.trim() || null : null,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const m = await api.post<MeetingDetail>(`/api/org-units/${unit.id}/meetings`, parsed.data);
      qc.setQueryData(meetingKeys.meeting(m.id), m);
      void qc.invalidateQueries({ queryKey: meetingKeys.unitMeetings(unit.id) });
      notifySuccess(t.created);
      onClose();
      navigate(`/sinh-hoat/${m.id}`);
    } catch (err) {
      notifyError(err);
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t.create} size="lg">
      <form onSubmit={submit} noValidate data-testid="create-meeting-form">
        <Stack gap="sm">
          <Select
            label={t.kind}
            data={(plan.data?.kinds ?? []).map((k) => ({ value: k.value, label: k.label }))}
            value={kind}
            onChange={(v) => v && setKind(v as MeetingKind)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <SimpleGrid cols={2} spacing="sm">
            <DatePickerField
              label={t.date}
              value={date}
              onChange={setDate}
              error={errors.scheduledAt}
              required
            />
            <TimeField label={t.time} value={time} onChange={setTime} required />
          </SimpleGrid>
          <TextInput
            label={t.place}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={errors.place}
          />
          {(kind === 'thematic' || kind === 'combined') && (
            <Autocomplete
              label={t.thematicTopic}
              placeholder={t.thematic.topicPlaceholder}
              data={[...new Set(plan.data?.suggestions ?? [])]}
              value={topic}
              onChange={setTopic}
              error={errors.thematicTopic}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <TextInput
            label={t.title}
            description={t.titleHelp}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {t.create}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
