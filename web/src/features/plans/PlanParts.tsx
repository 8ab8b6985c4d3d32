/** The roadmap (milestones, each done or not) and the responsibilities of a plan, with their small forms. */
import { ActionIcon, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { DateTypeField } from '../../components/DateField.js';
import { errorMessage } from '../../components/ErrorState.js';
import { VI_PLANS as T } from '../../i18n/vi-plans.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { type PlanDetail, planCalls, usePlanChange } from './api.js';

export function Milestones({ plan }: { plan: PlanDetail }) {
  const calls = planCalls(plan.id);
  const add = usePlanChange(plan.id, calls.addMilestone);
  const done = usePlanChange(plan.id, calls.doneMilestone);
  const remove = usePlanChange(plan.id, calls.removeMilestone);
  const [form, setForm] = useState({ dueOn: null as string | null, title: '' });
  return (
    <Card withBorder padding="md" data-testid="plan-milestones">
      <Stack gap="sm">
        <Title order={3}>{T.milestones}</Title>
        {plan.milestones.length === 0 && <Text c="dimmed">{T.noMilestones}</Text>}
        {plan.milestones.map((m) => (
          <Group key={m.id} justify="space-between" wrap="wrap" gap="xs" align="flex-start">
            <Stack gap={0} style={{ flex: '1 1 220px', minWidth: 0 }}>
              <Text fw={600}>
                {formatDate(m.dueOn)} — {m.title}
              </Text>
              <Group gap="xs">
                <Badge color={m.doneOn ? 'green' : 'gray'} c="dark.8" variant="light" tt="none">
                  {m.doneOn ? T.done(formatDate(m.doneOn)) : T.notDone}
                </Badge>
              </Group>
            </Stack>
            {plan.canManage && (
              <Group gap="xs">
                {!m.doneOn && (
                  <Button
                    variant="light"
                    onClick={() => done.mutate({ milestoneId: m.id, doneOn: todayIso() })}
                    loading={done.isPending}
                  >
                    {T.markDone}
                  </Button>
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={T.removeMilestone(m.title)}
                  onClick={() => remove.mutate(m.id)}
                >
                  <IconTrash size={20} />
                </ActionIcon>
              </Group>
            )}
          </Group>
        ))}
        {plan.canManage && (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <DateTypeField
              label={T.dueOn}
              value={form.dueOn}
              onChange={(d) => setForm({ ...form, dueOn: d })}
            />
            <TextInput
              label={T.milestoneTitle}
              size="md"
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
              style={{ flex: '1 1 220px' }}
            />
            <Button
              size="md"
              variant="light"
              disabled={!form.dueOn || !form.title.trim()}
              loading={add.isPending}
              onClick={() =>
                add.mutate(
                  { dueOn: form.dueOn ?? '', title: form.title },
                  { onSuccess: () => setForm({ dueOn: null, title: '' }) },
                )
              }
            >
              {T.addMilestone}
            </Button>
          </Group>
        )}
        {(add.error ?? done.error) && (
          <Text c="red.8" role="alert">
            {errorMessage(add.error ?? done.error)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function Responsibilities({ plan }: { plan: PlanDetail }) {
  const calls = planCalls(plan.id);
  const add = usePlanChange(plan.id, calls.addResponsibility);
  const remove = usePlanChange(plan.id, calls.removeResponsibility);
  const [form, setForm] = useState({ who: '', what: '' });
  return (
    <Card withBorder padding="md" data-testid="plan-responsibilities">
      <Stack gap="sm">
        <Title order={3}>{T.responsibilities}</Title>
        {plan.responsibilities.length === 0 && <Text c="dimmed">{T.noResponsibilities}</Text>}
        {plan.responsibilities.map((r) => (
          <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Text style={{ flex: '1 1 auto' }}>
              <Text span fw={700}>
                {r.who}
              </Text>
              : {r.what}
            </Text>
            {plan.canManage && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={T.removeResponsibility(r.who)}
                onClick={() => remove.mutate(r.id)}
              >
                <IconTrash size={20} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {plan.canManage && (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={T.who}
              placeholder={T.whoPlaceholder}
              size="md"
              value={form.who}
              onChange={(e) => setForm({ ...form, who: e.currentTarget.value })}
              style={{ flex: '1 1 200px' }}
            />
            <TextInput
              label={T.what}
              size="md"
              value={form.what}
              onChange={(e) => setForm({ ...form, what: e.currentTarget.value })}
              style={{ flex: '2 1 260px' }}
            />
            <Button
              size="md"
              variant="light"
              disabled={!form.who.trim() || !form.what.trim()}
              loading={add.isPending}
              onClick={() => add.mutate(form, { onSuccess: () => setForm({ who: '', what: '' }) })}
            >
              {T.addResponsibility}
            </Button>
          </Group>
        )}
        {add.error && (
          <Text c="red.8" role="alert">
            {errorMessage(add.error)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
