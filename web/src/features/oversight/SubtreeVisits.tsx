import { Anchor, Box, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SubtreeVisit } from '../../../../src/features/oversight/subtree-lists.js';
import { DatePickerField } from '../../components/DateField.js';
import { SUBTREE } from '../../i18n/vi-subtree.js';
import { formatDate } from '../../lib/format.js';
import { FilterRow, ListFrame, useSubtreeList } from './subtreeKit.js';

const T = SUBTREE.visits;

/** Supervision visits to the cells of the unit's subtree, newest first, within an optional range of days. */
export function SubtreeVisits({ unitId }: { unitId: number }) {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const q = useSubtreeList<SubtreeVisit>('visits', unitId, { from: from ?? undefined, to: to ?? undefined });
  return (
    <Stack gap="md">
      <FilterRow>
        <Box w={{ base: '100%', xs: 220 }}>
          <DatePickerField
            label={T.from}
            value={from}
            onChange={setFrom}
            clearable
            maxDate={to ?? undefined}
            data-testid="subtree-visits-from"
          />
        </Box>
        <Box w={{ base: '100%', xs: 220 }}>
          <DatePickerField
            label={T.to}
            value={to}
            onChange={setTo}
            clearable
            minDate={from ?? undefined}
            data-testid="subtree-visits-to"
          />
        </Box>
      </FilterRow>
      <ListFrame query={q} testId="subtree-visits">
        <Stack gap="xs">
          {q.items.map((v) => (
            <Paper key={v.id} withBorder radius="md" px="sm" py="xs" data-testid="subtree-visit-row">
              <Stack gap={4}>
                <Text fw={700} size="lg">
                  {formatDate(v.visitedOn)} — {v.unitName}
                </Text>
                <Text size="md" c="dimmed">
                  {T.by(v.supervisor)}
                </Text>
                <Text size="md" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
                  {v.comments || T.noComments}
                </Text>
                {v.meetingId && (
                  <Anchor component={Link} to={`/sinh-hoat/${v.meetingId}`} size="md">
                    {T.meeting}
                  </Anchor>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </ListFrame>
    </Stack>
  );
}
