import {
  Anchor,
  Button,
  Card,
  Chip,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { useMe } from '../../api/queries.js';
import type { Member, MemberFilter, UnitDetail } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { vi } from '../../i18n/vi.js';
import { viRegistry } from '../../i18n/vi-registry.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { StatusBadges } from '../members/StatusBadges.js';
import { P } from './params.js';
import { useMemberPages } from './registry-queries.js';

export const PAGE_SIZE = 50;

const FILTERS: MemberFilter[] = [
  'all',
  'official',
  'probationary',
  'exempted',
  'temporary_out',
  'temporary_in',
  'contact_213',
  'voting',
  'former',
];

interface Props {
  unit: UnitDetail;
  date: string | undefined;
  subtree: boolean;
  status: MemberFilter;
  q: string;
  page: number;
  setParam: (changes: Record<string, string | null>) => void;
}

export function MemberList({ unit, date, subtree, status, q, page, setParam }: Props) {
  const cell = isCellKind(unit.kind);
  const show = cell || subtree;
  const me = useMe().data;
  const phone = useIsPhone();
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 350);

  useEffect(() => {
    if (debounced.trim() !== q) setParam({ [P.q]: debounced.trim() || null, [P.page]: null });
  }, [debounced, q, setParam]);

  // Cursor pages (ADR 027): "Xem thêm" appends the next page; `page` of old links is ignored.
  void page;
  const members = useMemberPages(
    unit.id,
    { date, status, q: q || undefined, subtree, limit: PAGE_SIZE },
    show,
  );
  const items = members.data?.pages.flatMap((p) => p.items) ?? [];
  const total = members.data?.pages[0]?.total ?? 0;
  const capped = members.data?.pages[0]?.totalCapped === true;
  const totalText = capped ? viRegistry.moreThan(formatNumber(total)) : formatNumber(total);
  const left = Math.max(0, total - items.length);

  // Identity and contact columns appear only when the API sent them for someone else
  // (a member always receives their own, which must not open a column of blanks).
  const others = items.filter((m) => m.id !== me?.member?.id);
  const showCard = others.some((m) => 'cardNumber' in m);
  const showPhone = others.some((m) => 'phone' in m);

  return (
    <Stack gap="sm" id="members" style={{ scrollMarginTop: 80 }}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {vi.unit.members}{' '}
          {show && members.data && (
            <Text span c="dimmed" data-testid="members-total">
              ({vi.unit.totalMembers(totalText)})
            </Text>
          )}
        </Title>
        {!cell && (
          <Switch
            label={vi.unit.includeSubunits}
            checked={subtree}
            onChange={(e) => setParam({ [P.subtree]: e.currentTarget.checked ? '1' : null, [P.page]: null })}
            size="md"
          />
        )}
      </Group>

      {show && (
        <>
          <Chip.Group
            value={status}
            onChange={(v) => setParam({ [P.status]: v === 'all' ? null : String(v), [P.page]: null })}
          >
            <Group gap={6} role="radiogroup" aria-label={vi.text.filterLabel}>
              {FILTERS.map((f) => (
                <Chip key={f} value={f} size="sm" radius="xl">
                  {vi.filters[f]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <TextInput
            placeholder={vi.unit.search}
            aria-label={vi.unit.search}
            description={viRegistry.searchHint}
            leftSection={<IconSearch size={18} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maw={420}
            type="search"
          />
          {members.error ? (
            <ErrorState error={members.error} onRetry={() => members.refetch()} />
          ) : (
            <div style={{ position: 'relative', minHeight: 80 }}>
              <LoadingOverlay
                visible={members.isFetching && !members.isFetchingNextPage}
                overlayProps={{ blur: 1 }}
                loaderProps={{ size: 'sm' }}
              />
              {members.data && items.length === 0 && <Text c="dimmed">{vi.unit.noMembers}</Text>}
              {items.length > 0 &&
                (phone ? (
                  <MemberCards
                    items={items}
                    offset={0}
                    subtree={subtree}
                    showCard={showCard}
                    showPhone={showPhone}
                  />
                ) : (
                  <MemberTable
                    items={items}
                    offset={0}
                    subtree={subtree}
                    showCard={showCard}
                    showPhone={showPhone}
                  />
                ))}
            </div>
          )}
          {items.length > 0 && (
            <Stack gap="xs" align="flex-start">
              <Text size="md" c="dimmed" data-testid="members-shown">
                {viRegistry.shown(formatNumber(items.length), totalText)}
              </Text>
              {members.hasNextPage && (
                <Button
                  size="lg"
                  variant="default"
                  onClick={() => members.fetchNextPage()}
                  loading={members.isFetchingNextPage}
                  fullWidth={phone}
                >
                  {viRegistry.moreMembers(formatNumber(Math.min(PAGE_SIZE, left)))}
                </Button>
              )}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

interface ListProps {
  items: Member[];
  offset: number;
  subtree: boolean;
  showCard: boolean;
  showPhone: boolean;
}

function MemberTable({ items, offset, subtree, showCard, showPhone }: ListProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={720}>
        <Table
          striped
          highlightOnHover
          verticalSpacing="sm"
          className="chibo-table"
          data-testid="members-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{vi.member.stt}</Table.Th>
              <Table.Th>{vi.member.fullName}</Table.Th>
              <Table.Th>{vi.member.birthDate}</Table.Th>
              <Table.Th>{vi.member.status}</Table.Th>
              {subtree && <Table.Th>{vi.member.unit}</Table.Th>}
              {showCard && <Table.Th>{vi.member.cardShort}</Table.Th>}
              {showPhone && <Table.Th>{vi.member.phoneShort}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m, i) => (
              <Table.Tr key={m.id}>
                <Table.Td>{formatNumber(offset + i + 1)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/dang-vien/${m.id}`} fw={600} data-testid="member-name">
                    {m.fullName}
                  </Anchor>
                </Table.Td>
                <Table.Td className="chibo-nowrap">{formatDate(m.birthDate)}</Table.Td>
                <Table.Td>
                  <StatusBadges member={m} size="lg" />
                </Table.Td>
                {subtree && <Table.Td>{m.unitName}</Table.Td>}
                {showCard && <Table.Td className="chibo-nowrap">{m.cardNumber ?? ''}</Table.Td>}
                {showPhone && <Table.Td className="chibo-nowrap">{m.phone ?? ''}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function MemberCards({ items, offset, subtree, showCard, showPhone }: ListProps) {
  return (
    <Stack gap="xs" data-testid="members-cards">
      {items.map((m, i) => (
        <Card key={m.id} withBorder padding="sm" radius="md">
          <Group gap={8} wrap="nowrap" align="flex-start">
            <Text c="dimmed" w={28} ta="right" style={{ flexShrink: 0 }}>
              {formatNumber(offset + i + 1)}.
            </Text>
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              <Anchor component={Link} to={`/dang-vien/${m.id}`} fw={700} size="lg" data-testid="member-name">
                {m.fullName}
              </Anchor>
              {m.birthDate && (
                <Text size="sm">
                  {vi.member.birthDate}: {formatDate(m.birthDate)}
                </Text>
              )}
              <StatusBadges member={m} size="lg" />
              {subtree && (
                <Text size="sm" c="dimmed">
                  {m.unitName}
                </Text>
              )}
              {((showCard && m.cardNumber) || (showPhone && m.phone)) && (
                <Group gap="md">
                  {showCard && m.cardNumber && (
                    <Text size="sm">
                      {vi.member.cardShort}: {m.cardNumber}
                    </Text>
                  )}
                  {showPhone && m.phone && (
                    <Text size="sm">
                      {vi.member.phoneShort}:{' '}
                      <Anchor href={`tel:${m.phone}`} size="sm">
                        {m.phone}
                      </Anchor>
                    </Text>
                  )}
                </Group>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
