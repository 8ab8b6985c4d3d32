import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SubtreeAlert } from '../../../../src/features/oversight/subtree-lists.js';
import { SUBTREE } from '../../i18n/vi-subtree.js';
import { formatDate } from '../../lib/format.js';
import { localDay } from '../meetings/when.js';
import { FilterRow, FilterSelect, ListFrame, useSubtreeList } from './subtreeKit.js';

const T = SUBTREE.alerts;
const COLOR: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Alerts of the unit's subtree, newest first: open ones by default, or those closed by a note or by the job. */
export function SubtreeAlerts({ unitId }: { unitId: number }) {
  const [status, setStatus] = useState<string>('open');
  const [kind, setKind] = useState<string>();
  const q = useSubtreeList<SubtreeAlert>('alerts', unitId, { status, kind });
  return (
    <Stack gap="md">
      <FilterRow>
        <FilterSelect
          label={T.status}
          value={status}
          onChange={(v) => setStatus(v ?? 'open')}
          options={options(T.statuses)}
          allLabel={null}
          testId="subtree-alerts-status"
        />
        <FilterSelect
          label={T.kind}
          value={kind}
          onChange={setKind}
          options={options(T.kinds)}
          w={{ base: '100%', xs: 340 }}
          testId="subtree-alerts-kind"
        />
      </FilterRow>
      <ListFrame query={q} testId="subtree-alerts">
        <Stack gap="xs">
          {q.items.map((a) => (
            <Paper
              key={a.id}
              withBorder
              radius="md"
              px="sm"
              py="xs"
              data-testid="subtree-alert-row"
              style={{ borderLeft: `5px solid var(--mantine-color-${COLOR[a.severity] ?? 'gray'}-7)` }}
            >
              <Stack gap={4}>
                <Text fw={700} size="md" c="dimmed" data-testid="subtree-alert-unit">
                  {a.unitName}
                </Text>
                {a.link ? (
                  <Anchor
                    component={Link}
                    to={a.link}
                    fw={700}
                    size="lg"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {a.title}
                  </Anchor>
                ) : (
                  <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
                    {a.title}
                  </Text>
                )}
                {a.detail && (
                  <Text size="md" lh={1.4}>
                    {a.detail}
                  </Text>
                )}
                <Group gap="xs" wrap="wrap">
                  <Badge variant="light" color={COLOR[a.severity] ?? 'gray'} tt="none" size="lg">
                    {T.severity[a.severity] ?? a.severity}
                  </Badge>
                  <Badge variant="outline" color="gray" tt="none" size="lg">
                    {a.kindLabel}
                  </Badge>
                  <Text size="md" c="dimmed">
                    {T.opened(formatDate(localDay(a.openedAt)))}
                  </Text>
                  {a.dueDate && (
                    <Text size="md" c="dimmed">
                      {T.due(formatDate(a.dueDate))}
                    </Text>
                  )}
                  {a.resolvedAt && (
                    <Text size="md" c="dimmed">
                      {T.resolvedAt(formatDate(localDay(a.resolvedAt)))}
                    </Text>
                  )}
                </Group>
                {a.dismissNote && (
                  <Text size="md" c="dimmed">
                    {T.closedNote(a.dismissNote)}
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </ListFrame>
    </Stack>
  );
}
