/**
 * `/bao-cao/:id` — one periodic review: the HD 36 form fields and the narrative sections of a
 * draft with a clear save (the server keeps each save as a version and refuses a save over a newer
 * one), a preview of the statistics sentences and tables, the downloads (Word, PDF, Excel), the
 * issue with a confirmation, and the versions. An issued review shows read-only.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconChartBar, IconDeviceFloppy, IconDownload, IconLock, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { DatePickerField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_REVIEWS as T } from '../../i18n/vi-reviews.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import {
  monthLabel,
  type Review,
  type ReviewPreview,
  SECTION_ORDER,
  type SectionKey,
  type UpdateReviewBody,
  useIssueReview,
  useReview,
  useReviewPreview,
  useReviewVersions,
  useSaveReview,
} from './api.js';

type Draft = {
  number: string;
  place: string;
  date: string;
  onBehalfOf: string;
  signerTitle: string;
  signerName: string;
  recipients: string;
  sections: Record<SectionKey, string>;
};

function draftOf(r: Review): Draft {
  const m = r.meta;
  return {
    number: m.number ?? '',
    place: m.place ?? '',
    date: m.date ?? '',
    onBehalfOf: m.onBehalfOf ?? '',
    signerTitle: m.signerTitle ?? '',
    signerName: m.signerName ?? '',
    recipients: (m.recipients ?? []).join('\n'),
    sections: Object.fromEntries(SECTION_ORDER.map((k) => [k, r.sections[k] ?? ''])) as Record<
      SectionKey,
      string
    >,
  };
}

function bodyOf(d: Draft, revision: number): UpdateReviewBody {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    revision,
    number: orNull(d.number),
    place: orNull(d.place),
    date: orNull(d.date),
    onBehalfOf: orNull(d.onBehalfOf),
    signerTitle: orNull(d.signerTitle),
    signerName: orNull(d.signerName),
    recipients: d.recipients
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    sections: d.sections,
  };
}

function PreviewTable({ table }: { table: ReviewPreview['tables']['units'] }) {
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table withTableBorder withColumnBorders striped fz="xs" miw={960}>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((c) => (
              <Table.Th key={c.title} ta="center">
                {c.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.join('|')}>
              {row.map((v, i) => (
                <Table.Td
                  key={table.columns[i]?.title ?? v}
                  style={{ whiteSpace: 'pre-line' }}
                  ta={i === 1 ? 'left' : 'center'}
                >
                  {v.replace(/\u200b/g, '')}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function Statistics({ id }: { id: number }) {
  const [on, setOn] = useState(false);
  const q = useReviewPreview(id, on);
  return (
    <Card withBorder padding="lg" data-testid="review-statistics">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3}>{T.statistics}</Title>
          {!on && (
            <Button variant="light" leftSection={<IconChartBar size={20} />} onClick={() => setOn(true)}>
              {T.loadStatistics}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {q.data?.frozen ? T.statisticsFrozen : T.statisticsHelp}
        </Text>
        {q.isFetching && <PageLoader />}
        {q.error && <ErrorState error={q.error} />}
        {q.data && (
          <>
            <Stack gap={6} component="ul" style={{ paddingLeft: 18, margin: 0 }}>
              {q.data.sentences.map((s) => (
                <Text component="li" key={s} size="sm">
                  {s}
                </Text>
              ))}
            </Stack>
            <Title order={4}>{T.byYear}</Title>
            <PreviewTable table={q.data.tables.years} />
            <Title order={4}>{T.byUnit}</Title>
            <PreviewTable table={q.data.tables.units} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function Versions({ id }: { id: number }) {
  const q = useReviewVersions(id);
  if (!q.data) return null;
  return (
    <Card withBorder padding="lg" data-testid="review-versions">
      <Stack gap={6}>
        <Title order={3}>{T.versions}</Title>
        {q.data.items.map((v) => (
          <Group key={v.version} gap="xs" wrap="wrap">
            <Badge color={v.kind === 'issued' ? 'green' : 'gray'} tt="none" variant="light">
              {T.versionKind[v.kind]}
            </Badge>
            <Text size="sm">{T.versionLine(v.version, formatDateTime(v.createdAt), v.author ?? '—')}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {T.hash} {v.contentHash.slice(0, 12)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function ReviewPage() {
  const id = Number(useParams().id);
  const q = useReview(id);
  const save = useSaveReview(id);
  const issue = useIssueReview(id);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);

  // The editor starts from the server's copy and takes each new revision while nothing is typed.
  const [synced, setSynced] = useState<string | null>(null);
  const serverKey = q.data ? `${q.data.revision}/${q.data.status}` : null;
  if (q.data && serverKey !== synced && !dirty) {
    setSynced(serverKey);
    setDraft(draftOf(q.data));
  }

  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorState error={q.error} />;
  const r = q.data;
  const editable = r.canEdit && draft;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
  };
  const onSave = () =>
    draft &&
    save.mutate(bodyOf(draft, r.revision), {
      onSuccess: () => {
        setDirty(false);
        setSavedAt(formatDateTime(new Date().toISOString()));
      },
    });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};

  return (
    <Stack gap="lg" maw={1100} data-testid="review-page">
      <Anchor component={Link} to={`/don-vi/${r.unitId}/bao-cao`} size="sm">
        ← {T.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Badge color={r.status === 'issued' ? 'green' : 'gray'} tt="none" size="lg">
            {T.status[r.status]}
          </Badge>
          <Text c="dimmed">
            {r.unitName} · {T.period(monthLabel(r.from), monthLabel(r.to))}
          </Text>
        </Group>
        <Title order={1}>{r.title}</Title>
        {r.subject && <Text>{r.subject}</Text>}
      </Stack>

      {r.status === 'issued' && (
        <Alert color="green" icon={<IconLock size={20} />} data-testid="review-locked">
          {T.issued(formatDate(r.meta.date ?? r.issuedAt?.slice(0, 10)))}. {T.lockedNote}
        </Alert>
      )}

      {editable && draft && (
        <>
          <Card withBorder padding="lg">
            <Stack gap="sm">
              <Title order={3}>{T.form}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={T.number}
                  placeholder={T.numberPlaceholder}
                  value={draft.number}
                  error={errors.number}
                  onChange={(e) => set({ number: e.currentTarget.value })}
                />
                <TextInput
                  label={T.place}
                  value={draft.place}
                  error={errors.place}
                  onChange={(e) => set({ place: e.currentTarget.value })}
                />
                <DatePickerField
                  label={T.date}
                  description={T.datePlaceholder}
                  value={draft.date || null}
                  error={errors.date}
                  clearable
                  onChange={(v) => set({ date: v ?? '' })}
                />
                <TextInput
                  label={T.onBehalfOf}
                  value={draft.onBehalfOf}
                  onChange={(e) => set({ onBehalfOf: e.currentTarget.value })}
                />
                <TextInput
                  label={T.signerTitle}
                  value={draft.signerTitle}
                  onChange={(e) => set({ signerTitle: e.currentTarget.value })}
                />
                <TextInput
                  label={T.signerName}
                  value={draft.signerName}
                  onChange={(e) => set({ signerName: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Textarea
                label={T.recipients}
                autosize
                minRows={3}
                value={draft.recipients}
                onChange={(e) => set({ recipients: e.currentTarget.value })}
              />
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Stack gap="md">
              <Title order={3}>{T.sectionsTitle}</Title>
              <Text size="sm" c="dimmed">
                {T.sectionHelp}
              </Text>
              {SECTION_ORDER.map((k) => (
                <Textarea
                  key={k}
                  label={T.sections[k]}
                  name={`section-${k}`}
                  data-testid={`section-${k}`}
                  autosize
                  minRows={3}
                  maxRows={16}
                  value={draft.sections[k]}
                  error={errors[`sections.${k}`]}
                  onChange={(e) => set({ sections: { ...draft.sections, [k]: e.currentTarget.value } })}
                />
              ))}
            </Stack>
          </Card>
          <Card withBorder padding="sm" pos="sticky" bottom={8} style={{ zIndex: 5 }} shadow="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm" c={dirty ? 'orange' : 'dimmed'} data-testid="review-save-state">
                {dirty ? T.unsaved : savedAt ? T.savedAt(savedAt) : T.saved}
              </Text>
              <Button
                leftSection={<IconDeviceFloppy size={20} />}
                onClick={onSave}
                loading={save.isPending}
                disabled={!dirty}
                data-testid="review-save"
              >
                {T.save}
              </Button>
            </Group>
            {save.error && !Object.keys(errors).length && (
              <Alert color="red" mt="xs">
                {save.error.message}
              </Alert>
            )}
          </Card>
        </>
      )}

      <Statistics id={id} />

      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={3}>{T.downloads}</Title>
          {dirty && <Alert color="orange">{T.unsavedLeave}</Alert>}
          <Group gap="xs" wrap="wrap">
            {(['docx', 'pdf', 'xlsx'] as const).map((f) => (
              <Button
                key={f}
                component="a"
                href={`/api/reviews/${id}/report.${f}`}
                download
                variant="light"
                leftSection={<IconDownload size={20} />}
                data-testid={`review-download-${f}`}
              >
                {T[f]}
              </Button>
            ))}
          </Group>
          {r.canEdit && (
            <Group>
              <Button
                color="green"
                leftSection={<IconSend size={20} />}
                onClick={() => setConfirm(true)}
                disabled={dirty}
                data-testid="review-issue"
              >
                {T.issue}
              </Button>
            </Group>
          )}
          {issue.error && <Alert color="red">{issue.error.message}</Alert>}
        </Stack>
      </Card>

      <Versions id={id} />

      <Modal opened={confirm} onClose={() => setConfirm(false)} title={T.issueTitle} centered>
        <Stack>
          <Text>{T.issueText}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {T.cancel}
            </Button>
            <Button
              color="green"
              loading={issue.isPending}
              onClick={() => issue.mutate(undefined, { onSettled: () => setConfirm(false) })}
              data-testid="review-issue-confirm"
            >
              {T.issueConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
