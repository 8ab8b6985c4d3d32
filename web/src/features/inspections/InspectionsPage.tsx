/**
 * `/don-vi/:id/kiem-tra` — for a committee, its yearly inspection and supervision plan: the
 * inspections by month (unit, content, team, status, open remedies) as a table on a wide screen
 * and as cards on a phone, "Thêm cuộc kiểm tra/giám sát", the plan's approval. For a cell, the
 * inspections of the cell (those announced or concluded) with their open remedies.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { useUnit } from '../../api/queries.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_INSPECTIONS as T } from '../../i18n/vi-inspections.js';
import { todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { AddInspectionModal } from './AddInspectionModal.js';
import { type InspectionItem, usePlan, usePlanActions, useUnitInspections } from './api.js';

const STATUS_COLOR: Record<string, string> = {
  planned: 'gray.7',
  in_progress: 'blue.8',
  concluded: 'teal.9',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray.7'} size="lg" tt="none">
      {T.status[status] ?? status}
    </Badge>
  );
}

const teamText = (i: InspectionItem) =>
  i.team.length ? i.team.map((m) => `${m.name} (${T.roles[m.role]?.toLowerCase()})`).join(', ') : T.noTeam;

function InspectionCard({ i, showUnit }: { i: InspectionItem; showUnit: boolean }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={`inspection-row-${i.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm" c="dimmed">
            {T.monthLabel(i.plannedMonth)} · {T.kinds[i.kind]}
          </Text>
          <StatusBadge status={i.status} />
        </Group>
        <Anchor component={Link} to={`/kiem-tra/${i.id}`} fw={700} size="lg">
          {showUnit ? `${i.unitName}: ${i.content}` : i.content}
        </Anchor>
        <Text size="sm">
          {T.columns.team}: {teamText(i)}
        </Text>
        {i.issued && (
          <Text size="sm" fw={i.overdueRemedies ? 700 : 400} c={i.overdueRemedies ? 'red.9' : undefined}>
            {T.columns.remedies}: {T.openRemedies(i.openRemedies, i.overdueRemedies)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function InspectionTable({ items }: { items: InspectionItem[] }) {
  return (
    <Table striped highlightOnHover verticalSpacing="sm" fz="md">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{T.columns.month}</Table.Th>
          <Table.Th>{T.columns.unit}</Table.Th>
          <Table.Th>{T.columns.content}</Table.Th>
          <Table.Th>{T.columns.team}</Table.Th>
          <Table.Th>{T.columns.status}</Table.Th>
          <Table.Th>{T.columns.remedies}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.id} data-testid={`inspection-row-${i.id}`}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{T.monthLabel(i.plannedMonth)}</Table.Td>
            <Table.Td style={{ minWidth: 130 }}>{i.unitName}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/kiem-tra/${i.id}`} fw={600}>
                {T.kinds[i.kind]}: {i.content}
              </Anchor>
            </Table.Td>
            <Table.Td>{teamText(i)}</Table.Td>
            <Table.Td fw={600}>{T.status[i.status]}</Table.Td>
            <Table.Td fw={i.overdueRemedies ? 700 : 400} c={i.overdueRemedies ? 'red.9' : undefined}>
              {i.issued ? T.openRemedies(i.openRemedies, i.overdueRemedies) : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CommitteePlan({ unitId, unitName }: { unitId: number; unitName: string }) {
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayIso().slice(0, 4));
  const year = Number(params.get('nam')) || thisYear;
  const q = usePlan(unitId, year);
  const actions = usePlanActions(unitId, year);
  const [title, setTitle] = useState('');
  const [addOpen, add] = useDisclosure(false);
  const phone = useIsPhone();
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const v = q.data;
  const save = async (status: 'draft' | 'approved', name = v.plan?.title ?? T.planTitle(year)) => {
    try {
      await actions.save.mutateAsync({ title: name, status });
      notifySuccess(T.planSaved);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Stack gap="md" maw={1100} data-testid="inspections-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${unitId}`} size="sm">
          {unitName}
        </Anchor>
        <Group gap="sm" wrap="wrap">
          <Title order={2}>{v.plan?.title ?? T.planTitle(year)}</Title>
          {v.plan && (
            <Badge size="lg" color={v.plan.status === 'approved' ? 'teal.9' : 'gray.7'} tt="none">
              {T.planStatus[v.plan.status]}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {T.planIntro}
        </Text>
      </Stack>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={T.year}
          value={String(year)}
          onChange={(e) => setParams({ nam: e.currentTarget.value }, { replace: true })}
          data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: String(y),
            label: T.yearOption(y),
          }))}
          size="md"
        />
        {v.plan && v.canManage && (
          <Button
            size="md"
            leftSection={<IconPlus size={20} />}
            onClick={add.open}
            data-testid="inspection-new"
          >
            {T.add}
          </Button>
        )}
        {v.plan && v.canManage && v.plan.status === 'draft' && (
          <Button
            size="md"
            variant="light"
            color="green"
            leftSection={<IconCheck size={20} />}
            loading={actions.save.isPending}
            onClick={() => save('approved')}
          >
            {T.approvePlan}
          </Button>
        )}
        {v.plan && v.canManage && v.plan.status === 'approved' && (
          <Button size="md" variant="subtle" loading={actions.save.isPending} onClick={() => save('draft')}>
            {T.backToDraft}
          </Button>
        )}
      </Group>
      {!v.plan && !v.canManage && <Alert color="gray">{T.noPlanReader}</Alert>}
      {!v.plan && v.canManage && (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Text>{T.noPlan}</Text>
            <TextInput
              label={T.planName}
              value={title || T.planTitle(year)}
              onChange={(e) => setTitle(e.currentTarget.value)}
              size="md"
            />
            <Button
              size="md"
              w="fit-content"
              loading={actions.save.isPending}
              onClick={() => save('draft', (title || T.planTitle(year)).trim())}
            >
              {T.createPlan}
            </Button>
          </Stack>
        </Card>
      )}
      {v.plan?.status === 'draft' && <Alert color="yellow">{T.planDraftNote}</Alert>}
      {v.plan && v.items.length === 0 && <Text c="dimmed">{T.empty}</Text>}
      {v.plan &&
        v.items.length > 0 &&
        (phone ? (
          <Stack gap="sm">
            {v.items.map((i) => (
              <InspectionCard key={i.id} i={i} showUnit />
            ))}
          </Stack>
        ) : (
          <InspectionTable items={v.items} />
        ))}
      {v.plan && (
        <AddInspectionModal
          opened={addOpen}
          onClose={add.close}
          unitId={unitId}
          year={year}
          planId={v.plan.id}
        />
      )}
    </Stack>
  );
}

function CellInspections({ unitId, unitName }: { unitId: number; unitName: string }) {
  const q = useUnitInspections(unitId);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <Stack gap="md" maw={800} data-testid="inspections-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${unitId}`} size="sm">
          {unitName}
        </Anchor>
        <Title order={2}>{T.cellTitle}</Title>
        <Text size="sm" c="dimmed">
          {T.cellIntro}
        </Text>
      </Stack>
      {q.data.items.length === 0 && <Text c="dimmed">{T.empty}</Text>}
      {q.data.items.map((i) => (
        <InspectionCard key={i.id} i={i} showUnit={false} />
      ))}
    </Stack>
  );
}

export function InspectionsPage() {
  const unitId = Number(useParams().id);
  const unit = useUnit(unitId);
  if (unit.isPending) return <PageLoader />;
  if (unit.isError) return <ErrorState error={unit.error} />;
  return isCellKind(unit.data.kind) ? (
    <CellInspections unitId={unitId} unitName={unit.data.name} />
  ) : (
    <CommitteePlan unitId={unitId} unitName={unit.data.name} />
  );
}
