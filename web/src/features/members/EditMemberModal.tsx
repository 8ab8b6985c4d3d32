import { Button, Group, Modal, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { updateMemberSchema } from '../../../../src/features/members/schema.js';
import { ApiError, api } from '../../api/client.js';
import type { MemberDetail } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { vi } from '../../i18n/vi.js';
import {
  type DetailField,
  type DetailValues,
  detailsBody,
  emptyDetails,
  issuesByField,
  MemberFields,
} from './MemberFields.js';

const ALWAYS: DetailField[] = ['fullName', 'birthDate', 'gender', 'ethnicity', 'hometown'];

/** Fields of this member the viewer may edit: identity and contact only when the API sent them. */
export function editableFields(m: MemberDetail): DetailField[] {
  const f = [...ALWAYS];
  if ('phone' in m) f.push('phone', 'email', 'address');
  if ('nationalId' in m) f.push('nationalId', 'cardNumber');
  if ('notes' in m) f.push('notes');
  return f;
}

function valuesOf(m: MemberDetail): DetailValues {
  return {
    ...emptyDetails,
    fullName: m.fullName,
    birthDate: m.birthDate,
    gender: m.gender,
    ethnicity: m.ethnicity ?? '',
    hometown: m.hometown ?? '',
    address: m.address ?? '',
    phone: m.phone ?? '',
    email: m.email ?? '',
    cardNumber: m.cardNumber ?? '',
    nationalId: m.nationalId ?? '',
    notes: m.notes ?? '',
  };
}

export function EditMemberModal({
  member,
  opened,
  onClose,
}: {
  member: MemberDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [values, setValues] = useState<DetailValues>(() => valuesOf(member));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const fields = editableFields(member);

  useEffect(() => {
    if (opened) {
      setValues(valuesOf(member));
      setErrors({});
    }
  }, [opened, member]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = detailsBody(values, fields);
    const parsed = updateMemberSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error, body));
      return;
    }
    setBusy(true);
    try {
      await api.patch(`/api/members/${member.id}`, body);
      notifySuccess(vi.member.updated);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['member', member.id] }),
        qc.invalidateQueries({ queryKey: ['members'] }),
        qc.invalidateQueries({ queryKey: ['me'] }),
      ]);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`${vi.member.edit}: ${member.fullName}`} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <MemberFields
            values={values}
            set={(f, v) => {
              setValues((prev) => ({ ...prev, [f]: v }));
              setErrors((prev) => {
                if (!(f in prev)) return prev;
                const { [f]: _, ...rest } = prev;
                return rest;
              });
            }}
            errors={errors}
            fields={fields}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {vi.app.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
