import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { statusChangeSchema } from '../../../../src/features/members/schema.js';
import { ApiError, api } from '../../api/client.js';
import type { MemberDetail } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { UnitPicker } from '../../components/UnitPicker.js';
import { vi } from '../../i18n/vi.js';
import { MEMBERS_EXTRA } from '../../i18n/vi-members-extra.js';
import { todayIso } from '../../lib/format.js';
import { type ChangeType, placeServerErrors, SERVER_FIELDS } from './changes.js';
import { issuesByField } from './MemberFields.js';

interface FormState {
  date: string | null;
  until: string | null;
  reason: string;
  decisionNo: string;
  decisionDate: string | null;
  cardNumber: string;
  unit: string | null;
  otherOrg: string;
  removeReason: string | null;
  note: string;
}

const initial = (): FormState => ({
  date: todayIso(),
  until: null,
  reason: '',
  decisionNo: '',
  decisionDate: null,
  cardNumber: '',
  unit: null,
  otherOrg: '',
  removeReason: null,
  note: '',
});

const opt = (s: string) => (s.trim() === '' ? null : s.trim());

function buildBody(type: ChangeType, f: FormState): Record<string, unknown> {
  const decision = { decisionNo: opt(f.decisionNo), decisionDate: f.decisionDate };
  const unitId = f.unit ? Number(f.unit) : null;
  switch (type) {
    case 'recognize_official':
      return { type, date: f.date, cardNumber: opt(f.cardNumber), ...decision };
    case 'exempt':
      return { type, date: f.date, reason: f.reason.trim(), ...decision };
    case 'end_exemption':
      return { type, date: f.date, ...decision };
    case 'temporary_out':
      return {
        type,
        date: f.date,
        until: f.until,
        hostUnitId: unitId,
        otherOrg: opt(f.otherOrg),
        reason: opt(f.reason),
        ...decision,
      };
    case 'end_temporary':
    case 'end_contact_213':
      return { type, date: f.date };
    case 'transfer':
      return { type, date: f.date, toUnitId: unitId, otherOrg: opt(f.otherOrg), ...decision };
    case 'contact_213':
      return { type, date: f.date, unitId, otherOrg: opt(f.otherOrg) };
    case 'remove':
      return { type, date: f.date, reason: f.removeReason, note: opt(f.note), ...decision };
  }
}

/** Checks the schema cannot express: a date is picked, a destination is given. */
function extraProblems(type: ChangeType, f: FormState): Record<string, string> {
  const p: Record<string, string> = {};
  if (!f.date) p.date = vi.validation.dateRequired;
  if (type === 'temporary_out' && !f.until) p.until = vi.validation.untilRequired;
  if (type === 'temporary_out' && f.until && f.date && f.until <= f.date)
    p.until = vi.validation.untilAfterStart;
  if ((type === 'temporary_out' || type === 'transfer') && !f.unit && !f.otherOrg.trim()) {
    p.unit = vi.validation.destinationRequired;
  }
  if (type === 'contact_213' && !f.unit) p.unit = vi.validation.contactCellRequired;
  if (type === 'exempt' && f.reason.trim().length < 3) p.reason = vi.validation.exemptReasonRequired;
  if (type === 'remove' && !f.removeReason) p.reason = vi.validation.removeReasonRequired;
  if (type === 'recognize_official' && f.cardNumber.trim() && !/^\d{6,12}$/.test(f.cardNumber.trim())) {
    p.cardNumber = vi.validation.cardNumberFormat;
  }
  return p;
}

interface Props {
  member: MemberDetail;
  type: ChangeType | null;
  onClose: () => void;
}

export function StatusChangeModal({ member, type, onClose }: Props) {
  const qc = useQueryClient();
  const [f, setF] = useState<FormState>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (type) {
      setF(initial());
      setErrors({});
      setFormError(null);
    }
  }, [type]);

  if (!type) return null;
  // Editing a field clears its message (the destination fields share one).
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF((prev) => ({ ...prev, [k]: v }));
    const key = k === 'otherOrg' ? 'unit' : k === 'removeReason' ? 'reason' : k;
    setErrors((prev) => {
      if (!(key in prev)) return prev;
      const { [key]: _, ...rest } = prev;
      return rest;
    });
  };
  const today = todayIso();
  // Host or destination: any active cell of the user's scope but the member's own.
  const notOwnCell = (c: { id: number }) => c.id === member.unitId;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const extra = extraProblems(type, f);
    const body = buildBody(type, f);
    const parsed = statusChangeSchema.safeParse(body);
    const problems = { ...(parsed.success ? {} : issuesByField(parsed.error)), ...extra };
    for (const [from, to] of Object.entries(SERVER_FIELDS)) {
      if (problems[from] && !problems[to]) problems[to] = problems[from]!;
    }
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.post(`/api/members/${member.id}/status-changes`, body);
      notifySuccess(`${vi.changes.done}: ${vi.changes.types[type]}`);
      await Promise.all(
        ['member', 'members', 'org-unit', 'org-unit-children', 'org-unit-tree', 'me'].map((k) =>
          qc.invalidateQueries({ queryKey: [k] }),
        ),
      );
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const placed = placeServerErrors(type, err.fieldErrors, err.message);
        setErrors(placed.beside);
        setFormError(placed.above);
      } else notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const decisionFields = (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={vi.changes.decisionNo}
        value={f.decisionNo}
        onChange={(e) => set('decisionNo', e.currentTarget.value)}
        error={errors.decisionNo}
      />
      <DatePickerField
        label={vi.changes.decisionDate}
        value={f.decisionDate}
        onChange={(v) => set('decisionDate', v)}
        error={errors.decisionDate}
        clearable
        maxDate={today}
      />
    </SimpleGrid>
  );

  return (
    <Modal opened onClose={onClose} title={`${vi.changes.types[type]}: ${member.fullName}`} size="lg">
      <form onSubmit={submit} noValidate data-testid="status-change-form">
        <Stack>
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            {type === 'temporary_out'
              ? MEMBERS_EXTRA.temporaryOutExplain
              : type === 'transfer'
                ? MEMBERS_EXTRA.transferExplain
                : vi.changes.explain[type]}
          </Alert>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: type === 'temporary_out' ? 2 : 1 }}>
            <DatePickerField
              label={vi.changes.dateLabels[type]}
              value={f.date}
              onChange={(v) => set('date', v)}
              error={errors.date}
              maxDate={today}
              required
              data-testid="change-date"
            />
            {type === 'temporary_out' && (
              <DatePickerField
                label={vi.changes.until}
                value={f.until}
                onChange={(v) => set('until', v)}
                error={errors.until}
                minDate={f.date ?? undefined}
                required
              />
            )}
          </SimpleGrid>

          {type === 'recognize_official' && (
            <TextInput
              label={vi.changes.cardNumber}
              value={f.cardNumber}
              onChange={(e) => set('cardNumber', e.currentTarget.value)}
              error={errors.cardNumber}
              inputMode="numeric"
            />
          )}
          {(type === 'exempt' || type === 'temporary_out') && (
            <Textarea
              label={vi.changes.reason}
              value={f.reason}
              onChange={(e) => set('reason', e.currentTarget.value)}
              error={errors.reason}
              required={type === 'exempt'}
              autosize
              minRows={2}
              placeholder={type === 'exempt' ? vi.text.exemptExample : vi.text.temporaryExample}
            />
          )}
          {(type === 'temporary_out' || type === 'transfer') && (
            <>
              <UnitPicker
                label={type === 'transfer' ? vi.changes.toUnit : vi.changes.hostUnit}
                kind="cells"
                exclude={notOwnCell}
                value={f.unit}
                onChange={(v) => set('unit', v)}
                error={errors.unit}
                clearable
                allowDeselect
                placeholder={vi.changes.pickCell}
                nothingFoundMessage={vi.validation.noCellFound}
                data-testid="change-unit"
              />
              <TextInput
                label={vi.changes.otherOrg}
                value={f.otherOrg}
                onChange={(e) => set('otherOrg', e.currentTarget.value)}
                disabled={Boolean(f.unit)}
                placeholder={vi.text.otherOrgExample}
              />
            </>
          )}
          {type === 'contact_213' && (
            <>
              <UnitPicker
                label={vi.changes.contactUnit}
                kind="cells"
                value={f.unit}
                onChange={(v) => set('unit', v)}
                error={errors.unit}
                required
                placeholder={vi.changes.pickCell}
                nothingFoundMessage={vi.validation.noCellFound}
                data-testid="contact-unit"
              />
              <TextInput
                label={vi.changes.contactOrg}
                value={f.otherOrg}
                onChange={(e) => set('otherOrg', e.currentTarget.value)}
              />
            </>
          )}
          {type === 'remove' && (
            <>
              <Select
                label={vi.changes.removeReason}
                data={Object.entries(vi.changes.removeReasons).map(([value, label]) => ({ value, label }))}
                value={f.removeReason}
                onChange={(v) => set('removeReason', v)}
                error={errors.reason}
                required
                comboboxProps={{ withinPortal: true }}
              />
              <Textarea
                label={vi.changes.note}
                value={f.note}
                onChange={(e) => set('note', e.currentTarget.value)}
                autosize
                minRows={2}
              />
            </>
          )}
          {!['end_temporary', 'end_contact_213', 'contact_213'].includes(type) && decisionFields}
          {type === 'remove' && (
            <Text size="sm" c="red.8">
              {vi.text.removeWarning}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy} color={type === 'remove' ? 'red' : undefined}>
              {vi.changes.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
