/**
 * `/ke-hoach/:id` — an implementation plan: its title, period, directive and goals (editable by
 * the committee while not closed), its targets with their measured progress (a bar per target
 * coloured by status, the status in words, the per-unit table worst first), "Thêm chỉ tiêu", the
 * roadmap and the responsibilities; "Ban hành kế hoạch" publishes it to the cells below.
 */
import { Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { ErrorState, errorMessage } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_PLANS as T } from '../../i18n/vi-plans.js';
import { type PlanDetail, planCalls, usePlan, usePlanChange, useProgress } from './api.js';
import { Milestones, Responsibilities } from './PlanParts.js';
import { PlanProgressView } from './PlanProgressView.js';
import { TargetForm } from './TargetForm.js';

function EditPlan({ plan, onDone }: { plan: PlanDetail; onDone: () => void }) {
  const [form, setForm] = useState({ title: plan.title, goals: plan.goals });
  const save = usePlanChange(plan.id, planCalls(plan.id).update);
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  return (
    <Stack gap="sm">
      <TextInput
        label={T.title}
        size="md"
        value={form.title}
        onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
        error={fieldErrors.title}
      />
      <Textarea
        label={T.goals}
        description={T.goalsHelp}
        size="md"
        autosize
        minRows={3}
        value={form.goals}
        onChange={(e) => setForm({ ...form, goals: e.currentTarget.value })}
        error={fieldErrors.goals}
      />
      {save.error && Object.keys(fieldErrors).length === 0 && (
        <Text c="red.8" role="alert">
          {errorMessage(save.error)}
        </Text>
      )}
      <Group gap="sm">
        <Button size="md" loading={save.isPending} onClick={() => save.mutate(form, { onSuccess: onDone })}>
          {T.save}
        </Button>
        <Button size="md" variant="default" onClick={onDone}>
          {T.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

export function PlanPage() {
  const id = Number(useParams().id);
  const q = usePlan(id);
  const progress = useProgress(id, q.isSuccess);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const calls = planCalls(id);
  const activate = usePlanChange(id, calls.activate);
  const close = usePlanChange(id, calls.close);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const plan = q.data;
  const goals = plan.goals.split('\n').filter((l) => l.trim());
  const actionError = activate.error ?? close.error;
  return (
    <Stack gap="md" maw={960} data-testid="plan-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${plan.unit.id}/ke-hoach`} size="sm">
          {plan.unit.name} · {T.back}
        </Anchor>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={2} style={{ flex: '1 1 280px' }}>
            {plan.title}
          </Title>
          <Badge color={T.statusColor[plan.status]} c="dark.8" variant="light" size="xl" tt="none">
            {plan.statusLabel}
          </Badge>
        </Group>
        <Text>{T.period(plan.periodFrom, plan.periodTo)}</Text>
        {plan.directive && (
          <Text>
            {T.directive}: {plan.directive.number} — {plan.directive.title}
          </Text>
        )}
      </Stack>
      <Card withBorder padding="md">
        {editing ? (
          <EditPlan plan={plan} onDone={() => setEditing(false)} />
        ) : (
          <Stack gap={4}>
            <Title order={3}>{T.goals}</Title>
            {goals.length === 0 && <Text c="dimmed">{T.goalsNone}</Text>}
            {goals.map((g) => (
              <Text key={g}>{g}</Text>
            ))}
            {plan.canManage && (
              <Button variant="subtle" onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
                {T.edit}
              </Button>
            )}
          </Stack>
        )}
      </Card>
      <Group gap="sm" wrap="wrap">
        {plan.canManage && plan.status === 'draft' && (
          <Button
            size="md"
            onClick={() => activate.mutate(undefined)}
            loading={activate.isPending}
            data-testid="plan-activate"
          >
            {T.activate}
          </Button>
        )}
        {plan.canManage && plan.status === 'active' && (
          <Button
            size="md"
            variant="default"
            loading={close.isPending}
            onClick={() => {
              if (window.confirm(T.closeConfirm)) close.mutate(undefined);
            }}
          >
            {T.close}
          </Button>
        )}
        <Button
          component="a"
          href={`/api/plans/${plan.id}/plan.docx`}
          size="md"
          variant="light"
          leftSection={<IconDownload size={20} />}
        >
          {T.docx}
        </Button>
      </Group>
      {plan.canManage && plan.status === 'draft' && (
        <Text size="sm" c="dimmed">
          {T.activateHelp}
        </Text>
      )}
      {actionError && (
        <Text c="red.8" role="alert">
          {errorMessage(actionError)}
        </Text>
      )}
      <Title order={3}>{T.progressTitle}</Title>
      {plan.canManage && !adding && (
        <Group>
          <Button
            size="md"
            variant="default"
            leftSection={<IconPlus size={20} />}
            onClick={() => setAdding(true)}
            data-testid="target-new"
          >
            {T.addTarget}
          </Button>
        </Group>
      )}
      {adding && <TargetForm plan={plan} onDone={() => setAdding(false)} />}
      {progress.isPending && <PageLoader />}
      {progress.isError && <ErrorState error={progress.error} />}
      {progress.isSuccess && <PlanProgressView progress={progress.data} canManage={plan.canManage} />}
      <Milestones plan={plan} />
      <Responsibilities plan={plan} />
    </Stack>
  );
}
