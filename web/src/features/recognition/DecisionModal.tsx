/** The "Ghi quyết định" form, prefilled from a proposal (kind, reason, period) or empty. */
import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { errorMessage } from '../../components/ErrorState.js';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { todayIso } from '../../lib/format.js';
import { type DecisionInput, useRecordDecision } from './api.js';

export interface DecisionDraft {
  subjectUnitId: number;
  subjectName: string;
  kind: string;
  reason: string;
  periodFrom: string | null;
  periodTo: string | null;
}

const toDate = (m: string | null) => (m ? `${m}-01` : null);
const toMonth = (d: string | null) => (d ? d.slice(0, 7) : null);

export function DecisionModal({
  unitId,
  draft,
  onClose,
}: {
  unitId: number;
  draft: DecisionDraft | null;
  onClose: () => void;
}) {
  const save = useRecordDecision(unitId);
  const [form, setForm] = useState<DecisionInput>({
    subjectUnitId: 0,
    kind: 'bieu_duong',
    decidedOn: todayIso(),
    reason: '',
  });
  useEffect(() => {
    if (draft) {
      setForm({
        subjectUnitId: draft.subjectUnitId,
        kind: draft.kind,
        number: '',
        decidedOn: todayIso(),
        reason: draft.reason,
        periodFrom: draft.periodFrom,
        periodTo: draft.periodTo,
      });
      save.reset();
    }
  }, [draft, save.reset]);
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const submit = async () => {
    await save.mutateAsync({ ...form, number: form.number?.trim() || null });
    notifySuccess(t.form.saved);
    onClose();
  };
  return (
    <Modal opened={draft !== null} onClose={onClose} title={t.form.title} size="lg" fullScreen={false}>
      <Stack gap="sm">
        <Text fw={700} size="lg" data-testid="decision-subject">
          {t.form.subject}: {draft?.subjectName}
        </Text>
        <Select
          label={t.form.kind}
          size="md"
          data={Object.entries(t.kinds).map(([value, label]) => ({ value, label }))}
          value={form.kind}
          onChange={(v) => v && setForm({ ...form, kind: v })}
          allowDeselect={false}
          data-testid="decision-kind"
        />
        <TextInput
          label={t.form.number}
          placeholder={t.form.numberHint}
          size="md"
          value={form.number ?? ''}
          onChange={(e) => setForm({ ...form, number: e.currentTarget.value })}
          error={fieldErrors.number}
          data-testid="decision-number"
        />
        <DatePickerField
          label={t.form.decidedOn}
          value={form.decidedOn}
          onChange={(v) => v && setForm({ ...form, decidedOn: v })}
          required
          error={fieldErrors.decidedOn}
        />
        <Textarea
          label={t.form.reason}
          size="md"
          autosize
          minRows={3}
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })}
          error={fieldErrors.reason}
          data-testid="decision-reason"
        />
        <Group grow>
          <MonthPickerInput
            label={t.form.periodFrom}
            size="md"
            valueFormat="MM/YYYY"
            clearable
            value={toDate(form.periodFrom ?? null)}
            onChange={(d) => setForm({ ...form, periodFrom: toMonth(d as string | null) })}
          />
          <MonthPickerInput
            label={t.form.periodTo}
            size="md"
            valueFormat="MM/YYYY"
            clearable
            value={toDate(form.periodTo ?? null)}
            onChange={(d) => setForm({ ...form, periodTo: toMonth(d as string | null) })}
            error={fieldErrors.periodTo}
          />
        </Group>
        {save.error && !Object.keys(fieldErrors).length && (
          <Text c="red.8" role="alert">
            {errorMessage(save.error)}
          </Text>
        )}
        {save.error && fieldErrors.subjectUnitId && (
          <Text c="red.8" role="alert">
            {fieldErrors.subjectUnitId}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" size="md" onClick={onClose}>
            {t.form.cancel}
          </Button>
          <Button size="md" onClick={submit} loading={save.isPending} data-testid="decision-save">
            {t.form.save}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
