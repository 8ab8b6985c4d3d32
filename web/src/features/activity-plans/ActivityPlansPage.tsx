/**
 * `/don-vi/:id/chuong-trinh` — the committee's view of its cells' yearly programmes: one large
 * card per cell (usable on a phone) with the approval status, the rows done from the records and
 * the way to the programme; filtered by status, a page at a time. For a cell it opens the cell's
 * own programme.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_ACTIVITY_PLANS as T } from '../../i18n/vi-activity-plans.js';
import { formatDate, formatPercent, todayIso } from '../../lib/format.js';
import { LIST_PAGE, useCellPlans } from './api.js';

const STATUS_COLOR: Record<string, string> = {
  none: 'red',
  draft: 'gray',
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
};

export function ActivityPlansPage() {
  const unitId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayIso().slice(0, 4));
  const year = Number(params.get('nam')) || thisYear;
  const status = params.get('trang-thai') ?? '';
  const [offset, setOffset] = useState(0);
  const q = useCellPlans(unitId, year, status, offset);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const data = q.data;
  // A cell's own list is itself: open its programme.
  if (!status && data.total === 1 && data.items[0]?.unitId === unitId)
    return <Navigate to={`/don-vi/${unitId}/chuong-trinh/${year}`} replace />;
  const set = (key: string, value: string) => {
    setOffset(0);
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };
  return (
    <Stack gap="md" maw={960} data-testid="activity-plans-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${unitId}`} size="sm">
          {data.unit.name}
        </Anchor>
        <Title order={2}>{T.listTitle(year)}</Title>
        <Text size="sm" c="dimmed">
          {T.listIntro}
        </Text>
      </Stack>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={T.year}
          value={String(year)}
          onChange={(e) => set('nam', e.currentTarget.value)}
          data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: String(y),
            label: T.yearOption(y),
          }))}
          size="md"
        />
        <NativeSelect
          label={T.filter}
          value={status}
          onChange={(e) => set('trang-thai', e.currentTarget.value)}
          data={[
            { value: '', label: T.filterAll },
            ...Object.entries(T.statusOptions).map(([value, label]) => ({ value, label })),
          ]}
          size="md"
        />
      </Group>
      <Text fw={600} data-testid="activity-plans-summary">
        {T.summary(data.summary)}
      </Text>
      {data.items.length === 0 && <Text c="dimmed">{T.empty}</Text>}
      {data.items.map((i) => {
        const share = i.total > 0 ? (i.done * 100) / i.total : 0;
        return (
          <Card key={i.unitId} withBorder padding="md" data-testid={`activity-plans-row-${i.unitId}`}>
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={0} style={{ flex: '1 1 220px', minWidth: 0 }}>
                  <Anchor component={Link} to={`/don-vi/${i.unitId}/chuong-trinh/${year}`} fw={700} size="lg">
                    {i.unitName}
                  </Anchor>
                  {i.parentName && (
                    <Text size="sm" c="dimmed">
                      {i.parentName}
                    </Text>
                  )}
                </Stack>
                <Badge color={STATUS_COLOR[i.status]} c="dark.8" variant="light" size="lg" tt="none">
                  {i.statusLabel}
                </Badge>
              </Group>
              {i.total > 0 && (
                <>
                  <Text size="sm">
                    {T.progress(i.done, i.total)} ({formatPercent(i.done, i.total)})
                    {i.notDone > 0 ? ` · ${T.progressNotDone(i.notDone)}` : ''}
                  </Text>
                  <Progress value={share} aria-label={T.progress(i.done, i.total)} size="lg" />
                </>
              )}
              {i.status === 'submitted' && i.submittedAt && (
                <Text size="sm" c="blue.9">
                  {T.submittedAlert(formatDate(i.submittedAt))}
                </Text>
              )}
            </Stack>
          </Card>
        );
      })}
      {data.total > LIST_PAGE && (
        <Group gap="sm">
          <Button
            variant="light"
            disabled={offset === 0}
            onClick={() => setOffset((o) => Math.max(0, o - LIST_PAGE))}
          >
            {T.previous}
          </Button>
          <Text>{T.page(offset / LIST_PAGE + 1, Math.ceil(data.total / LIST_PAGE))}</Text>
          <Button
            variant="light"
            disabled={offset + LIST_PAGE >= data.total}
            onClick={() => setOffset((o) => o + LIST_PAGE)}
          >
            {T.next}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
