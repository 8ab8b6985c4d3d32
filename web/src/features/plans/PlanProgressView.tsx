/**
 * The progress of a plan's targets: per target its level, deadline, measured result (x/y and the
 * percent), a bar coloured by status with the status in words beside it (never colour alone),
 * and under it the plan unit's direct children, worst first. A target tracked by hand shows its
 * typed result and note; the committee types it here.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../components/ErrorState.js';
import { VI_PLANS as T } from '../../i18n/vi-plans.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { type PlanProgress, planCalls, usePlanChange } from './api.js';

type Item = PlanProgress['items'][number];

const level = (n: number, percent: boolean) =>
  `${formatNumber(n, Number.isInteger(n) ? 0 : 2)}${percent ? '%' : ''}`;

export function resultText(
  i: { value: number | null; numerator: number | null; denominator: number | null },
  bound: boolean,
) {
  if (i.value === null) return T.noResult;
  if (!bound) return level(i.value, false);
  return `${formatNumber(i.value, 2)}% (${formatNumber(i.numerator ?? 0)}/${formatNumber(i.denominator ?? 0)})`;
}

function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={T.statusColor2[status]} c="dark.8" variant="light" size="lg" tt="none">
      {label}
    </Badge>
  );
}

function ManualValue({ planId, item }: { planId: number; item: Item }) {
  const [value, setValue] = useState<number | string>(item.value ?? '');
  const [note, setNote] = useState(item.manualNote ?? '');
  const save = usePlanChange(planId, planCalls(planId).setValue);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NumberInput
        label={T.value}
        size="md"
        min={0}
        decimalSeparator=","
        thousandSeparator="."
        value={value}
        onChange={setValue}
        w={140}
      />
      <TextInput
        label={T.manualNote}
        size="md"
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        style={{ flex: '1 1 220px' }}
      />
      <Button
        size="md"
        variant="light"
        loading={save.isPending}
        disabled={value === ''}
        onClick={() =>
          save.mutate({ targetId: item.targetId, value: Number(value), note: note.trim() || null })
        }
      >
        {T.saveValue}
      </Button>
      {save.error && (
        <Text c="red.8" role="alert">
          {errorMessage(save.error)}
        </Text>
      )}
    </Group>
  );
}

function TargetCard({
  planId,
  item,
  canManage,
  open,
}: {
  planId: number;
  item: Item;
  canManage: boolean;
  open: boolean;
}) {
  const bound = item.indicator !== null;
  const [showUnits, setShowUnits] = useState(open);
  const remove = usePlanChange(planId, planCalls(planId).removeTarget);
  const share =
    item.value === null || item.threshold === 0
      ? 0
      : Math.min(100, item.comparator === 'gte' ? (item.value * 100) / item.threshold : 100);
  const units = item.units ?? [];
  return (
    <Card withBorder padding="md" data-testid={`target-row-${item.targetId}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ flex: '1 1 auto', minWidth: 0 }}>
            <Text fw={700} size="lg">
              {item.title}
            </Text>
            <Text size="sm" c="dimmed">
              {item.indicatorLabel}
            </Text>
          </Stack>
          {canManage && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={T.removeTarget(item.title)}
              onClick={() => remove.mutate(item.targetId)}
            >
              <IconTrash size={20} />
            </ActionIcon>
          )}
        </Group>
        <Text size="sm">
          {T.level(item.comparator, level(item.threshold, bound))} · {T.deadline(formatDate(item.deadline))}
          {item.measuredFrom && item.measuredTo ? ` · ${T.measured(item.measuredFrom, item.measuredTo)}` : ''}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Text fw={600}>
            {T.result}: {resultText(item, bound)}
          </Text>
          <StatusBadge status={item.status} label={item.statusLabel} />
        </Group>
        <Progress
          value={share}
          color={T.statusColor2[item.status]}
          size="lg"
          aria-label={`${item.title}: ${resultText(item, bound)} — ${item.statusLabel}`}
        />
        {!bound && item.manualNote && (
          <Text size="sm">
            {T.manualNote}: {item.manualNote}
          </Text>
        )}
        {!bound && canManage && <ManualValue planId={planId} item={item} />}
        {units.length > 0 && (
          <Stack gap={4}>
            <Button
              variant="subtle"
              size="sm"
              onClick={() => setShowUnits((s) => !s)}
              style={{ alignSelf: 'flex-start' }}
            >
              {showUnits ? T.unitsHide : T.unitsShow(units.length)}
            </Button>
            {showUnits && (
              <Table.ScrollContainer minWidth={300}>
                <Table striped withTableBorder fz="md" aria-label={T.units}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{T.unitName}</Table.Th>
                      <Table.Th>
                        {T.result} · {T.unitStatus}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {units.map((u) => (
                      <Table.Tr key={u.unitId}>
                        <Table.Td>{u.unitName}</Table.Td>
                        <Table.Td>
                          <Text span>{resultText(u, true)}</Text>
                          <Text fw={700} size="sm">
                            {u.statusLabel}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function PlanProgressView({ progress, canManage }: { progress: PlanProgress; canManage: boolean }) {
  return (
    <Stack gap="sm" data-testid="plan-progress">
      <Text size="sm" c="dimmed">
        {T.asOf(formatDate(progress.asOf))}
      </Text>
      {progress.items.length === 0 && <Text c="dimmed">{T.noTargets}</Text>}
      {progress.items.map((i, n) => (
        <TargetCard
          key={i.targetId}
          planId={progress.plan.id}
          item={i}
          canManage={canManage}
          open={n === 0}
        />
      ))}
    </Stack>
  );
}
