/**
 * `/don-vi/:id/xep-loai/:year` — the year's grading statistics of a unit (issue 10, ADR 024):
 * a year picker, a bar chart of the levels for organisations and for members, the tables with
 * "x/y" and "19,64%", the report's sentences (seed 002) and the Word and Excel downloads.
 * Aggregate numbers only; reached from the unit page and the committee overview.
 */
import { Alert, Anchor, Button, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { isNotFound } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_GRADING_STATS as T } from '../../i18n/vi-grading-stats.js';
import { formatNumber, todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { GradeTable, LevelChart, sentencesOf } from './GradingStatsParts.js';
import { reportHref, useGradingStatistics } from './statsApi.js';

/**
 * The year a committee most likely looks at: the one just ended (its review runs from November
 * to January and its decisions are issued by the first months of the next year).
 */
export function defaultGradingYear(today = todayIso()): number {
  return Number(today.slice(0, 4)) - 1;
}

/** The years offered: this year and the nine before it. */
export function gradingYears(today = todayIso()): number[] {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: 10 }, (_, i) => y - i);
}

export function GradingStatsPage() {
  const params = useParams();
  const id = Number(params.id);
  const year = Number(params.year);
  const navigate = useNavigate();
  const phone = useIsPhone();
  const unit = useUnit(id);
  const stats = useGradingStatistics(id, year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return <NotFound message="Năm không hợp lệ." />;
  if (stats.isPending || unit.isPending) return <PageLoader />;
  if (stats.error && isNotFound(stats.error)) return <NotFound message="Không tìm thấy đơn vị." />;
  if (stats.error) return <ErrorState error={stats.error} />;
  if (unit.error) return <ErrorState error={unit.error} />;
  const s = stats.data;
  const name = unit.data.name;
  const years = gradingYears();
  if (!years.includes(year)) years.push(year);

  return (
    <Stack gap="lg" maw={1200} data-testid="grading-stats-page">
      <Anchor component={Link} to={`/don-vi/${id}`} size="md">
        ‹ {T.back}
      </Anchor>
      <Title order={1} data-testid="grading-stats-title">
        {T.title(name, year)}
      </Title>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={T.year}
          data={years.sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year)}
          onChange={(v) => v && navigate(`/don-vi/${id}/xep-loai/${v}`)}
          allowDeselect={false}
          w={260}
          size="md"
          data-testid="grading-year"
        />
        <Group gap="xs" wrap="wrap">
          {(['docx', 'xlsx'] as const).map((f) => (
            <Button
              key={f}
              component="a"
              href={reportHref(id, year, f)}
              download
              variant={f === 'docx' ? 'filled' : 'light'}
              size="md"
              leftSection={<IconDownload size={20} />}
              title={T.downloadHelp}
              data-testid={`grading-download-${f}`}
            >
              {T[f]}
            </Button>
          ))}
        </Group>
      </Group>
      <Text c="gray.8">{T.basis}</Text>
      {(s.notGraded.organisations > 0 || s.notGraded.members > 0) && (
        <Alert color="blue" icon={<IconInfoCircle />} data-testid="grading-not-graded">
          <Text>
            {T.notGraded(formatNumber(s.notGraded.organisations), formatNumber(s.notGraded.members))}
          </Text>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <LevelChart
          title={T.chartOf(T.groups.organisations, year)}
          rows={s.organisations}
          phone={phone}
          testId="grading-chart-organisations"
        />
        <LevelChart
          title={T.chartOf(T.groups.members, year)}
          rows={s.members}
          phone={phone}
          testId="grading-chart-members"
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        <GradeTable
          title={T.groups.organisations}
          rows={s.organisations}
          testId="grading-table-organisations"
        />
        <GradeTable title={T.groups.members} rows={s.members} testId="grading-table-members" />
        <GradeTable title={T.groups.cadres} rows={s.cadres} testId="grading-table-cadres" />
      </SimpleGrid>

      <Stack gap="xs" data-testid="grading-sentences">
        <Title order={2} size="h3">
          {T.sentences}
        </Title>
        {sentencesOf(s).map((g) => (
          <Stack gap={2} key={g.key}>
            <Text fw={700}>{g.title}</Text>
            {g.lines.map((l) => (
              <Text key={l}>– {l}</Text>
            ))}
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}
