import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { notifySuccess } from '../../app/notify.js';
import { vi } from '../../i18n/vi.js';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const close = () => {
    setCurrent('');
    setNext('');
    setConfirm('');
    setErrors({});
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!current) problems.currentPassword = vi.app.required;
    if (!next) problems.newPassword = vi.app.required;
    if (next && confirm !== next) problems.confirm = vi.auth.passwordMismatch;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.post('/api/me/password', { currentPassword: current, newPassword: next });
      notifySuccess(vi.auth.passwordChanged);
      close();
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors;
        setErrors(Object.keys(f).length ? f : { newPassword: err.message });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={vi.auth.changePassword} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label={vi.auth.currentPassword}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
            autoComplete="current-password"
            required
          />
          <PasswordInput
            label={vi.auth.newPassword}
            description={vi.auth.passwordHint}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
            autoComplete="new-password"
            required
          />
          <PasswordInput
            label={vi.auth.confirmPassword}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            autoComplete="new-password"
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {vi.auth.changePassword}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
