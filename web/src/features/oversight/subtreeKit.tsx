/**
 * What the four subtree lists share: the paged query (`?subtree=true`, keyset cursor, "see more"
 * loads the next page below the rows shown) and the frame around a list (count, empty, error,
 * the "see more" button), sized for a 360 px phone.
 */
import { Button, Group, Select, type SelectProps, Stack, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { SUBTREE } from '../../i18n/vi-subtree.js';
import { formatNumber } from '../../lib/format.js';

export const PAGE_SIZE = 25;

export interface SubtreePage<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

type Filters = Record<string, string | number | boolean | undefined>;

/** One subtree list of a unit with its filters; pages are appended as the user asks for more. */
export function useSubtreeList<T>(
  list: 'meetings' | 'alerts' | 'visits' | 'recommendations',
  unitId: number,
  filters: Filters,
) {
  const q = useInfiniteQuery({
    queryKey: ['subtree', list, unitId, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<SubtreePage<T>>(
        `/api/org-units/${unitId}/${list}`,
        { subtree: true, limit: PAGE_SIZE, ...filters, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: unitId > 0,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  return { ...q, items, total };
}

/** What the frame reads of a list's query. */
export interface ListState {
  isLoading: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
  items: unknown[];
  total: number;
  hasNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  isFetchingNextPage: boolean;
}

/** Count line, rows (or the empty / error state) and the button that loads the next page. */
export function ListFrame({
  query,
  children,
  testId,
}: {
  query: ListState;
  children: ReactNode;
  testId: string;
}) {
  if (query.isLoading) return <PageLoader />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const shown = query.items.length;
  const left = Math.max(0, query.total - shown);
  return (
    <Stack gap="sm" data-testid={testId}>
      <Text size="md" c="dimmed" data-testid={`${testId}-count`}>
        {SUBTREE.shown(formatNumber(shown), formatNumber(query.total))}
      </Text>
      {shown === 0 ? (
        <Text size="lg" c="dimmed" data-testid={`${testId}-none`}>
          {SUBTREE.none}
        </Text>
      ) : (
        children
      )}
      {query.hasNextPage && (
        <Button
          variant="light"
          size="md"
          onClick={() => void query.fetchNextPage()}
          loading={query.isFetchingNextPage}
          w={{ base: '100%', sm: 'fit-content' }}
          data-testid={`${testId}-more`}
        >
          {SUBTREE.more(formatNumber(Math.min(PAGE_SIZE, left || PAGE_SIZE)))}
        </Button>
      )}
    </Stack>
  );
}

/** A filter select with "Tất cả" first, full width on a phone. */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
  allLabel = SUBTREE.all,
  testId,
  ...rest
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  options: { value: string; label: string }[];
  allLabel?: string | null;
  testId: string;
} & Omit<SelectProps, 'value' | 'onChange' | 'data' | 'label'>) {
  const data = allLabel === null ? options : [{ value: '', label: allLabel }, ...options];
  return (
    <Select
      label={label}
      data={data}
      value={value ?? ''}
      onChange={(v) => onChange(v ? v : undefined)}
      allowDeselect={false}
      size="md"
      w={{ base: '100%', xs: 220 }}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
      {...rest}
    />
  );
}

export function FilterRow({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      {children}
    </Group>
  );
}
