/**
 * A confirmation that asks for a reason or a note before doing it (reschedule, revert, a hand
 * tick, closing an alert): the text is required, its error shown beside the field.
 */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { vi } from '../i18n/vi.js';

export function ReasonModal(p: {
  opened: boolean;
  onClose: () => void;
  title: string;
  help: string;
  label: string;
  description?: string;
  submit: string;
  busy: boolean;
  testId: string;
  /** Shortest acceptable text (3 by default) and the error shown when shorter. */
  minLength?: number;
  tooShort: string;
  color?: string;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const min = p.minLength ?? 3;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < min) {
      setError(p.tooShort);
      return;
    }
    setError(null);
    const ok = await p.onSubmit(reason.trim());
    if (ok) {
      setReason('');
      p.onClose();
    }
  };
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text>{p.help}</Text>
          <Textarea
            label={p.label}
            description={p.description}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            required
            autosize
            minRows={2}
            data-testid={p.testId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={p.onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={p.busy} color={p.color}>
              {p.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
