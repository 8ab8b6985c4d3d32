/**
 * `/tong-quan/:id` — a committee's overview (issue 9 items 1–3): the period picker, the unit's
 * totals as large figures, one row per direct subordinate unit (server-paged, sorted, filtered;
 * cards on a phone), drill-down and a breadcrumb up the tree, the .xlsx export with the same
 * filters, the charts, and the subtree lists as tabs. Every choice is in the URL, so a link can
 * be shared and the back button returns to the previous view.
 */
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { type ComponentType, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { CELL_TYPES, isCellKind } from '../../../../src/features/org/labels.js';
import { isNotFound } from '../../api/client.js';
import { useRoots, useUnit } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { VI_REVIEWS as REVIEWS } from '../../i18n/vi-reviews.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { GradingOverviewCard } from '../grading/GradingOverviewCard.js';
import { defaultGradingYear } from '../grading/GradingStatsPage.js';
import {
  exportHref,
  isMonth,
  type OverviewQuery,
  RATING_KEYS,
  type RatingKey,
  thisMonth,
  useOverview,
} from './api.js';
import { OverviewCards } from './OverviewCards.js';
import { CHART_KEYS, OverviewCharts } from './OverviewCharts.js';
import { OverviewTable } from './OverviewTable.js';
import { OverviewTotals } from './OverviewTotals.js';
import { type Period, PeriodPicker, presetRange } from './PeriodPicker.js';
import { SubtreeAlerts } from './SubtreeAlerts.js';
import { SubtreeMeetings } from './SubtreeMeetings.js';
import { SubtreeRecommendations } from './SubtreeRecommendations.js';
import { SubtreeVisits } from './SubtreeVisits.js';

const f = OVERVIEW.filters;

/** URL parameters of the page (Vietnamese, as the unit page's). */
export const OP = {
  from: 'tu',
  to: 'den',
  sort: 'sx',
  order: 'td',
  cellType: 'loai',
  rating: 'xl',
  q: 'tim',
  page: 'trang',
  tab: 'muc',
  indicator: 'chi-so',
} as const;

/** The subtree lists, each a tab beside the table. */
const LIST_TABS: { tab: string; label: string; Component: ComponentType<{ unitId: number }> }[] = [
  { tab: 'sinh-hoat', label: OVERVIEW.tabs.meetings, Component: SubtreeMeetings },
  { tab: 'canh-bao', label: OVERVIEW.tabs.alerts, Component: SubtreeAlerts },
  { tab: 'giam-sat', label: OVERVIEW.tabs.visits, Component: SubtreeVisits },
  { tab: 'kien-nghi', label: OVERVIEW.tabs.recommendations, Component: SubtreeRecommendations },
];

export function OverviewPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  if (!valid) return <NotFound message={OVERVIEW.notFound} />;
  return <OverviewView id={id} />;
}

function OverviewView({ id }: { id: number }) {
  const [params, setParams] = useSearchParams();
  const phone = useIsPhone();
  const now = thisMonth();
  const fromP = params.get(OP.from);
  const toP = params.get(OP.to);
  // Without a period in the address: the year so far (its last month may still be pending).
  const period: Period = isMonth(fromP)
    ? { from: fromP, to: isMonth(toP) && toP >= fromP ? toP : fromP }
    : presetRange('year', now);
  const sort = params.get(OP.sort) ?? 'name';
  const order: 'asc' | 'desc' = params.get(OP.order) === 'giam' ? 'desc' : 'asc';
  const cellType = params.get(OP.cellType) ?? undefined;
  const ratingP = params.get(OP.rating);
  const rating = (RATING_KEYS as readonly string[]).includes(ratingP ?? '')
    ? (ratingP as RatingKey)
    : undefined;
  const q = params.get(OP.q) ?? '';
  const page = Math.max(1, Number(params.get(OP.page)) || 1);
  const tab = params.get(OP.tab) ?? 'bang';
  const indicatorP = params.get(OP.indicator);
  const indicator = indicatorP && CHART_KEYS.includes(indicatorP) ? indicatorP : 'regularOnTime';
  const pageSize = phone ? 20 : 50;

  const query: OverviewQuery = {
    from: period.from,
    to: period.to,
    sort,
    order,
    cellType,
    rating,
    q: q || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const overview = useOverview(id, query);
  const unit = useUnit(id);
  const roots = useRoots();

  /** Changes URL parameters; a new history entry unless `replace` (typing in the search box). */
  const set = (changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace });
  };

  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 350);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives the URL
  useEffect(() => {
    if (debounced !== q) set({ [OP.q]: debounced || null, [OP.page]: null }, true);
  }, [debounced]);
  useEffect(() => setSearch(q), [q]);

  if (isNotFound(overview.error)) return <NotFound message={OVERVIEW.notFound} />;
  if (overview.isLoading && !overview.data) return <PageLoader />;
  if (!overview.data) return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;

  // The breadcrumb runs from the highest unit the person can open down to this one.
  const rootIds = new Set((roots.data?.items ?? []).map((u) => u.id));
  const ancestors = unit.data?.ancestors ?? [];
  const firstVisible = ancestors.findIndex((a) => rootIds.has(a.id));
  const crumbs = firstVisible < 0 ? [] : ancestors.slice(firstVisible);
  const periodSearch = `?${OP.from}=${period.from}&${OP.to}=${period.to}`;
  const onSort = (key: string) =>
    set({
      [OP.sort]: key === 'name' ? null : key,
      [OP.order]: key === sort ? (order === 'asc' ? 'giam' : null) : key === 'name' ? null : 'giam',
      [OP.page]: null,
    });
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  const firstRow = data.total === 0 ? 0 : (page - 1) * pageSize + 1;

  return (
    <Stack gap="lg" maw={1400} data-testid="overview-page">
      {crumbs.length > 0 && (
        <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap' }} aria-label="Đường dẫn">
          {crumbs.map((a) => (
            <Anchor component={Link} to={`/tong-quan/${a.id}${periodSearch}`} key={a.id} size="md">
              {a.name}
            </Anchor>
          ))}
          <Text size="md" c="gray.8">
            {data.unit.name}
          </Text>
        </Breadcrumbs>
      )}
      <Stack gap={4}>
        <Title order={1} data-testid="overview-title">
          {OVERVIEW.title(data.unit.name)}
        </Title>
        <Text c="gray.8" data-testid="overview-period">
          {OVERVIEW.periodText(data.period.from, data.period.to, data.period.months)}.{' '}
          {OVERVIEW.asOf(formatDate(data.period.asOf))}
        </Text>
        {!data.limited && !['chi_bo', 'chi_bo_co_so'].includes(data.unit.kind) && (
          <Anchor component={Link} to={`/don-vi/${data.unit.id}/bao-cao`} data-testid="overview-reviews">
            {REVIEWS.entry}
          </Anchor>
        )}
      </Stack>

      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <PeriodPicker
          value={period}
          onChange={(p) => set({ [OP.from]: p.from, [OP.to]: p.to, [OP.page]: null })}
        />
        <Button
          component="a"
          href={exportHref(id, query)}
          download
          size="md"
          leftSection={<IconDownload size={20} />}
          title={OVERVIEW.exportHelp}
          data-testid="overview-export"
        >
          {OVERVIEW.exportXlsx}
        </Button>
      </Group>

      {data.limited && (
        <Alert color="blue" icon={<IconInfoCircle />} data-testid="overview-limited">
          <Text>{OVERVIEW.limited}</Text>
        </Alert>
      )}

      <Stack gap="xs">
        <Title order={2} size="h3">
          {OVERVIEW.totals.title}
        </Title>
        <OverviewTotals totals={data.totals} />
      </Stack>

      {!data.limited && (
        <GradingOverviewCard
          unitId={data.unit.id}
          year={Math.min(Number(data.period.to.slice(0, 4)), defaultGradingYear())}
        />
      )}

      <Tabs
        value={tab}
        onChange={(v) => set({ [OP.tab]: v === 'bang' ? null : v })}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List>
          <Tabs.Tab value="bang" fz="md" data-testid="tab-table">
            {OVERVIEW.tabs.table}
          </Tabs.Tab>
          <Tabs.Tab value="bieu-do" fz="md" data-testid="tab-charts">
            {OVERVIEW.tabs.charts}
          </Tabs.Tab>
          {LIST_TABS.map((l) => (
            <Tabs.Tab key={l.tab} value={l.tab} fz="md" data-testid={`tab-${l.tab}`}>
              {l.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>

        <Tabs.Panel value="bang" pt="md">
          <Stack gap="md">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                label={f.search}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                leftSection={<IconSearch size={18} />}
                size="md"
                w={phone ? '100%' : 280}
                data-testid="overview-search"
              />
              {!data.limited && (cellType || data.items.some((r) => isCellKind(r.unit.kind))) && (
                <Select
                  label={f.cellType}
                  data={[
                    { value: '', label: f.any },
                    ...Object.entries(CELL_TYPES).map(([value, label]) => ({ value, label })),
                  ]}
                  value={cellType ?? ''}
                  onChange={(v) => set({ [OP.cellType]: v || null, [OP.page]: null })}
                  size="md"
                  w={phone ? '100%' : 300}
                  data-testid="overview-celltype"
                />
              )}
              {!data.limited && (
                <Select
                  label={f.rating}
                  data={[
                    { value: '', label: f.any },
                    ...RATING_KEYS.map((k) => ({ value: k, label: OVERVIEW.ratings[k]! })),
                  ]}
                  value={rating ?? ''}
                  onChange={(v) => set({ [OP.rating]: v || null, [OP.page]: null })}
                  size="md"
                  w={phone ? '100%' : 200}
                  data-testid="overview-rating"
                />
              )}
            </Group>
            {data.items.length === 0 ? (
              <Text c="gray.8" data-testid="overview-empty">
                {OVERVIEW.empty}
              </Text>
            ) : phone ? (
              <OverviewCards rows={data.items} search={periodSearch} />
            ) : (
              <OverviewTable
                rows={data.items}
                state={{ sort, order }}
                onSort={onSort}
                search={periodSearch}
              />
            )}
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Text c="gray.8" data-testid="overview-count">
                {OVERVIEW.rowsOf(
                  formatNumber(firstRow),
                  formatNumber(Math.min(data.total, page * pageSize)),
                  formatNumber(data.total),
                )}
              </Text>
              {pages > 1 && (
                <Pagination
                  total={pages}
                  value={page}
                  onChange={(p) => set({ [OP.page]: p === 1 ? null : String(p) })}
                  size="md"
                  siblings={phone ? 0 : 1}
                  getControlProps={(control) => ({
                    'aria-label':
                      control === 'previous' ? 'Trang trước' : control === 'next' ? 'Trang sau' : control,
                  })}
                  getItemProps={(p) => ({ 'aria-label': `Trang ${p}` })}
                  data-testid="overview-pages"
                />
              )}
            </Group>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="bieu-do" pt="md">
          <OverviewCharts
            unitId={id}
            overview={data}
            indicator={indicator}
            onIndicator={(k) => set({ [OP.indicator]: k === 'regularOnTime' ? null : k }, true)}
            phone={phone}
          />
        </Tabs.Panel>

        {LIST_TABS.map(({ tab: value, Component }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Component unitId={id} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
