/**
 * `/don-vi/:id/ke-hoach` — the unit's implementation plans (and, for a cell, the active plans of
 * the committees above it): one large card per plan; the committee's staff write a new one
 * ("Lập kế hoạch": title, period, the directive it implements) and land on its page.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import { ErrorState, errorMessage } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_PLANS as T } from '../../i18n/vi-plans.js';
import { todayIso } from '../../lib/format.js';
import { PLAN_PAGE, useCreatePlan, useDirectiveOptions, usePlans } from './api.js';

const toDate = (m: string | null) => (m ? `${m}-01` : null);
const toMonth = (d: string | null) => (d ? String(d).slice(0, 7) : null);

function NewPlanForm({ unitId, onCancel }: { unitId: number; onCancel: () => void }) {
  const year = todayIso().slice(0, 4);
  const [form, setForm] = useState({
    title: '',
    periodFrom: `${year}-01` as string | null,
    periodTo: `${year}-12` as string | null,
    directiveId: '',
  });
  const create = useCreatePlan(unitId);
  const directives = useDirectiveOptions(unitId);
  const navigate = useNavigate();
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const submit = () =>
    create.mutate(
      {
        title: form.title,
        periodFrom: form.periodFrom ?? '',
        periodTo: form.periodTo ?? '',
        directiveId: form.directiveId ? Number(form.directiveId) : null,
      },
      { onSuccess: (p) => navigate(`/ke-hoach/${p.id}`) },
    );
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3}>{T.newPlanTitle}</Title>
        <TextInput
          label={T.title}
          placeholder={T.titlePlaceholder}
          size="md"
          required
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          error={fieldErrors.title}
          data-testid="plan-title"
        />
        <Group grow wrap="wrap">
          <MonthPickerInput
            label={T.periodFrom}
            size="md"
            valueFormat="MM/YYYY"
            value={toDate(form.periodFrom)}
            onChange={(d) => setForm({ ...form, periodFrom: toMonth(d as string | null) })}
            error={fieldErrors.periodFrom}
          />
          <MonthPickerInput
            label={T.periodTo}
            size="md"
            valueFormat="MM/YYYY"
            value={toDate(form.periodTo)}
            onChange={(d) => setForm({ ...form, periodTo: toMonth(d as string | null) })}
            error={fieldErrors.periodTo}
          />
        </Group>
        {(directives.data?.length ?? 0) > 0 && (
          <NativeSelect
            label={T.directive}
            size="md"
            value={form.directiveId}
            onChange={(e) => setForm({ ...form, directiveId: e.currentTarget.value })}
            data={[
              { value: '', label: T.directiveNone },
              ...(directives.data ?? []).map((d) => ({
                value: String(d.id),
                label: `${d.number} — ${d.title}`,
              })),
            ]}
            error={fieldErrors.directiveId}
          />
        )}
        {create.error && Object.keys(fieldErrors).length === 0 && (
          <Text c="red.8" role="alert">
            {errorMessage(create.error)}
          </Text>
        )}
        <Group gap="sm">
          <Button size="md" onClick={submit} loading={create.isPending} data-testid="plan-submit">
            {T.create}
          </Button>
          <Button size="md" variant="default" onClick={onCancel}>
            {T.cancel}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function PlansPage() {
  const unitId = Number(useParams().id);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const unit = useUnit(unitId);
  const q = usePlans(unitId, offset);
  if (q.isPending || unit.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  if (unit.isError) return <ErrorState error={unit.error} />;
  // plan.manage is held by the same roles as unit.manage (admins and the committee's staff).
  const canWrite = unit.data.permissions.canManage && !['chi_bo', 'chi_bo_co_so'].includes(unit.data.kind);
  return (
    <Stack gap="md" maw={960} data-testid="plans-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${unitId}`} size="sm">
          {unit.data.name}
        </Anchor>
        <Title order={2}>{T.listTitle}</Title>
        <Text size="sm" c="dimmed">
          {T.listIntro}
        </Text>
      </Stack>
      {canWrite && !creating && (
        <Group>
          <Button
            size="md"
            leftSection={<IconPlus size={20} />}
            onClick={() => setCreating(true)}
            data-testid="plan-new"
          >
            {T.newPlan}
          </Button>
        </Group>
      )}
      {creating && <NewPlanForm unitId={unitId} onCancel={() => setCreating(false)} />}
      {q.data.items.length === 0 && <Text c="dimmed">{T.empty}</Text>}
      {q.data.items.map((p) => (
        <Card key={p.id} withBorder padding="md" data-testid={`plan-row-${p.id}`}>
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Stack gap={0} style={{ flex: '1 1 240px', minWidth: 0 }}>
                <Anchor component={Link} to={`/ke-hoach/${p.id}`} fw={700} size="lg">
                  {p.title}
                </Anchor>
                {!p.own && (
                  <Text size="sm" c="dimmed">
                    {T.fromAbove(p.unit.name)}
                  </Text>
                )}
              </Stack>
              <Badge color={T.statusColor[p.status]} c="dark.8" variant="light" size="lg" tt="none">
                {p.statusLabel}
              </Badge>
            </Group>
            <Text size="sm">
              {T.period(p.periodFrom, p.periodTo)} · {T.targets(p.targets)}
            </Text>
          </Stack>
        </Card>
      ))}
      {q.data.total > PLAN_PAGE && (
        <Group gap="sm">
          <Button
            variant="light"
            disabled={offset === 0}
            onClick={() => setOffset((o) => Math.max(0, o - PLAN_PAGE))}
          >
            Trang trước
          </Button>
          <Button
            variant="light"
            disabled={offset + PLAN_PAGE >= q.data.total}
            onClick={() => setOffset((o) => o + PLAN_PAGE)}
          >
            Trang sau
          </Button>
        </Group>
      )}
    </Stack>
  );
}
