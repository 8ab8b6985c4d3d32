/**
 * The "Chất lượng" section of a unit page (a đảng bộ or a cell): open alerts with the way to
 * fix each, the month × cell status grid for the last 12 months, a chart, the rule pack in force,
 * and for committee staff a button that refreshes status rows and alerts at once.
 */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBook, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import type { Me, UnitDetail } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { MONTH_STATUS } from '../../i18n/vi-month-status.js';
import { formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { meetingKeys } from '../meetings/api.js';
import { AlertList } from './AlertList.js';
import {
  currentMonth,
  monthsBack,
  type OversightRun,
  staffGrants,
  useAlerts,
  useMonthStatusPages,
  usePacks,
} from './api.js';
import { CellScoreChart, RatingsChart } from './Charts.js';
import { ChildGridLegend, ChildMonthGrid } from './ChildMonthGrid.js';
import { GridLegend, MonthGrid } from './MonthGrid.js';
import { PackModal } from './PackPicker.js';
import { OpenRecommendations } from './Recommendations.js';

const t = vi.quality;

/** Who sees the section: anyone holding more than the plain member role on the unit or above it. */
export function seesQuality(me: Me, unit: Pick<UnitDetail, 'id' | 'ancestors'>): boolean {
  const over = new Set([unit.id, ...unit.ancestors.map((a) => a.id)]);
  return me.grants.some((g) => g.role !== 'member' && over.has(g.orgUnitId));
}

export function QualitySection({ unit }: { unit: UnitDetail }) {
  const me = useMe().data!;
  const phone = useIsPhone();
  const cell = isCellKind(unit.kind);
  const months = monthsBack(currentMonth(), 12);
  // Paged by unit (issue 12): the cells of the subtree, or at a committee with đảng bộ under it
  // the direct children's roll-up; "Xem thêm" appends the next units.
  const status = useMonthStatusPages(unit.id, months[0]!, months[months.length - 1]!);
  const alerts = useAlerts(unit.id);
  const packs = usePacks();
  const [packOpened, packModal] = useDisclosure(false);
  const staff = staffGrants(me).length > 0;
  const rows = status.cellRows;
  const cells = status.scope === 'cells' ? status.units.map((u) => ({ id: u.unitId, name: u.unitName })) : [];
  const left = Math.max(0, status.total - status.units.length);
  const pack = packs.data?.items.find(
    (p) => p.id === unit.rulePack.id && p.version === unit.rulePack.version,
  );
  const openAlerts = alerts.data?.items ?? [];

  return (
    <Paper withBorder p="md" radius="md" id="chat-luong" data-testid="quality-section">
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Title order={2} size="h3">
            {t.unit.title}
          </Title>
          <Group gap="xs">
            {unit.permissions.canManage && (
              <Button variant="default" leftSection={<IconBook size={20} />} onClick={packModal.open}>
                {t.unit.changePack}
              </Button>
            )}
            {staff && <RefreshButton />}
          </Group>
        </Group>
        <Text size="sm" data-testid="unit-pack">
          {t.unit.pack}:{' '}
          <Text span fw={600}>
            {unit.rulePack.name}
          </Text>{' '}
          — {vi.quality.packs.version.toLowerCase()} {unit.rulePack.version}.{' '}
          {staff && (
            <Link to="/bo-tieu-chi" style={{ whiteSpace: 'nowrap' }}>
              {vi.nav.rulePacks}
            </Link>
          )}
        </Text>

        <Stack gap="xs">
          <Title order={3} size="h4">
            {t.alerts.title}{' '}
            {openAlerts.length > 0 && (
              <Text span c="red.8" fw={700}>
                ({formatNumber(openAlerts.length)})
              </Text>
            )}
          </Title>
          {alerts.isLoading ? (
            <PageLoader />
          ) : alerts.error ? (
            <ErrorState error={alerts.error} onRetry={() => alerts.refetch()} />
          ) : (
            <AlertList alerts={openAlerts} showUnit={!cell} />
          )}
        </Stack>

        <Stack gap="xs" data-testid="month-status">
          <Title order={3} size="h4">
            {status.scope === 'children' ? MONTH_STATUS.children.title : t.grid.title}
          </Title>
          {status.isLoading ? (
            <PageLoader />
          ) : status.error ? (
            <ErrorState error={status.error} onRetry={() => status.refetch()} />
          ) : status.units.length === 0 ? (
            <Text c="dimmed">{status.scope === 'children' ? MONTH_STATUS.children.empty : t.grid.empty}</Text>
          ) : status.scope === 'children' ? (
            <>
              <Text size="sm">{MONTH_STATUS.children.intro}</Text>
              <ChildMonthGrid months={months} rows={status.childRows} units={status.units} phone={phone} />
              <ChildGridLegend />
            </>
          ) : (
            <>
              {cell ? (
                <CellScoreChart months={months} rows={rows} phone={phone} bands={pack?.bands ?? []} />
              ) : left === 0 ? (
                <RatingsChart months={months} rows={rows} cells={cells.length} phone={phone} />
              ) : (
                <Text size="sm" c="dimmed">
                  {MONTH_STATUS.chartWhenAll}
                </Text>
              )}
              <MonthGrid months={months} rows={rows} cells={cells} phone={phone} linkCells={!cell} />
              <GridLegend />
            </>
          )}
          {!cell && status.units.length > 0 && (
            <Text size="md" c="dimmed" data-testid="month-status-count">
              {(status.scope === 'children' ? MONTH_STATUS.shownUnits : MONTH_STATUS.shownCells)(
                formatNumber(status.units.length),
                formatNumber(status.total),
              )}
            </Text>
          )}
          {status.hasNextPage && (
            <Button
              size="lg"
              variant="light"
              onClick={() => void status.fetchNextPage()}
              loading={status.isFetchingNextPage}
              data-testid="month-status-more"
            >
              {MONTH_STATUS.more(formatNumber(left))}
            </Button>
          )}
        </Stack>
        {cell && (
          <OpenRecommendations unitId={unit.id} canAnswer={unit.permissions.canManageMeetings} embedded />
        )}
      </Stack>
      {unit.permissions.canManage && <PackModal opened={packOpened} onClose={packModal.close} unit={unit} />}
    </Paper>
  );
}

function RefreshButton() {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await api.post<OversightRun>('/api/jobs/oversight');
      notifySuccess(t.unit.refreshed(formatNumber(r.opened), formatNumber(r.resolved), formatNumber(r.open)));
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['alerts'] }),
        qc.invalidateQueries({ queryKey: ['month-status'] }),
        qc.invalidateQueries({ queryKey: ['supervision'] }),
        qc.invalidateQueries({ queryKey: meetingKeys.notifications }),
      ]);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      leftSection={<IconRefresh size={20} />}
      onClick={run}
      loading={busy}
      title={t.unit.refreshHelp}
      data-testid="oversight-refresh"
    >
      {t.unit.refresh}
    </Button>
  );
}
