/**
 * "Thêm cuộc kiểm tra/giám sát": the inspected unit (a unit directly below the committee), the
 * kind, the content, the month of the plan's year and the team (name and role per person).
 */
import { ActionIcon, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useChildren } from '../../api/queries.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { VI_INSPECTIONS as T } from '../../i18n/vi-inspections.js';
import { usePlanActions } from './api.js';

interface TeamRow {
  name: string;
  role: 'truong_doan' | 'thanh_vien';
}

export function AddInspectionModal(p: {
  opened: boolean;
  onClose: () => void;
  unitId: number;
  year: number;
  planId: number;
}) {
  const children = useChildren(p.unitId, undefined, p.opened);
  const { add } = usePlanActions(p.unitId, p.year);
  const [unit, setUnit] = useState('');
  const [kind, setKind] = useState<'inspection' | 'supervision'>('inspection');
  const [content, setContent] = useState('');
  const [month, setMonth] = useState('1');
  const [team, setTeam] = useState<TeamRow[]>([{ name: '', role: 'truong_doan' }]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await add.mutateAsync({
        planId: p.planId,
        body: {
          unitId: Number(unit),
          kind,
          content: content.trim(),
          plannedMonth: `${p.year}-${month.padStart(2, '0')}`,
          team: team.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), role: m.role })),
        },
      });
      notifySuccess(T.created);
      setContent('');
      setErrors({});
      p.onClose();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
      notifyError(err);
    }
  };
  const units = children.data?.items ?? [];
  return (
    <Modal
      opened={p.opened}
      onClose={p.onClose}
      title={T.addTitle}
      size="lg"
      closeButtonProps={{ 'aria-label': T.cancel }}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <NativeSelect
            label={T.unit}
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
            data={[
              { value: '', label: T.unitPick },
              ...units.map((u) => ({ value: String(u.id), label: u.name })),
            ]}
            error={errors.unitId}
            required
            size="md"
          />
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={T.kind}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as 'inspection' | 'supervision')}
              data={Object.entries(T.kinds).map(([value, label]) => ({ value, label }))}
              size="md"
              miw={150}
            />
            <NativeSelect
              label={T.month}
              value={month}
              onChange={(e) => setMonth(e.currentTarget.value)}
              data={Array.from({ length: 12 }, (_, i) => ({
                value: String(i + 1),
                label: T.monthOption(i + 1),
              }))}
              error={errors.plannedMonth}
              size="md"
              miw={150}
            />
          </Group>
          <TextInput
            label={T.content}
            placeholder={T.contentHint}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            error={errors.content}
            required
            size="md"
          />
          <Stack gap="xs">
            <Text fw={600}>{T.team}</Text>
            {team.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
              <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={T.teamName(i + 1)}
                  value={m.name}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setTeam((t) => t.map((x, j) => (j === i ? { ...x, name: v } : x)));
                  }}
                  style={{ flex: '1 1 200px' }}
                  size="md"
                />
                <NativeSelect
                  label={T.teamRole(i + 1)}
                  value={m.role}
                  onChange={(e) => {
                    const v = e.currentTarget.value as TeamRow['role'];
                    setTeam((t) => t.map((x, j) => (j === i ? { ...x, role: v } : x)));
                  }}
                  data={Object.entries(T.roles).map(([value, label]) => ({ value, label }))}
                  size="md"
                  w={170}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="xl"
                  aria-label={T.removeMember(i + 1)}
                  onClick={() => setTeam((t) => t.filter((_, j) => j !== i))}
                >
                  <IconTrash size={20} />
                </ActionIcon>
              </Group>
            ))}
            {errors.team && (
              <Text c="red.8" size="sm">
                {errors.team}
              </Text>
            )}
            <Button
              variant="subtle"
              leftSection={<IconPlus size={18} />}
              onClick={() => setTeam((t) => [...t, { name: '', role: 'thanh_vien' }])}
              w="fit-content"
            >
              {T.addMember}
            </Button>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={p.onClose} size="md">
              {T.cancel}
            </Button>
            <Button type="submit" loading={add.isPending} size="md" data-testid="inspection-submit">
              {T.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
