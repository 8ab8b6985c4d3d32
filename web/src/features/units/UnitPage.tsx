import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArchive,
  IconArrowsMove,
  IconChartBar,
  IconFileImport,
  IconFileText,
  IconPencil,
  IconPlus,
  IconUserPlus,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { isNotFound } from '../../api/client.js';
import { useMe, useUnit } from '../../api/queries.js';
import type { MemberFilter, UnitDetail, UnitMemberCounts } from '../../api/types.js';
import { DatePickerField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { VI_GRADING_STATS as GRADING_STATS } from '../../i18n/vi-grading-stats.js';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { VI_REVIEWS as REVIEWS } from '../../i18n/vi-reviews.js';
import { formatDate, formatNumber, todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { UnitPlanButton } from '../activity-plans/UnitPlanLinks.js';
import { UnitCellBodyLinks } from '../cell-committee/UnitCellBodyLinks.js';
import { UnitDirectivesButton } from '../directives/DirectiveLinks.js';
import { DuesEntryButton } from '../dues/DuesEntryButton.js';
import { MembersExportButton } from '../exports/MembersExportButton.js';
import { defaultGradingYear as gradingYear } from '../grading/GradingStatsPage.js';
import { UnitReviewButton } from '../grading/UnitReviewButton.js';
import { UnitInspectionsButton } from '../inspections/InspectionLinks.js';
import { UnitMeetings } from '../meetings/UnitMeetings.js';
import { UnitPlansButton } from '../plans/PlanLinks.js';
import { QualitySection, seesQuality } from '../quality/QualitySection.js';
import { UnitRecognition } from '../recognition/UnitRecognition.js';
import { ChildrenList } from './ChildrenList.js';
import { MemberList } from './MemberList.js';
import { P } from './params.js';
import { ArchiveModal, MoveUnitModal, UnitFormModal } from './UnitModals.js';

const COUNT_KEYS: { key: keyof UnitMemberCounts; filter: MemberFilter }[] = [
  { key: 'total', filter: 'all' },
  { key: 'official', filter: 'official' },
  { key: 'probationary', filter: 'probationary' },
  { key: 'exempted', filter: 'exempted' },
  { key: 'temporaryOut', filter: 'temporary_out' },
  { key: 'temporaryIn', filter: 'temporary_in' },
  { key: 'contact213', filter: 'contact_213' },
  { key: 'votingBase', filter: 'voting' },
];

export function UnitPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const date = params.get(P.date) ?? undefined;
  const valid = Number.isInteger(id) && id > 0;
  const unit = useUnit(valid ? id : 0, date);

  if (!valid || isNotFound(unit.error)) return <NotFound message={vi.notFound.unit} />;
  if (unit.isLoading) return <PageLoader />;
  if (unit.error || !unit.data) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;

  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  return <UnitView unit={unit.data} date={date} setParam={setParam} params={params} />;
}

interface ViewProps {
  unit: UnitDetail;
  date: string | undefined;
  params: URLSearchParams;
  setParam: (changes: Record<string, string | null>) => void;
}

function UnitView({ unit, date, params, setParam }: ViewProps) {
  const [formOpened, form] = useDisclosure(false);
  const [createOpened, create] = useDisclosure(false);
  const [moveOpened, move] = useDisclosure(false);
  const [archiveOpened, archive] = useDisclosure(false);
  const cell = isCellKind(unit.kind);
  const phone = useIsPhone();
  const me = useMe().data!;
  const quality = seesQuality(me, unit);
  const p = unit.permissions;
  const today = todayIso();
  const subtree = !cell && params.get(P.subtree) === '1';
  const status = (params.get(P.status) as MemberFilter | null) ?? 'all';

  const pickCount = (filter: MemberFilter) => {
    setParam({
      [P.status]: filter === 'all' ? null : filter,
      [P.page]: null,
      ...(cell ? {} : { [P.subtree]: '1' }),
    });
    document.getElementById('members')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  // The overview of a đảng bộ; from a cell, its committee's overview (limited to the cell's row for its bí thư).
  const parentId = unit.parentId ?? undefined;
  const overviewId = quality ? (cell ? parentId : unit.id) : undefined;
  // A link to `#chat-luong` (from the overview) opens the page at its quality part.
  const { hash } = useLocation();
  useEffect(() => {
    if (hash !== '#chat-luong' || !quality) return;
    const timer = setTimeout(
      () => document.getElementById('chat-luong')?.scrollIntoView({ block: 'start' }),
      300,
    );
    return () => clearTimeout(timer);
  }, [hash, quality]);

  return (
    <Stack gap="lg" maw={1280}>
      {unit.ancestors.length > 0 && (
        <Breadcrumbs
          separator="›"
          separatorMargin={6}
          style={{ flexWrap: 'wrap' }}
          aria-label={vi.text.breadcrumb}
        >
          {unit.ancestors.map((a) => (
            <Anchor component={Link} to={`/don-vi/${a.id}`} key={a.id} size="sm">
              {a.name}
            </Anchor>
          ))}
          <Text size="sm" c="dimmed">
            {unit.name}
          </Text>
        </Breadcrumbs>
      )}

      <Stack gap="xs">
        <Title order={1} data-testid="unit-name">
          {unit.name}
        </Title>
        <Group gap={6}>
          <Badge variant="light" tt="none" size="lg">
            {unit.kindLabel}
          </Badge>
          {unit.cellTypeLabel && (
            <Badge variant="outline" color="gray" tt="none" size="lg">
              {unit.cellTypeLabel}
            </Badge>
          )}
          {unit.code && (
            <Badge variant="default" tt="none" size="lg">
              {vi.unit.code}: {unit.code}
            </Badge>
          )}
          {unit.archived && (
            <Badge color="dark" tt="none" size="lg">
              {vi.unit.archived}
            </Badge>
          )}
        </Group>
      </Stack>

      <Group gap="xs">
        {overviewId && (
          <Button
            component={Link}
            to={`/tong-quan/${overviewId}`}
            leftSection={<IconChartBar size={20} />}
            title={OVERVIEW.openHelp}
            data-testid="open-overview"
          >
            {OVERVIEW.open}
          </Button>
        )}
        {p.canManage && !cell && (
          <Button
            component={Link}
            to={`/don-vi/${unit.id}/bao-cao`}
            variant="light"
            leftSection={<IconFileText size={20} />}
            title={REVIEWS.entryHelp}
            data-testid="open-reviews"
          >
            {REVIEWS.entry}
          </Button>
        )}
        <DuesEntryButton unitId={unit.id} />
        <Button
          component={Link}
          to={`/don-vi/${unit.id}/xep-loai/${gradingYear()}`}
          variant="light"
          leftSection={<IconChartBar size={20} />}
          title={GRADING_STATS.entryHelp}
          data-testid="open-grading-stats"
        >
          {GRADING_STATS.entry}
        </Button>
        <UnitReviewButton unitId={unit.id} cell={cell} />
        <UnitPlanButton unitId={unit.id} cell={cell} />
        <UnitPlansButton unitId={unit.id} />
        <UnitCellBodyLinks unitId={unit.id} cell={cell} />
        <UnitDirectivesButton unitId={unit.id} />
        <UnitInspectionsButton unitId={unit.id} />
        {p.canManageMembers && cell && !unit.archived && (
          <Button
            component={Link}
            to={`/don-vi/${unit.id}/them-dang-vien`}
            leftSection={<IconUserPlus size={20} />}
          >
            {vi.unit.actions.addMember}
          </Button>
        )}
        {p.canImportMembers && !unit.archived && (
          <Button
            component={Link}
            to={`/don-vi/${unit.id}/nhap-dang-vien`}
            variant="light"
            leftSection={<IconFileImport size={20} />}
          >
            {vi.unit.actions.import}
          </Button>
        )}
        <MembersExportButton unitId={unit.id} date={date} total={unit.counts.total} />
        {p.canManage && !cell && !unit.archived && (
          <Button variant="light" leftSection={<IconPlus size={20} />} onClick={create.open}>
            {vi.unit.actions.addUnit}
          </Button>
        )}
        {p.canManage && !unit.archived && (
          <Button variant="default" leftSection={<IconPencil size={20} />} onClick={form.open}>
            {vi.unit.actions.edit}
          </Button>
        )}
        {p.canManage && !unit.archived && unit.ancestors.length > 0 && (
          <Button variant="default" leftSection={<IconArrowsMove size={20} />} onClick={move.open}>
            {vi.unit.actions.move}
          </Button>
        )}
        {p.canManage && unit.ancestors.length > 0 && (
          <Button variant="default" leftSection={<IconArchive size={20} />} onClick={archive.open}>
            {unit.archived ? vi.unit.actions.unarchive : vi.unit.actions.archive}
          </Button>
        )}
      </Group>

      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Title order={2} size="h3">
              {vi.text.countsTitle}
            </Title>
            <div style={{ minWidth: 220 }}>
              <DatePickerField
                label={vi.unit.countsDate}
                value={date ?? today}
                onChange={(v) => setParam({ [P.date]: v && v !== today ? v : null })}
                data-testid="counts-date"
              />
            </div>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing={{ base: 8, sm: 'sm' }} data-testid="counts">
            {COUNT_KEYS.map(({ key, filter }) => (
              <UnstyledButton key={key} onClick={() => pickCount(filter)} data-testid={`count-${key}`}>
                <Paper
                  withBorder
                  p={phone ? 8 : 'sm'}
                  radius="md"
                  bg={key === 'total' ? 'partyRed.0' : key === 'votingBase' ? 'blue.0' : undefined}
                  h="100%"
                >
                  <Text size="sm" c="dimmed" lh={1.3}>
                    {vi.unit.counts[key]}
                  </Text>
                  <Text fz={phone ? 24 : 28} fw={700} lh={1.2} data-testid={`count-${key}-value`}>
                    {formatNumber(unit.counts[key])}
                  </Text>
                  {/* The name is what the card shows (WCAG 2.5.3), then what the button does. */}
                  <VisuallyHidden> — xem danh sách</VisuallyHidden>
                </Paper>
              </UnstyledButton>
            ))}
          </SimpleGrid>
          <Text size="sm" c="dimmed" visibleFrom="sm">
            {vi.unit.countsDate} {formatDate(unit.countsDate)}. {vi.unit.counts.total}:{' '}
            {vi.unit.countsHelp.total}; {vi.unit.counts.votingBase.toLowerCase()}:{' '}
            {vi.unit.countsHelp.votingBase}.
          </Text>
        </Stack>
      </Paper>

      {unit.warnings.length > 0 && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle />}
          title={vi.text.warningsTitle}
          data-testid="unit-warnings"
        >
          <Stack gap={4}>
            {unit.warnings.map((w) => (
              <Text key={w}>{w}</Text>
            ))}
          </Stack>
        </Alert>
      )}

      {!cell && quality && <QualitySection unit={unit} />}

      {!cell && <ChildrenList unitId={unit.id} date={date} />}

      <UnitMeetings unit={unit} />

      <UnitRecognition unit={unit} />

      {cell && quality && <QualitySection unit={unit} />}

      <MemberList
        unit={unit}
        date={date}
        subtree={subtree}
        status={status}
        q={params.get(P.q) ?? ''}
        page={Math.max(1, Number(params.get(P.page)) || 1)}
        setParam={setParam}
      />

      <UnitFormModal opened={formOpened} onClose={form.close} unit={unit} />
      <UnitFormModal opened={createOpened} onClose={create.close} parent={unit} />
      <MoveUnitModal opened={moveOpened} onClose={move.close} unit={unit} />
      <ArchiveModal opened={archiveOpened} onClose={archive.close} unit={unit} />
    </Stack>
  );
}
