/**
 * "Sinh hoạt mẫu" (/sinh-hoat-mau): the model meetings the reader's cell may learn from (marked by
 * a committee above it), filtered by cell type and topic. `?don-vi=` picks another unit in scope.
 */
import { Anchor, Badge, Group, Loader, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CELL_TYPES } from '../../../../src/features/org/labels.js';
import { useMe } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useModels } from './api.js';

export function ModelMeetingsPage() {
  const me = useMe().data!;
  const [params] = useSearchParams();
  const unitId = Number(params.get('don-vi')) || me.homeUnitId || me.grants[0]?.orgUnitId || null;
  const [cellType, setCellType] = useState<string | null>(null);
  const [topic, setTopic] = useState('');
  const [debounced] = useDebouncedValue(topic, 300);
  const list = useModels(unitId, cellType, debounced.trim());

  return (
    <Stack gap="lg" maw={1000}>
      <Stack gap={4}>
        <Title order={1}>{t.models.title}</Title>
        <Text size="lg">{t.models.intro}</Text>
      </Stack>
      {unitId === null ? (
        <Text>{t.models.noUnit}</Text>
      ) : (
        <>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t.models.cellType}
              placeholder={t.models.allTypes}
              size="md"
              clearable
              data={Object.entries(CELL_TYPES).map(([value, label]) => ({ value, label }))}
              value={cellType}
              onChange={setCellType}
              w={{ base: '100%', sm: 360 }}
              data-testid="model-cell-type"
            />
            <TextInput
              label={t.models.topic}
              placeholder={t.models.topicHint}
              size="md"
              leftSection={<IconSearch size={18} />}
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value)}
              w={{ base: '100%', sm: 320 }}
              data-testid="model-topic"
            />
          </Group>
          {list.isLoading && <Loader />}
          {list.error && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
          {list.data && list.data.items.length === 0 && <Text c="dimmed">{t.models.none}</Text>}
          <Stack gap="sm" data-testid="model-list">
            {list.data?.items.map((m) => (
              <Paper key={m.meetingId} withBorder p="md" radius="md" data-testid="model-item">
                <Stack gap={6}>
                  <Anchor component={Link} to={`/sinh-hoat-mau/${m.meetingId}`} fz="xl" fw={700}>
                    {m.topic ?? m.title}
                  </Anchor>
                  <Group gap="xs" wrap="wrap">
                    <Badge variant="outline" color="grape" tt="none" size="lg">
                      {m.kindLabel}
                    </Badge>
                    {m.cell.cellTypeLabel && (
                      <Badge variant="default" tt="none" size="lg">
                        {m.cell.cellTypeLabel}
                      </Badge>
                    )}
                  </Group>
                  <Text size="lg">
                    {m.cell.name}
                    {m.heldAt ? ` · ${t.models.held(formatDate(m.heldAt))}` : ''}
                  </Text>
                  {m.rating && m.points !== null && (
                    <Text>{t.models.rating(m.rating, formatNumber(m.points, 1))}</Text>
                  )}
                  {m.note && <Text c="dimmed">{m.note}</Text>}
                  <Text size="sm" c="dimmed">
                    {t.models.markedBy(m.markedBy.unitName, formatDate(m.markedAt.slice(0, 10)))}
                  </Text>
                </Stack>
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
