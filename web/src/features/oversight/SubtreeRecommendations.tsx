import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SubtreeRecommendation } from '../../../../src/features/oversight/subtree-lists.js';
import { SUBTREE } from '../../i18n/vi-subtree.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { FilterRow, FilterSelect, ListFrame, useSubtreeList } from './subtreeKit.js';

const T = SUBTREE.recommendations;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Recommendations (kiến nghị) of the cells of the unit's subtree, oldest first: open ones by default. */
export function SubtreeRecommendations({ unitId }: { unitId: number }) {
  const [state, setState] = useState('open');
  const [age, setAge] = useState('any');
  const q = useSubtreeList<SubtreeRecommendation>('recommendations', unitId, {
    open: state === 'all' ? undefined : state === 'open',
    olderThanDays: age === 'any' ? undefined : Number(age),
  });
  return (
    <Stack gap="md">
      <FilterRow>
        <FilterSelect
          label={T.state}
          value={state}
          onChange={(v) => setState(v ?? 'open')}
          options={options(T.states)}
          allLabel={null}
          testId="subtree-recommendations-state"
        />
        <FilterSelect
          label={T.age}
          value={age}
          onChange={(v) => setAge(v ?? 'any')}
          options={options(T.ages)}
          allLabel={null}
          testId="subtree-recommendations-age"
        />
      </FilterRow>
      <ListFrame query={q} testId="subtree-recommendations">
        <Stack gap="xs">
          {q.items.map((r) => (
            <Paper key={r.id} withBorder radius="md" px="sm" py="xs" data-testid="subtree-recommendation-row">
              <Stack gap={4}>
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text fw={700} size="md" c="dimmed">
                    {r.unitName}
                  </Text>
                  <Badge
                    color={r.closed ? 'gray' : r.ageDays > 90 ? 'red' : 'orange'}
                    variant="light"
                    tt="none"
                    size="lg"
                  >
                    {r.closed ? T.closed : T.open}
                  </Badge>
                </Group>
                <Text size="lg" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
                  {r.content}
                </Text>
                <Text size="md" c="dimmed">
                  {T.raised(formatDate(r.raisedOn), formatNumber(r.ageDays))}
                  {r.raisedBy ? ` · ${T.by(r.raisedBy)}` : ''}
                </Text>
                {r.answer && (
                  <Text size="md" style={{ overflowWrap: 'anywhere' }}>
                    {T.answer(r.answer)}
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
