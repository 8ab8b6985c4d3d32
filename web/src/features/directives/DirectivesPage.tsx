/**
 * `/don-vi/:id/van-ban` — the directives that reach a unit (its own and its ancestors'), newest
 * first, with search; for a cell each says whether the cell has disseminated it, for a member
 * whether they have read it. The committee's staff open "Ban hành văn bản" here.
 */
import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconFilePlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { formatDate } from '../../lib/format.js';
import { type DirectiveItem, useUnitDirectives } from './api.js';
import { NewDirectiveModal } from './NewDirectiveModal.js';
import { Tag } from './Tag.js';

export function DirectiveBadges({
  d,
}: {
  d: Pick<DirectiveItem, 'status' | 'statusLabel'> & Partial<DirectiveItem>;
}) {
  return (
    <Group gap={6} wrap="wrap">
      {d.status !== 'published' && <Tag color={d.status === 'draft' ? 'gray' : 'red'}>{d.statusLabel}</Tag>}
      {d.status === 'published' && d.disseminatedOn && (
        <Tag color="green">✓ {T.cellDone(formatDate(d.disseminatedOn))}</Tag>
      )}
      {d.status === 'published' && d.requiresDissemination && d.disseminatedOn == null && d.disseminateBy && (
        <Tag color="orange">{T.due(formatDate(d.disseminateBy))}</Tag>
      )}
      {d.readByMe === false && d.status === 'published' && <Tag color="blue">{T.unread}</Tag>}
    </Group>
  );
}

export function DirectivesPage() {
  const unitId = Number(useParams().id);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [limit, setLimit] = useState(20);
  const [debounced] = useDebouncedValue(q, 300);
  const [opened, modal] = useDisclosure(false);
  const list = useUnitDirectives(unitId, { q: debounced.trim(), status, limit });
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorState error={list.error} />;
  const data = list.data;
  return (
    <Stack gap="md" maw={880} data-testid="directives-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${unitId}`} size="sm">
          {data.unit.name}
        </Anchor>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2}>{T.listTitle}</Title>
          {data.canPublish && (
            <Button
              size="md"
              leftSection={<IconFilePlus size={20} />}
              onClick={modal.open}
              data-testid="directive-new"
            >
              {T.publishNew}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {T.listIntro}
        </Text>
      </Stack>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          label={T.search}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          leftSection={<IconSearch size={18} />}
          size="md"
          style={{ flex: '1 1 240px' }}
        />
        <NativeSelect
          label={T.status}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: T.allStatuses },
            { value: 'published', label: T.statusLabel.published! },
            ...(data.canPublish ? [{ value: 'draft', label: T.statusLabel.draft! }] : []),
            { value: 'withdrawn', label: T.statusLabel.withdrawn! },
          ]}
          size="md"
        />
      </Group>
      {data.items.length === 0 && <Text c="dimmed">{T.none}</Text>}
      {data.items.map((d) => (
        <Card key={d.id} withBorder padding="md" radius="md" data-testid={`directive-item-${d.id}`}>
          <Stack gap={6}>
            <Anchor component={Link} to={`/van-ban/${d.id}`} fw={700} size="lg">
              {d.kindLabel} số {d.number}
            </Anchor>
            <Text>{d.title}</Text>
            <Text size="sm" c="dimmed">
              {T.issuedBy(d.issuer, formatDate(d.issuedOn))}
              {d.unitId !== unitId ? ` · ${d.unitName}` : ''}
            </Text>
            <DirectiveBadges d={{ ...d, disseminatedOn: data.unit.isCell ? d.disseminatedOn : undefined }} />
          </Stack>
        </Card>
      ))}
      {data.total > data.items.length && (
        <Stack gap={4} align="flex-start">
          <Text size="sm">{T.shown(data.items.length, data.total)}</Text>
          <Button
            variant="light"
            onClick={() => setLimit((l) => Math.min(100, l + 20))}
            disabled={limit >= 100}
          >
            {T.more}
          </Button>
        </Stack>
      )}
      {data.canPublish && (
        <NewDirectiveModal unitId={unitId} unitName={data.unit.name} opened={opened} onClose={modal.close} />
      )}
    </Stack>
  );
}
