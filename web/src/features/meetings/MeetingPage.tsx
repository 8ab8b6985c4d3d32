import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChecklist,
  IconFileText,
  IconPlayerPlay,
  IconQrcode,
  IconStar,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isNotFound } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { staffGrants } from '../quality/api.js';
import { ScoreSection } from '../quality/ScoreSection.js';
import { ModelMark } from '../recognition/ModelMark.js';
import { type MeetingDetail, useMeeting, useMeetingActions } from './api.js';
import { MeetingWhen, StatusBadge } from './bits.js';
import { PrepareSection } from './PrepareSection.js';
import { RecordSection } from './RecordSection.js';
import { RunSection } from './RunSection.js';
import { clock, duration, whenShort } from './when.js';

const t = vi.meeting;
export type Actions = ReturnType<typeof useMeetingActions>;
export interface SectionProps {
  m: MeetingDetail;
  actions: Actions;
}

const SECTIONS = [
  { key: 'chuan-bi', label: t.tabs.prepare, icon: <IconChecklist size={20} /> },
  { key: 'dieu-hanh', label: t.tabs.run, icon: <IconPlayerPlay size={20} /> },
  { key: 'bien-ban', label: t.tabs.record, icon: <IconFileText size={20} /> },
  { key: 'cham-diem', label: vi.quality.score.tab, icon: <IconStar size={20} /> },
] as const;
type SectionKey = (typeof SECTIONS)[number]['key'];

/** Scoring is for held meetings of the cell (not the chi ủy's own preparatory meeting). */
const scored = (m: MeetingDetail) => m.status === 'held' && m.kind !== 'committee';
const sectionsOf = (m: MeetingDetail) => SECTIONS.filter((s) => s.key !== 'cham-diem' || scored(m));

function defaultSection(m: MeetingDetail): SectionKey {
  if (m.status === 'in_progress') return 'dieu-hanh';
  if (m.status === 'held') return 'bien-ban';
  return 'chuan-bi';
}

export function MeetingPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useMeeting(valid ? id : 0);
  if (!valid || isNotFound(q.error)) return <NotFound message={t.notFound} />;
  if (q.isLoading) return <PageLoader />;
  if (!q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return <MeetingView m={q.data} />;
}

function MeetingView({ m }: { m: MeetingDetail }) {
  const actions = useMeetingActions(m.id);
  const phone = useIsPhone();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const asked = params.get('muc');
  const sections = sectionsOf(m);
  const current: SectionKey = sections.some((s) => s.key === asked)
    ? (asked as SectionKey)
    : defaultSection(m);
  const pick = (key: string | null) => {
    const next = new URLSearchParams(params);
    if (key) next.set('muc', key);
    else next.delete('muc');
    setParams(next, { replace: true });
  };
  const onRoster = me.member !== null && m.attendance.members.some((r) => r.memberId === me.member?.id);

  const body = (key: SectionKey): ReactNode => {
    if (key === 'chuan-bi') return <PrepareSection m={m} actions={actions} />;
    if (key === 'dieu-hanh') return <RunSection m={m} actions={actions} />;
    if (key === 'cham-diem') return <ScoreSection m={m} />;
    return <RecordSection m={m} actions={actions} />;
  };

  return (
    <Stack gap="md" maw={1280}>
      <Breadcrumbs
        separator="›"
        separatorMargin={6}
        style={{ flexWrap: 'wrap' }}
        aria-label={vi.text.breadcrumb}
      >
        <Anchor component={Link} to={`/don-vi/${m.orgUnitId}#sinh-hoat`} size="sm">
          {m.orgUnitName}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t.section}
        </Text>
      </Breadcrumbs>
      <Stack gap={8}>
        <Group gap="sm" align="center" wrap="wrap">
          <Title order={1} data-testid="meeting-title" style={{ overflowWrap: 'anywhere' }}>
            {m.title}
          </Title>
          <StatusBadge status={m.status} label={m.statusLabel} />
        </Group>
        <MeetingWhen meeting={m} size="lg" />
        <Group gap={6}>
          <Badge variant="outline" color="grape" tt="none" size="lg">
            {m.kindLabel}
          </Badge>
          <Badge variant="default" tt="none" size="lg">
            {t.minLength(duration(m.minDurationMinutes))}
          </Badge>
        </Group>
        {m.thematicTopic && (
          <Text>
            <b>{t.thematicTopic}:</b> {m.thematicTopic}
          </Text>
        )}
        {m.originalScheduledAt && m.moveReason && (
          <Text c="dimmed">{t.moved(whenShort(m.originalScheduledAt), m.moveReason)}</Text>
        )}
        {m.status === 'cancelled' && m.cancelReason && (
          <Text c="red.8" fw={600}>
            {t.cancelled(m.cancelReason)}
          </Text>
        )}
        {m.startedAt && (
          <Text data-testid="meeting-times">
            {t.run.startedAt(clock(m.startedAt))}
            {m.endedAt
              ? ` · ${t.run.endedAt(clock(m.endedAt))} · ${t.lasted(duration(m.durationMinutes))}`
              : ''}
          </Text>
        )}
      </Stack>

      {m.status === 'in_progress' && onRoster && !m.permissions.canRun && (
        <Button
          component={Link}
          to={`/diem-danh/${m.id}`}
          size="xl"
          leftSection={<IconQrcode size={26} />}
          w={{ base: '100%', sm: 'fit-content' }}
        >
          {t.checkin.submit}
        </Button>
      )}

      <ModelMark meeting={m} staffAbove={staffGrants(me).some((g) => g.orgUnitId !== m.orgUnitId)} />

      {m.warnings.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle />} title={t.warnings} data-testid="meeting-warnings">
          <Stack gap={4}>
            {m.warnings.map((w) => (
              <Text key={w}>{w}</Text>
            ))}
          </Stack>
        </Alert>
      )}

      {phone ? (
        <Accordion
          value={current}
          onChange={(v) => pick(v ?? current)}
          variant="separated"
          radius="md"
          chevronSize={24}
          data-testid="meeting-sections"
        >
          {sections.map((s) => (
            <Accordion.Item value={s.key} key={s.key}>
              <Accordion.Control icon={s.icon} py={4}>
                <Text fw={700} size="lg">
                  {s.label}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>{current === s.key ? body(s.key) : null}</Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : (
        <Tabs value={current} onChange={pick} keepMounted={false} variant="outline" radius="md">
          <Tabs.List>
            {sections.map((s) => (
              <Tabs.Tab value={s.key} key={s.key} leftSection={s.icon} fz="lg" fw={600} py="sm">
                {s.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {sections.map((s) => (
            <Tabs.Panel value={s.key} key={s.key} pt="md">
              {body(s.key)}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
