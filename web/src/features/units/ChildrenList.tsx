import { Anchor, Button, Card, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { UnitMemberCounts } from '../../api/types.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { viRegistry } from '../../i18n/vi-registry.js';
import { formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { useChildPages } from './registry-queries.js';

/** Children per page ("Xem thêm" for the next). */
const CHILD_PAGE = 50;

const COLUMNS: (keyof UnitMemberCounts)[] = [
  'total',
  'official',
  'probationary',
  'exempted',
  'temporaryOut',
  'temporaryIn',
  'contact213',
  'votingBase',
];

export function ChildrenList({ unitId, date }: { unitId: number; date: string | undefined }) {
  const children = useChildPages(unitId, date, CHILD_PAGE);
  const phone = useIsPhone();
  const items = children.data?.pages.flatMap((p) => p.items) ?? [];
  const total = children.data?.pages[0]?.total ?? 0;

  return (
    <Stack gap="sm" id="children" style={{ scrollMarginTop: 80 }}>
      <Title order={2} size="h3">
        {vi.unit.children}{' '}
        {items.length > 0 && (
          <Text span c="dimmed">
            ({formatNumber(total)})
          </Text>
        )}
      </Title>
      {children.isLoading && <PageLoader />}
      {!children.isLoading && items.length === 0 && <Text c="dimmed">{vi.unit.noChildren}</Text>}
      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="children-cards">
          {items.map((c) => (
            <Card key={c.id} withBorder padding="sm" radius="md" component={Link} to={`/don-vi/${c.id}`}>
              <Text fw={700} c="partyRed.8">
                {c.name}
              </Text>
              <Text size="sm" c="dimmed">
                {c.cellTypeLabel ?? c.kindLabel}
              </Text>
              <Group gap="md" mt={4}>
                <Text size="sm">
                  {vi.unit.counts.total}: <b>{formatNumber(c.counts.total)}</b>
                </Text>
                <Text size="sm">
                  {vi.unit.counts.probationary}: <b>{formatNumber(c.counts.probationary)}</b>
                </Text>
                <Text size="sm">
                  {vi.unit.counts.votingBase}: <b>{formatNumber(c.counts.votingBase)}</b>
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {items.length > 0 && !phone && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="sm"
              className="chibo-table"
              data-testid="children-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{vi.unit.childName}</Table.Th>
                  {COLUMNS.map((k) => (
                    <Table.Th key={k} ta="right" style={{ whiteSpace: 'normal', maxWidth: 110 }}>
                      {vi.unit.counts[k]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/don-vi/${c.id}`} fw={600}>
                        {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {c.cellTypeLabel ?? c.kindLabel}
                      </Text>
                    </Table.Td>
                    {COLUMNS.map((k) => (
                      <Table.Td key={k} ta="right">
                        {formatNumber(c.counts[k])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {items.length > 0 && children.hasNextPage && (
        <Stack gap="xs" align="flex-start">
          <Text size="md" c="dimmed">
            {viRegistry.shown(formatNumber(items.length), formatNumber(total))}
          </Text>
          <Button
            size="lg"
            variant="default"
            onClick={() => children.fetchNextPage()}
            loading={children.isFetchingNextPage}
            fullWidth={phone}
          >
            {viRegistry.moreUnits(formatNumber(Math.min(CHILD_PAGE, total - items.length)))}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
