/**
 * "Ban hành văn bản": the committee's staff write the draft (kind, number/symbol, date, issuer,
 * title, summary, whether the cells must disseminate it and by when). Saving creates the draft and
 * opens its page, where the files are attached and the directive is published.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { DatePickerField, DateTypeField } from '../../components/DateField.js';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { todayIso } from '../../lib/format.js';
import { useCreateDirective } from './api.js';

const KINDS = ['directive', 'resolution', 'guidance', 'plan', 'conclusion', 'other'] as const;

export function NewDirectiveModal({
  unitId,
  unitName,
  opened,
  onClose,
}: {
  unitId: number;
  unitName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const create = useCreateDirective(unitId);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('directive');
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState<string | null>(todayIso());
  const [issuer, setIssuer] = useState(unitName.replace(/^Đảng bộ\s+/u, 'Đảng ủy '));
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [requires, setRequires] = useState(true);
  const [by, setBy] = useState<string | null>(null);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        kind,
        number: number.trim(),
        issuedOn: issuedOn ?? '',
        issuer: issuer.trim(),
        title: title.trim(),
        summary: summary.trim() || null,
        requiresDissemination: requires,
        disseminateBy: requires ? by : null,
      },
      {
        onSuccess: (d) => {
          onClose();
          navigate(`/van-ban/${d.id}`);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={T.formTitle} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label={T.kind}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as (typeof KINDS)[number])}
            data={KINDS.map((k) => ({ value: k, label: T.kinds[k]! }))}
            size="md"
          />
          <TextInput
            label={T.number}
            description={T.numberHint}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={fieldErrors.number}
            required
            size="md"
            data-testid="directive-number"
          />
          <DateTypeField
            label={T.issuedOn}
            description={T.dateHint}
            value={issuedOn}
            onChange={setIssuedOn}
            maxDate={todayIso()}
            error={fieldErrors.issuedOn}
            required
            clearable={false}
          />
          <TextInput
            label={T.issuer}
            description={T.issuerHint}
            value={issuer}
            onChange={(e) => setIssuer(e.currentTarget.value)}
            error={fieldErrors.issuer}
            required
            size="md"
          />
          <Textarea
            label={T.title}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldErrors.title}
            required
            autosize
            minRows={2}
            size="md"
            data-testid="directive-title"
          />
          <Textarea
            label={T.summaryField}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={fieldErrors.summary}
            autosize
            minRows={3}
            size="md"
          />
          <Checkbox
            label={T.requires}
            checked={requires}
            onChange={(e) => setRequires(e.currentTarget.checked)}
            size="md"
          />
          {requires && (
            <DatePickerField
              label={T.disseminateBy}
              value={by}
              onChange={setBy}
              minDate={issuedOn ?? undefined}
              error={fieldErrors.disseminateBy}
              clearable
            />
          )}
          {create.error && !Object.keys(fieldErrors).length && (
            <Alert color="red">{create.error.message}</Alert>
          )}
          {create.error && Object.keys(fieldErrors).length > 0 && (
            <Alert color="red">{Object.values(fieldErrors).join(' ')}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} size="md">
              {T.cancel}
            </Button>
            <Button
              type="submit"
              size="md"
              loading={create.isPending}
              leftSection={<IconDeviceFloppy size={20} />}
              data-testid="directive-submit"
            >
              {T.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
