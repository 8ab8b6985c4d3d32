/** The account dialogs that change one user: grant a role (optionally for a period), reset the password. */
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import type { UserAccount } from '../../api/types.js';
import { notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { UnitPicker } from '../../components/UnitPicker.js';
import { vi } from '../../i18n/vi.js';

const ROLE_ORDER = ['admin', 'committee_staff', 'supervisor', 'cell_secretary', 'cell_committee', 'member'];

export function useRoleOptions() {
  const me = useMe().data;
  const isAdmin = me?.grants.some((g) => g.role === 'admin') ?? false;
  return ROLE_ORDER.filter((r) => r !== 'admin' || isAdmin).map((r) => ({ value: r, label: vi.roles[r]! }));
}

export function GrantModal({
  user,
  onClose,
  rootId,
  defaultUnit,
}: {
  user: UserAccount | null;
  onClose: () => void;
  /** The units offered are this one and those below it where the caller manages accounts. */
  rootId: number | null;
  defaultUnit: string | null;
}) {
  const qc = useQueryClient();
  const roleOptions = useRoleOptions();
  const [role, setRole] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState<string | null>(null);
  const [validTo, setValidTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      setRole(null);
      setUnit(defaultUnit);
      setValidFrom(null);
      setValidTo(null);
      setError(null);
    }
  }, [user, defaultUnit]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!user || !role || !unit) {
      setError(vi.validation.pickRoleUnit);
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/users/${user.id}/grants`, { role, orgUnitId: Number(unit), validFrom, validTo });
      notifySuccess(vi.users.granted);
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : vi.validation.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={`${vi.users.grantTitle}: ${user?.displayName ?? ''}`}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <Select
            label={vi.users.role}
            data={roleOptions}
            value={role}
            onChange={setRole}
            required
            comboboxProps={{ withinPortal: true }}
          />
          <UnitPicker
            label={vi.users.roleUnit}
            value={unit}
            onChange={(v) => setUnit(v)}
            {...(rootId !== null ? { rootId } : {})}
            capability="user.manage"
            required
          />
          <Group grow align="flex-start">
            <DatePickerField label={vi.users.grantFrom} value={validFrom} onChange={setValidFrom} clearable />
            <DatePickerField
              label={vi.users.grantTo}
              value={validTo}
              onChange={setValidTo}
              clearable
              minDate={validFrom ?? undefined}
            />
          </Group>
          <Text size="sm" c="dimmed">
            {vi.users.grantPeriodHint}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {vi.users.addGrant}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: UserAccount | null; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      setPassword('');
      setError(undefined);
    }
  }, [user]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!user) return;
    if (!password) {
      setError(vi.app.required);
      return;
    }
    setBusy(true);
    try {
      await api.patch(`/api/users/${user.id}`, { password });
      notifySuccess(vi.users.resetDone);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={`${vi.users.resetPassword}: ${user?.username ?? ''}`}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label={vi.auth.newPassword}
            description={vi.auth.passwordHint}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
            autoComplete="new-password"
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {vi.users.resetPassword}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
