/**
 * "Lịch nghỉ lễ, Tết": each year's official decision (notice, note, effective days off grouped by
 * holiday, days worked in exchange) as cards, and any year's calendar on request. Administrators add,
 * correct and delete decisions; everyone else reads.
 */
import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { CALENDAR } from '../../i18n/vi-calendar.js';
import { formatDateTime, todayIso } from '../../lib/format.js';
import {
  deleteHolidayDecision,
  type HolidayDecision,
  useHolidayCalendar,
  useHolidayDecisions,
  useRefreshCalendar,
} from './api.js';
import { DecisionEditor, type EditorTarget } from './DecisionEditor.js';
import { YearCalendarView } from './YearCalendarView.js';

const t = CALENDAR;
/** The seeded years carry this phrase in their note until an administrator has checked them. */
const UNVERIFIED = 'cần đối chiếu văn bản gốc';

export function HolidaysPage() {
  const list = useHolidayDecisions();
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  if (list.isLoading) return <PageLoader />;
  if (list.error || !list.data) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const { items, canEdit } = list.data;
  const takenYears = items.map((d) => d.year);
  const thisYear = Number(todayIso().slice(0, 4));
  const nextFree =
    [thisYear, thisYear + 1, thisYear + 2].find((y) => !takenYears.includes(y)) ?? thisYear + 1;

  return (
    <Stack gap="lg" maw={960} data-testid="holidays-page">
      <Stack gap={4}>
        <Title order={1}>{t.title}</Title>
        <Text size="lg">{t.intro}</Text>
        {!canEdit && (
          <Text c="dimmed" size="md">
            {t.readOnly}
          </Text>
        )}
      </Stack>
      {canEdit && (
        <Button
          leftSection={<IconPlus size={20} />}
          size="md"
          w="fit-content"
          onClick={() => setEditing({ decision: null, takenYears, defaultYear: nextFree })}
          data-testid="holiday-add"
        >
          {t.add}
        </Button>
      )}
      {items.length === 0 && <Alert color="gray">{t.empty}</Alert>}
      {items.map((d) => (
        <DecisionCard
          key={d.year}
          decision={d}
          canEdit={canEdit}
          onEdit={() => setEditing({ decision: d, takenYears, defaultYear: d.year })}
        />
      ))}
      <BrowseYear initial={thisYear} />
      <DecisionEditor target={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function DecisionCard({
  decision: d,
  canEdit,
  onEdit,
}: {
  decision: HolidayDecision;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const refresh = useRefreshCalendar();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await deleteHolidayDecision(d.year);
      notifySuccess(t.removed(d.year));
      setConfirming(false);
      await refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder radius="md" padding="lg" data-testid={`decision-${d.year}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={2} size="h3">
              {t.yearTitle(d.year)}
            </Title>
            <Text size="lg">
              <Text span fw={600}>
                {t.reference}:
              </Text>{' '}
              {d.reference}
            </Text>
            <Text size="md">{t.nationalDay[d.nationalDayAdjacent]}</Text>
          </Stack>
          {canEdit && (
            <Group gap="xs">
              <Button variant="light" size="md" leftSection={<IconPencil size={18} />} onClick={onEdit}>
                {t.edit}
              </Button>
              <Button
                variant="subtle"
                color="red"
                size="md"
                leftSection={<IconTrash size={18} />}
                onClick={() => setConfirming(true)}
              >
                {t.remove}
              </Button>
            </Group>
          )}
        </Group>
        {d.note && (
          <Text size="md">
            <Text span fw={600}>
              {t.note}:
            </Text>{' '}
            {d.note}
            {d.note.includes(UNVERIFIED) && (
              <Badge ml="xs" color="orange" variant="light" tt="none" size="lg">
                {t.unverified}
              </Badge>
            )}
          </Text>
        )}
        {d.warnings.length > 0 && (
          <Alert color="yellow" icon={<IconAlertTriangle />} title={t.warnings}>
            <Stack gap={2}>
              {d.warnings.map((w) => (
                <Text key={w.message}>{w.message}</Text>
              ))}
            </Stack>
          </Alert>
        )}
        <YearCalendarView calendar={d.calendar} />
        <Text size="sm" c="dimmed">
          {t.updated(formatDateTime(d.updatedAt), d.updatedBy?.displayName ?? null)}
        </Text>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t.yearTitle(d.year)}>
        <Stack>
          <Text size="md">{t.removeConfirm(d.year)}</Text>
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={() => setConfirming(false)}>
              {vi.app.cancel}
            </Button>
            <Button
              color="red"
              size="md"
              loading={busy}
              onClick={remove}
              data-testid="decision-remove-confirm"
            >
              {t.remove}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Any year's calendar, decided or statutory. */
function BrowseYear({ initial }: { initial: number }) {
  const [year, setYear] = useState<number | null>(initial);
  const view = useHolidayCalendar(year);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="holiday-browse">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t.browse}
        </Title>
        <NumberInput
          label={t.browseYear}
          value={year ?? ''}
          onChange={(v) => {
            const y = typeof v === 'number' ? v : Number.parseInt(v, 10);
            setYear(Number.isInteger(y) && y >= 1900 && y <= 2199 ? y : null);
          }}
          min={1900}
          max={2199}
          allowDecimal={false}
          thousandSeparator={false}
          size="md"
          w={160}
        />
        {view.isLoading && <PageLoader />}
        {view.data && (
          <>
            {view.data.decision ? (
              <Text size="md">
                <Text span fw={600}>
                  {t.reference}:
                </Text>{' '}
                {view.data.decision.reference}
              </Text>
            ) : (
              <Text size="md" c="dimmed">
                {t.statutory}
              </Text>
            )}
            <YearCalendarView calendar={view.data} />
          </>
        )}
        {view.error && <ErrorState error={view.error} />}
      </Stack>
    </Card>
  );
}
