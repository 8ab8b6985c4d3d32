/**
 * A new target of a plan: what it says, how its result is measured (an indicator chibo computes,
 * each explained in Vietnamese, or tracked by hand), the comparison, the level and the deadline.
 */
import { Button, Card, Group, NativeSelect, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  INDICATOR_HELP,
  INDICATOR_KEYS,
  INDICATOR_LABELS,
  type IndicatorKey,
} from '../../../../src/domain/plan-progress.js';
import { ApiError } from '../../api/client.js';
import { DatePickerField } from '../../components/DateField.js';
import { errorMessage } from '../../components/ErrorState.js';
import { VI_PLANS as T } from '../../i18n/vi-plans.js';
import { type PlanDetail, planCalls, useDirectiveOptions, usePlanChange } from './api.js';

const monthEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

export function TargetForm({ plan, onDone }: { plan: PlanDetail; onDone: () => void }) {
  const [form, setForm] = useState({
    title: '',
    indicator: 'regular_monthly' as string,
    directiveId: '',
    comparator: 'gte',
    threshold: 100 as number | string,
    deadline: monthEnd(plan.periodTo) as string | null,
  });
  const add = usePlanChange(plan.id, planCalls(plan.id).addTarget);
  const directives = useDirectiveOptions(plan.unit.id);
  const fieldErrors = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const bound = form.indicator !== '';
  const submit = () =>
    add.mutate(
      {
        title: form.title,
        indicator: bound ? (form.indicator as IndicatorKey) : null,
        directiveId: form.indicator === 'dissemination' && form.directiveId ? Number(form.directiveId) : null,
        comparator: form.comparator as 'gte' | 'lte',
        threshold: typeof form.threshold === 'number' ? form.threshold : Number(form.threshold),
        deadline: form.deadline ?? '',
      },
      { onSuccess: onDone },
    );
  return (
    <Card withBorder padding="md" data-testid="target-form">
      <Stack gap="sm">
        <Title order={4}>{T.addTarget}</Title>
        <TextInput
          label={T.targetTitle}
          placeholder={T.targetTitlePlaceholder}
          size="md"
          required
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          error={fieldErrors.title}
          data-testid="target-title"
        />
        <NativeSelect
          label={T.indicator}
          size="md"
          value={form.indicator}
          onChange={(e) => setForm({ ...form, indicator: e.currentTarget.value })}
          data={[
            ...INDICATOR_KEYS.map((k) => ({ value: k, label: INDICATOR_LABELS[k] })),
            { value: '', label: T.manual },
          ]}
          description={bound ? INDICATOR_HELP[form.indicator as IndicatorKey] : T.manualHelp}
          error={fieldErrors.indicator}
          data-testid="target-indicator"
        />
        {form.indicator === 'dissemination' && (
          <NativeSelect
            label={T.directiveFor}
            size="md"
            value={form.directiveId}
            onChange={(e) => setForm({ ...form, directiveId: e.currentTarget.value })}
            data={[
              { value: '', label: T.directivePick },
              ...(directives.data ?? []).map((d) => ({
                value: String(d.id),
                label: `${d.number} — ${d.title}`,
              })),
            ]}
            error={fieldErrors.directiveId}
          />
        )}
        <Group grow wrap="wrap" align="flex-start">
          <NativeSelect
            label={T.comparator}
            size="md"
            value={form.comparator}
            onChange={(e) => setForm({ ...form, comparator: e.currentTarget.value })}
            data={Object.entries(T.comparators).map(([value, label]) => ({ value, label }))}
          />
          <NumberInput
            label={bound ? T.thresholdPercent : T.threshold}
            size="md"
            min={0}
            max={bound ? 100 : undefined}
            decimalSeparator=","
            thousandSeparator="."
            decimalScale={2}
            value={form.threshold}
            onChange={(v) => setForm({ ...form, threshold: v })}
            error={fieldErrors.threshold}
            data-testid="target-threshold"
          />
        </Group>
        <DatePickerField
          label={T.deadlineLabel}
          description={T.deadlineHelp}
          value={form.deadline}
          minDate={`${plan.periodFrom}-01`}
          maxDate={monthEnd(plan.periodTo)}
          onChange={(d) => setForm({ ...form, deadline: d })}
          error={fieldErrors.deadline}
          data-testid="target-deadline"
        />
        {add.error && Object.keys(fieldErrors).length === 0 && (
          <Text c="red.8" role="alert">
            {errorMessage(add.error)}
          </Text>
        )}
        <Group gap="sm">
          <Button size="md" onClick={submit} loading={add.isPending} data-testid="target-submit">
            {T.submitTarget}
          </Button>
          <Button size="md" variant="default" onClick={onDone}>
            {T.cancel}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
