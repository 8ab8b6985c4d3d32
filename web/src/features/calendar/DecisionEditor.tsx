/**
 * Entering or correcting one year's holiday decision (administrators): the notice, the days off it
 * adds, the days it makes working days, the Quốc khánh choice. The server checks everything and its
 * Vietnamese problems appear beside the fields; warnings are shown after saving.
 */
import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { notifySuccess } from '../../app/notify.js';
import { vi } from '../../i18n/vi.js';
import { CALENDAR } from '../../i18n/vi-calendar.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { type HolidayDecision, issuesByField, saveHolidayDecision, useRefreshCalendar } from './api.js';
import { DateListField } from './DateListField.js';

const t = CALENDAR.form;

export interface EditorTarget {
  /** null: a new year. */
  decision: HolidayDecision | null;
  takenYears: number[];
  defaultYear: number;
}

export function DecisionEditor({ target, onClose }: { target: EditorTarget | null; onClose: () => void }) {
  const refresh = useRefreshCalendar();
  const phone = useIsPhone();
  const [year, setYear] = useState<number | null>(null);
  const [reference, setReference] = useState('');
  const [extraDaysOff, setExtraDaysOff] = useState<string[]>([]);
  const [extraWorkingDays, setExtraWorkingDays] = useState<string[]>([]);
  const [adjacent, setAdjacent] = useState<'before' | 'after'>('before');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    const d = target.decision;
    setYear(d?.year ?? target.defaultYear);
    setReference(d?.reference ?? '');
    setExtraDaysOff(d?.extraDaysOff ?? []);
    setExtraWorkingDays(d?.extraWorkingDays ?? []);
    setAdjacent(d?.nationalDayAdjacent ?? 'before');
    setNote(d?.note ?? '');
    setErrors({});
    setFormError(null);
  }, [target]);

  // Dates of another year cannot stay when the year changes.
  const changeYear = (v: string | number) => {
    const y = typeof v === 'number' ? v : Number.parseInt(v, 10);
    const next = Number.isInteger(y) ? y : null;
    setYear(next);
    const prefix = `${next}-`;
    setExtraDaysOff((ds) => ds.filter((d) => d.startsWith(prefix)));
    setExtraWorkingDays((ds) => ds.filter((d) => d.startsWith(prefix)));
  };

  const isNew = target?.decision === null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target || year === null) {
      setErrors({ year: [vi.app.required] });
      return;
    }
    if (isNew && target.takenYears.includes(year)) {
      setErrors({ year: [t.yearTaken(year)] });
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const saved = await saveHolidayDecision(year, {
        reference,
        extraDaysOff,
        extraWorkingDays,
        nationalDayAdjacent: adjacent,
        note: note.trim() ? note : null,
      });
      notifySuccess(CALENDAR.saved(year));
      if (saved.warnings.length > 0) {
        notifications.show({
          color: 'yellow',
          title: CALENDAR.warnings,
          message: saved.warnings.map((w) => w.message).join(' '),
          autoClose: 12_000,
        });
      }
      await refresh();
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const byField = issuesByField(err.details);
        setErrors(byField);
        if (Object.keys(byField).length === 0) setFormError(err.message);
      } else {
        setFormError(vi.validation.failed);
      }
    } finally {
      setBusy(false);
    }
  };

  const first = (field: string) => errors[field]?.join(' ');
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="lg"
      fullScreen={phone}
      title={isNew || year === null ? t.titleNew : t.titleEdit(year)}
    >
      <form onSubmit={submit} noValidate data-testid="holiday-decision-form">
        <Stack gap="md">
          {formError && <Alert color="red">{formError}</Alert>}
          <NumberInput
            label={t.year}
            value={year ?? ''}
            onChange={changeYear}
            min={1900}
            max={2199}
            allowDecimal={false}
            thousandSeparator={false}
            disabled={!isNew}
            required
            size="md"
            error={first('year')}
            data-testid="decision-year"
          />
          <TextInput
            label={t.reference}
            description={t.referenceHint}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            required
            size="md"
            error={first('reference')}
            data-testid="decision-reference"
          />
          <DateListField
            label={t.extraDaysOff}
            description={t.extraDaysOffHint}
            year={year}
            value={extraDaysOff}
            onChange={setExtraDaysOff}
            errors={errors.extraDaysOff}
            testId="decision-days-off"
          />
          <DateListField
            label={t.extraWorkingDays}
            description={t.extraWorkingDaysHint}
            year={year}
            value={extraWorkingDays}
            onChange={setExtraWorkingDays}
            errors={errors.extraWorkingDays}
            testId="decision-working-days"
          />
          <Radio.Group
            label={t.nationalDay}
            value={adjacent}
            onChange={(v) => setAdjacent(v === 'after' ? 'after' : 'before')}
            size="md"
            error={first('nationalDayAdjacent')}
          >
            <Group mt={6}>
              <Radio value="before" label={t.nationalDayBefore} />
              <Radio value="after" label={t.nationalDayAfter} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t.note}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            size="md"
            error={first('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} size="md">
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy} size="md" data-testid="decision-save">
              {t.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
