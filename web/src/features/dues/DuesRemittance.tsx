/**
 * "Nộp lên cấp trên" on a cell's dues page: what the cell handed over for the month (each time,
 * with its day) and, for its keeper, a form prefilled with the month's collected sum minus what
 * is already remitted, dated today.
 */
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { DatePickerField } from '../../components/DateField.js';
import { VI_YEAR_FINISH as T } from '../../i18n/vi-year-finish.js';
import { formatDate, formatDong, todayIso } from '../../lib/format.js';
import type { CellDues } from './api.js';
import { useRemit } from './formsApi.js';

export function DuesRemittance({
  unitId,
  data,
  canManage,
}: {
  unitId: number;
  data: CellDues;
  canManage: boolean;
}) {
  const remit = useRemit(unitId, data.month);
  const collected = data.totals.paid;
  const remitted = data.totals.remitted;
  const [amount, setAmount] = useState<number>(Math.max(collected - remitted, 0));
  const today = todayIso();
  const [on, setOn] = useState<string>(today < `${data.month}-01` ? `${data.month}-01` : today);
  const [note, setNote] = useState('');
  const errors = remit.error instanceof ApiError ? remit.error.fieldErrors : {};
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    remit.mutate(
      { amount, remittedOn: on, note: note.trim() || null },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: T.remitSaved(formatDong(r.amount)) });
          setNote('');
          setAmount(Math.max(collected - r.remitted, 0));
        },
      },
    );
  };
  return (
    <Card withBorder padding="md" data-testid="dues-remittance">
      <Stack gap="sm">
        <Title order={3}>{T.remitTitle}</Title>
        <Text>{T.remitIntro(formatDong(collected), formatDong(remitted))}</Text>
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {T.remitList}
          </Text>
          {data.remittances.length === 0 ? (
            <Text size="sm" c="dimmed">
              {T.remitNone}
            </Text>
          ) : (
            <List size="sm" data-testid="dues-remittances">
              {data.remittances.map((r) => (
                <List.Item key={r.id}>
                  {T.remitRow(formatDong(r.amount), formatDate(r.remittedOn))}
                  {r.note ? ` · ${r.note}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        {canManage && (
          <form onSubmit={submit} data-testid="dues-remit-form">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={T.remitAmount}
                  value={amount}
                  onChange={(v) => setAmount(typeof v === 'number' ? v : Number(v) || 0)}
                  thousandSeparator="."
                  decimalSeparator=","
                  allowNegative={false}
                  allowDecimal={false}
                  suffix=" đ"
                  min={0}
                  size="md"
                  error={errors.amount}
                  data-testid="dues-remit-amount"
                />
                <DatePickerField
                  label={T.remitOn}
                  value={on}
                  onChange={(v) => setOn(v ?? today)}
                  minDate={`${data.month}-01`}
                  maxDate={today}
                  error={errors.remittedOn}
                  data-testid="dues-remit-date"
                />
              </SimpleGrid>
              <TextInput
                label={T.remitNote}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                size="md"
              />
              {remit.error && !Object.keys(errors).length && <Alert color="red">{remit.error.message}</Alert>}
              <Group justify="flex-end">
                <Button
                  type="submit"
                  size="md"
                  leftSection={<IconSend size={20} />}
                  loading={remit.isPending}
                  data-testid="dues-remit-save"
                >
                  {T.remitSave}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
