import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { ApiError, api } from '../../api/client.js';
import { useReference } from '../../api/queries.js';
import type { Unit, UnitDetail } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { UnitPicker } from '../../components/UnitPicker.js';
import { vi } from '../../i18n/vi.js';

/** Everything that shows units (tree, children, pickers) is refreshed after a unit changes. */
export function useInvalidateUnits() {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      ['org-units', 'org-unit', 'org-unit-children', 'org-unit-tree'].map((k) =>
        qc.invalidateQueries({ queryKey: [k] }),
      ),
    );
}

interface UnitFormProps {
  opened: boolean;
  onClose: () => void;
  /** Present: edit this unit; absent: create a child of `parent`. */
  unit?: UnitDetail;
  parent?: UnitDetail;
}

export function UnitFormModal({ opened, onClose, unit, parent }: UnitFormProps) {
  const reference = useReference();
  const invalidate = useInvalidateUnits();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string | null>('chi_bo');
  const [cellType, setCellType] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(unit?.name ?? '');
    setKind(unit?.kind ?? 'chi_bo');
    setCellType(unit?.cellType ?? null);
    setCode(unit?.code ?? '');
    setErrors({});
  }, [opened, unit]);

  const cell = kind ? isCellKind(kind) : false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (name.trim().length < 2) problems.name = vi.validation.unitNameShort;
    if (!kind) problems.kind = vi.app.required;
    if (cell && !cellType) problems.cellType = vi.validation.cellTypeRequired;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    const body = { name: name.trim(), kind, cellType: cell ? cellType : null, code: code.trim() || null };
    try {
      if (unit) {
        await api.patch<Unit>(`/api/org-units/${unit.id}`, body);
        notifySuccess(vi.unit.form.updated);
        await invalidate();
        onClose();
      } else if (parent) {
        const created = await api.post<Unit>('/api/org-units', { ...body, parentId: parent.id });
        notifySuccess(`${vi.unit.form.created}: ${created.name}`);
        await invalidate();
        onClose();
        navigate(`/don-vi/${created.id}`);
      }
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const kinds = (reference.data?.unitKinds ?? []).filter((k) => unit || k.value !== 'dang_bo_tinh');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={unit ? vi.unit.form.editTitle : vi.unit.form.createTitle}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {parent && !unit && (
            <Text size="sm" c="dimmed">
              {vi.unit.childName}: trực thuộc {parent.name}
            </Text>
          )}
          <TextInput
            label={vi.unit.form.name}
            placeholder={vi.unit.form.namePlaceholder}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
          />
          <Select
            label={vi.unit.form.kind}
            data={kinds}
            value={kind}
            onChange={setKind}
            error={errors.kind}
            allowDeselect={false}
            required
            comboboxProps={{ withinPortal: true }}
          />
          {cell && (
            <Select
              label={vi.unit.form.cellType}
              data={reference.data?.cellTypes ?? []}
              value={cellType}
              onChange={setCellType}
              error={errors.cellType}
              placeholder={vi.text.pickCellType}
              required
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <TextInput
            label={vi.unit.form.code}
            description={vi.app.optional}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {unit ? vi.app.save : vi.unit.actions.addUnit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function MoveUnitModal({
  opened,
  onClose,
  unit,
}: {
  opened: boolean;
  onClose: () => void;
  unit: UnitDetail;
}) {
  const invalidate = useInvalidateUnits();
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (opened) {
      setTarget(null);
      setError(undefined);
    }
  }, [opened]);

  // Possible parents: non-cell units the user manages, not the unit itself, its current parent
  // or anything below it (a path runs through the ids of every unit above).
  const notAParent = (u: { id: number; path: string }) =>
    u.id === unit.id || u.id === unit.parentId || u.path.includes(`/${unit.id}/`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) {
      setError(vi.app.required);
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/org-units/${unit.id}/move`, { parentId: Number(target) });
      notifySuccess(vi.unit.move.done);
      await invalidate();
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : undefined);
      if (!(err instanceof ApiError)) notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`${vi.unit.move.title}: ${unit.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{vi.unit.move.explain}</Text>
          <UnitPicker
            label={vi.unit.move.target}
            value={target}
            onChange={(v) => {
              setTarget(v);
              setError(undefined);
            }}
            kind="committees"
            capability="unit.manage"
            exclude={notAParent}
            error={error}
            required
            data-testid="move-target"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {vi.unit.actions.move}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ArchiveModal({
  opened,
  onClose,
  unit,
}: {
  opened: boolean;
  onClose: () => void;
  unit: UnitDetail;
}) {
  const invalidate = useInvalidateUnits();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const restoring = unit.archived;

  useEffect(() => {
    if (opened) setError(null);
  }, [opened]);

  const run = async () => {
    setBusy(true);
    try {
      await api.post(`/api/org-units/${unit.id}/${restoring ? 'unarchive' : 'archive'}`);
      notifySuccess(restoring ? vi.unit.archiveConfirm.restored : vi.unit.archiveConfirm.done);
      await invalidate();
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : vi.validation.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`${restoring ? vi.unit.actions.unarchive : vi.unit.archiveConfirm.title}: ${unit.name}`}
    >
      <Stack>
        {!restoring && <Text>{vi.unit.archiveConfirm.body}</Text>}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {vi.app.cancel}
          </Button>
          <Button color={restoring ? undefined : 'red'} onClick={run} loading={busy}>
            {restoring ? vi.unit.actions.unarchive : vi.unit.actions.archive}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
