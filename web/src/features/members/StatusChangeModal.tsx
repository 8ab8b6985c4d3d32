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
import { type StatusChange, statusChangeSchema } from '../../../../src/features/members/schema.js';
import { ApiError, api } from '../../api/client.js';
import { useScopeUnits } from '../../api/queries.js';
import type { MemberDetail } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { vi } from '../../i18n/vi.js';
import { todayIso } from '../../lib/format.js';
import { issuesByField } from './MemberFields.js';

export type ChangeType = StatusChange['type'];

export const CHANGE_TYPES: ChangeType[] = [
  'recognize_official',
  'exempt',
  'end_exemption',
  'temporary_out',
  'end_temporary',
  'transfer',
  'contact_213',
  'end_contact_213',
  'remove',
];

/** The changes that make sense for a member's current status (the server checks again). */
export function availableChanges(m: MemberDetail): ChangeType[] {
  const s = m.status;
  const active = m.standing === 'active' && !s.ended;
  const allowed: Record<ChangeType, boolean> = {
    recognize_official: active && s.rank === 'probationary',
    exempt: active && !s.exempted,
    end_exemption: Boolean(s.exempted),
    temporary_out: active && !s.temporaryOut,
    end_temporary: Boolean(s.temporaryOut),
    transfer: active,
    contact_213: !s.contact213 && (m.standing === 'active' || m.standing === 'contact_only'),
    end_contact_213: Boolean(s.contact213),
    remove: active,
  };
  return CHANGE_TYPES.filter((t) => allowed[t]);
}

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
  if (!f.date) p.date = 'Cần chọn ngày.';
  if (type === 'temporary_out' && !f.until) p.until = 'Cần chọn ngày kết thúc.';
  if (type === 'temporary_out' && f.until && f.date && f.until <= f.date)
    p.until = 'Ngày kết thúc phải sau ngày bắt đầu.';
  if ((type === 'temporary_out' || type === 'transfer') && !f.unit && !f.otherOrg.trim()) {
    p.unit = 'Cần chọn chi bộ nơi đến hoặc ghi tên tổ chức đảng nơi đến.';
  }
  if (type === 'contact_213' && !f.unit) p.unit = 'Cần chọn chi bộ nơi cư trú.';
  if (type === 'exempt' && f.reason.trim().length < 3) p.reason = 'Cần ghi lý do miễn sinh hoạt.';
  if (type === 'remove' && !f.removeReason) p.reason = 'Cần chọn hình thức.';
  if (type === 'recognize_official' && f.cardNumber.trim() && !/^\d{6,12}$/.test(f.cardNumber.trim())) {
    p.cardNumber = 'Số thẻ đảng viên gồm 6–12 chữ số.';
  }
  return p;
}

/** Server field names → the form's. */
const FIELD_MAP: Record<string, string> = {
  hostUnitId: 'unit',
  toUnitId: 'unit',
  unitId: 'unit',
  otherOrg: 'unit',
};

interface Props {
  member: MemberDetail;
  type: ChangeType | null;
  onClose: () => void;
}

export function StatusChangeModal({ member, type, onClose }: Props) {
  const qc = useQueryClient();
  const scope = useScopeUnits(type !== null);
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
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const today = todayIso();
  const cells = scope.cells
    .filter((c) => c.id !== member.unitId && !c.archived)
    .map((c) => ({ value: String(c.id), label: c.name }));
  const contactCells = scope.cells
    .filter((c) => !c.archived)
    .map((c) => ({ value: String(c.id), label: c.name }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const extra = extraProblems(type, f);
    const body = buildBody(type, f);
    const parsed = statusChangeSchema.safeParse(body);
    const problems = { ...(parsed.success ? {} : issuesByField(parsed.error)), ...extra };
    for (const [from, to] of Object.entries(FIELD_MAP)) {
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
        const fe = err.fieldErrors;
        const mapped: Record<string, string> = {};
        for (const [k, v] of Object.entries(fe)) mapped[FIELD_MAP[k] ?? k] = v;
        if (Object.keys(mapped).length) setErrors(mapped);
        else setFormError(err.message);
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
      />
      <DatePickerField
        label={vi.changes.decisionDate}
        value={f.decisionDate}
        onChange={(v) => set('decisionDate', v)}
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
            {vi.changes.explain[type]}
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
              placeholder={
                type === 'exempt'
                  ? 'Ví dụ: Tuổi cao, sức khỏe yếu, có đơn đề nghị'
                  : 'Ví dụ: Đi học tập trung'
              }
            />
          )}
          {(type === 'temporary_out' || type === 'transfer') && (
            <>
              <Select
                label={type === 'transfer' ? vi.changes.toUnit : vi.changes.hostUnit}
                data={cells}
                value={f.unit}
                onChange={(v) => set('unit', v)}
                error={errors.unit}
                searchable
                clearable
                placeholder={vi.changes.pickCell}
                nothingFoundMessage="Không có chi bộ phù hợp"
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={vi.changes.otherOrg}
                value={f.otherOrg}
                onChange={(e) => set('otherOrg', e.currentTarget.value)}
                disabled={Boolean(f.unit)}
                placeholder="Ví dụ: Chi bộ Khu phố 3, Đảng bộ phường Phú Khương"
              />
            </>
          )}
          {type === 'contact_213' && (
            <>
              <Select
                label={vi.changes.contactUnit}
                data={contactCells}
                value={f.unit}
                onChange={(v) => set('unit', v)}
                error={errors.unit}
                searchable
                required
                placeholder={vi.changes.pickCell}
                comboboxProps={{ withinPortal: true }}
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
              Thao tác này đưa đảng viên ra khỏi danh sách chi bộ từ ngày đã chọn.
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
