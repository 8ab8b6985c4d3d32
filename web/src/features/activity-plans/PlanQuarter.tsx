/**
 * One quarter of the programme as large cards (usable on a 360 px phone): the quarter's thematic
 * topic (the thematic plan's row) and, per month, the key tasks and other items — read with
 * their status from the records, or edited (title, kind, responsible text or member, remove, add).
 */
import {
  ActionIcon,
  Autocomplete,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { VI_ACTIVITY_PLANS as T } from '../../i18n/vi-activity-plans.js';
import type { PlanView } from './api.js';

export interface EditRow {
  key: string;
  id?: number;
  month: number;
  kind: 'key_task' | 'other';
  title: string;
  responsible: string;
  responsibleMemberId: number | null;
}
export interface EditThematic {
  quarter: number;
  topic: string;
  month: number | null;
  presenterMemberId: number | null;
}

type Status = 'done' | 'not_done' | 'not_due';
const STATUS_COLOR: Record<Status, string> = { done: 'green', not_done: 'red', not_due: 'gray' };
/** Dark text on the light badge (WCAG AA contrast); the word says the status, not the colour. */
const STATUS_TEXT: Record<Status, string> = { done: 'dark.8', not_done: 'dark.8', not_due: 'dark.8' };
const STATUS_MARK: Record<Status, string> = { done: '✓', not_done: '✗', not_due: '…' };

export function StatusBadge({ status, label }: { status: Status; label: string }) {
  return (
    <Badge
      color={STATUS_COLOR[status]}
      c={STATUS_TEXT[status]}
      variant="light"
      tt="none"
      size="lg"
      style={{ flexShrink: 0 }}
    >
      {STATUS_MARK[status]} {label}
    </Badge>
  );
}

export function PlanQuarter(p: {
  quarter: number;
  view: PlanView;
  editing: boolean;
  editThematic: boolean;
  rows: EditRow[];
  thematic: EditThematic;
  onRows: (fn: (rows: EditRow[]) => EditRow[]) => void;
  onThematic: (t: EditThematic) => void;
  newKey: () => string;
}) {
  const { quarter, view } = p;
  const months = [1, 2, 3].map((i) => (quarter - 1) * 3 + i);
  const stored = view.thematic.find((t) => t.quarter === quarter);
  const statusOf = new Map(view.items.map((i) => [i.id, i]));
  const memberOptions = [
    { value: '', label: T.responsibleMemberNone },
    ...view.members.map((m) => ({ value: String(m.id), label: m.fullName })),
  ];
  const update = (key: string, patch: Partial<EditRow>) =>
    p.onRows((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <Card withBorder padding="md" radius="md" data-testid={`activity-quarter-${quarter}`}>
      <Stack gap="md">
        <Title order={3}>{T.quarter(quarter)}</Title>
        <Paper bg="blue.0" p="sm" radius="sm">
          <Stack gap={6}>
            <Text fw={700} size="sm" c="blue.9">
              {T.thematic}
            </Text>
            {p.editThematic ? (
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  label={T.thematicTopic(quarter)}
                  value={p.thematic.topic}
                  onChange={(e) => p.onThematic({ ...p.thematic, topic: e.currentTarget.value })}
                  size="md"
                  style={{ flex: '1 1 240px' }}
                />
                <NativeSelect
                  label={T.thematicMonth}
                  value={p.thematic.month ? String(p.thematic.month) : ''}
                  onChange={(e) =>
                    p.onThematic({
                      ...p.thematic,
                      month: e.currentTarget.value ? Number(e.currentTarget.value) : null,
                    })
                  }
                  data={[
                    { value: '', label: T.thematicMonthNone },
                    ...months.map((m) => ({ value: String(m), label: T.month(m) })),
                  ]}
                  size="md"
                />
              </Group>
            ) : stored ? (
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={0} style={{ flex: '1 1 200px', minWidth: 0 }}>
                  <Text fw={600} size="lg">
                    {stored.topic}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {stored.month ? T.month(stored.month) : T.thematicMonthNone}
                    {stored.presenterName ? ` · ${T.presenter}: ${stored.presenterName}` : ''}
                  </Text>
                </Stack>
                <StatusBadge status={stored.status} label={stored.statusLabel} />
              </Group>
            ) : (
              <Text c="dimmed">{T.thematicNone}</Text>
            )}
            {p.editing && !p.editThematic && (
              <Text size="xs" c="dimmed">
                {T.thematicReadOnly}
              </Text>
            )}
          </Stack>
        </Paper>
        {months.map((month) => {
          const rows = p.rows.filter((r) => r.month === month);
          return (
            <Stack key={month} gap="xs">
              <Text fw={700} size="lg">
                {T.month(month)}
              </Text>
              {rows.length === 0 && !p.editing && (
                <Text c="dimmed" size="sm">
                  {T.noItems}
                </Text>
              )}
              {rows.map((r) => {
                const s = r.id ? statusOf.get(r.id) : undefined;
                const testId = r.id ? `activity-item-${r.id}` : `activity-item-new-${r.key}`;
                if (!p.editing)
                  return (
                    <Card key={r.key} withBorder padding="sm" data-testid={testId}>
                      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                        <Stack gap={2} style={{ flex: '1 1 200px', minWidth: 0 }}>
                          <Text fw={600}>{r.title}</Text>
                          <Text size="sm" c="dimmed">
                            {T.kinds[r.kind]}
                            {s?.responsibleName || s?.responsible
                              ? ` · ${T.responsible}: ${[s.responsibleName, s.responsible].filter(Boolean).join(', ')}`
                              : ''}
                          </Text>
                        </Stack>
                        {s && <StatusBadge status={s.status} label={s.statusLabel} />}
                      </Group>
                    </Card>
                  );
                return (
                  <Card key={r.key} withBorder padding="sm" data-testid={testId}>
                    <Stack gap="xs">
                      <Group align="flex-end" gap="xs" wrap="nowrap">
                        <Autocomplete
                          label={T.itemTitle}
                          value={r.title}
                          onChange={(v) => update(r.key, { title: v })}
                          data={view.suggestions.keyTasks}
                          size="md"
                          style={{ flex: 1 }}
                        />
                        <ActionIcon
                          variant="light"
                          color="red"
                          size="xl"
                          aria-label={T.removeItem(r.title)}
                          onClick={() => p.onRows((rows) => rows.filter((x) => x.key !== r.key))}
                        >
                          <IconTrash size={20} />
                        </ActionIcon>
                      </Group>
                      <Group gap="xs" wrap="wrap" align="flex-end">
                        <NativeSelect
                          label={T.itemKind}
                          value={r.kind}
                          onChange={(e) => update(r.key, { kind: e.currentTarget.value as EditRow['kind'] })}
                          data={[
                            { value: 'key_task', label: T.kinds.key_task! },
                            { value: 'other', label: T.kinds.other! },
                          ]}
                          size="md"
                        />
                        <TextInput
                          label={T.responsible}
                          value={r.responsible}
                          onChange={(e) => update(r.key, { responsible: e.currentTarget.value })}
                          size="md"
                          style={{ flex: '1 1 180px' }}
                        />
                        <NativeSelect
                          label={T.responsibleMember}
                          value={r.responsibleMemberId ? String(r.responsibleMemberId) : ''}
                          onChange={(e) =>
                            update(r.key, {
                              responsibleMemberId: e.currentTarget.value
                                ? Number(e.currentTarget.value)
                                : null,
                            })
                          }
                          data={memberOptions}
                          size="md"
                          style={{ flex: '1 1 180px' }}
                        />
                      </Group>
                      {s && (
                        <Group>
                          <StatusBadge status={s.status} label={s.statusLabel} />
                        </Group>
                      )}
                    </Stack>
                  </Card>
                );
              })}
              {p.editing && (
                <Button
                  variant="light"
                  leftSection={<IconPlus size={18} />}
                  onClick={() =>
                    p.onRows((rows) => [
                      ...rows,
                      {
                        key: p.newKey(),
                        month,
                        kind: 'key_task',
                        title: '',
                        responsible: '',
                        responsibleMemberId: null,
                      },
                    ])
                  }
                  w="fit-content"
                  aria-label={`${T.addItem} ${T.month(month).toLocaleLowerCase('vi')}`}
                >
                  {T.addItem}
                </Button>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
