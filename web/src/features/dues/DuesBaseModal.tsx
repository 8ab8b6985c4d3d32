/**
 * "Mức đóng" on the dues page: a member's category (the pack's, with their rates) and base
 * amount from a month on, the monthly due previewed live by the same rule as the server
 * (`duesFor`, src/domain/dues.ts, on the rules the page's month came with) before saving.
 */
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { addMonthsToMonth, categoryNeedsBase, duesFor } from '../../../../src/domain/dues.js';
import type { DuesRules } from '../../../../src/rules/year-types.js';
import { ApiError } from '../../api/client.js';
import { VI_DUES } from '../../i18n/vi-dues.js';
import { VI_YEAR_FINISH as T } from '../../i18n/vi-year-finish.js';
import { formatDong, todayIso } from '../../lib/format.js';
import { useSetDuesBase } from './formsApi.js';

/** "1 %", "0,5 %" from basis points. */
const percentText = (bp: number) => `${String(bp / 100).replace('.', ',')} %`;

export function categoryOptionLabel(c: DuesRules['categories'][number]): string {
  return c.basis === 'percent'
    ? T.baseRatePercent(c.label, percentText(c.rateBasisPoints ?? 0))
    : T.baseRateFixed(c.label, formatDong(c.amount ?? 0));
}

/** Months a base may start from: a year ahead down to two years back, newest first. */
function fromMonths(): string[] {
  const now = todayIso().slice(0, 7);
  return Array.from({ length: 36 }, (_, i) => addMonthsToMonth(now, 12 - i));
}

export function DuesBaseModal({
  member,
  month,
  rules,
  onClose,
}: {
  member: { memberId: number; fullName: string; category: string; base: number | null };
  month: string;
  rules: DuesRules;
  onClose: () => void;
}) {
  const save = useSetDuesBase(member.memberId);
  const [category, setCategory] = useState(member.category);
  const [base, setBase] = useState<number | null>(member.base);
  const [from, setFrom] = useState(month);
  const needsBase = categoryNeedsBase(category, rules);
  const due = duesFor(category, needsBase ? base : null, rules);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { category, baseAmount: needsBase ? base : null, from },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: T.baseSaved(formatDong(r.monthlyDue)) });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={T.baseTitle(member.fullName)} size="md">
      <form onSubmit={submit} data-testid="dues-base-form">
        <Stack gap="sm">
          <NativeSelect
            label={T.baseCategory}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            data={rules.categories.map((c) => ({ value: c.key, label: categoryOptionLabel(c) }))}
            size="md"
            error={errors.category}
            data-testid="dues-base-category"
          />
          {needsBase ? (
            <NumberInput
              label={T.baseAmount}
              description={T.baseAmountHint}
              value={base ?? ''}
              onChange={(v) => setBase(typeof v === 'number' ? v : v === '' ? null : Number(v) || null)}
              thousandSeparator="."
              decimalSeparator=","
              allowNegative={false}
              allowDecimal={false}
              suffix=" đ"
              min={0}
              size="md"
              error={errors.baseAmount}
              data-testid="dues-base-amount"
            />
          ) : (
            <Text size="sm" c="dimmed">
              {T.baseNoAmount}
            </Text>
          )}
          <NativeSelect
            label={T.baseFrom}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            data={fromMonths().map((m) => ({ value: m, label: VI_DUES.monthOption(m) }))}
            size="md"
            error={errors.from}
            data-testid="dues-base-from"
          />
          <Alert color="blue" data-testid="dues-base-preview">
            <Text fw={700} size="lg">
              {T.basePreview(formatDong(due))}
            </Text>
            <Text size="xs">{T.basePreviewNote}</Text>
          </Alert>
          {save.error && !Object.keys(errors).length && <Alert color="red">{save.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={onClose}>
              {T.cancel}
            </Button>
            <Button type="submit" size="md" loading={save.isPending} data-testid="dues-base-save">
              {T.baseSave}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
