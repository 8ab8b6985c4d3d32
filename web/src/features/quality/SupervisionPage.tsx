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
  Card,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatNumber, todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { type SupervisionRow, staffGrants, supervisedCells, useSupervision } from './api.js';
import { OpenRecommendations } from './Recommendations.js';
import { SupervisedCell, VisitsBar } from './SupervisedCell.js';

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
