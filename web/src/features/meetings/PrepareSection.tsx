import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarX,
  IconCheck,
  IconClockEdit,
  IconDownload,
  IconInfoCircle,
  IconMail,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { api, uploadFile } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { TimeField } from '../../components/TimeField.js';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatNumber } from '../../lib/format.js';
import { MeetingPlanItems } from '../activity-plans/MeetingPlanItems.js';
import type { MeetingDetail } from './api.js';
import type { SectionProps } from './MeetingPage.js';
import { Checklist, InvitationReach } from './PrepareChecklist.js';
import { clock, localDay, toApiDateTime, whenShort } from './when.js';

const t = vi.meeting;
const _P = RECORDS.prep;
const I = RECORDS.invitation;

export function PrepareSection({ m, actions }: SectionProps) {
  const open = m.status === 'planned' || m.status === 'in_progress';
  const canRun = m.permissions.canRun;
  return (
    <Stack gap="md" data-testid="prepare-section">
      {m.status === 'held' && (
        <Alert color="gray" icon={<IconInfoCircle />}>
          {t.prep.readOnly}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Checklist m={m} actions={actions} />
        <Stack gap="md">
          <RolesCard m={m} actions={actions} />
          {canRun && m.status === 'planned' && <PlanActions m={m} actions={actions} />}
          {canRun && m.status === 'planned' && <InvitationReach m={m} />}
        </Stack>
      </SimpleGrid>
      {m.status === 'planned' && <MeetingPlanItems m={m} />}
      <Documents m={m} actions={actions} />
      <Texts m={m} actions={actions} editable={canRun && open} />
    </Stack>
  );
}

/** Members who can hold a role in this meeting: the cell's own and those attending temporarily. */
export function memberOptions(m: MeetingDetail) {
  return m.attendance.members
    .filter((r) => !r.away)
    .map((r) => ({ value: String(r.memberId), label: r.fullName }));
}

/** Preparer, chair and secretary pickers (saved as soon as one is picked). */
export function RolesCard({
  m,
  actions,
  only,
}: SectionProps & { only?: ('preparer' | 'chair' | 'secretary')[] }) {
  const editable = m.permissions.canRun && m.status !== 'cancelled';
  const options = memberOptions(m);
  const fields = [
    { key: 'preparer', api: 'preparerMemberId', label: t.prep.preparer, value: m.preparer },
    { key: 'chair', api: 'chairMemberId', label: t.prep.chair, value: m.chair },
    { key: 'secretary', api: 'secretaryMemberId', label: t.prep.secretary, value: m.secretary },
  ] as const;
  const shown = fields.filter((f) => !only || only.includes(f.key));
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t.prep.people}
        </Title>
        {shown.map((f) =>
          editable ? (
            <Select
              key={f.key}
              label={f.label}
              placeholder={t.prep.pickMember}
              data={options}
              value={f.value ? String(f.value.id) : null}
              searchable
              nothingFoundMessage={vi.validation.noMemberFound}
              onChange={(v) =>
                v &&
                actions.act(
                  `role-${f.key}`,
                  () => api.patch(`/api/meetings/${m.id}`, { [f.api]: Number(v) }),
                  t.prep.peopleSaved,
                )
              }
              disabled={actions.busy === `role-${f.key}`}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid={`pick-${f.key}`}
            />
          ) : (
            <Text key={f.key}>
              <b>{f.label}:</b> {f.value?.fullName ?? vi.app.none}
            </Text>
          ),
        )}
      </Stack>
    </Paper>
  );
}

function PlanActions({ m, actions }: SectionProps) {
  const [moveOpened, move] = useDisclosure(false);
  const [cancelOpened, cancel] = useDisclosure(false);
  const invite = async () => {
    const res = await actions.act('invite', () =>
      api.post<{ members: number; supervisors: number; notReached: unknown[]; meeting: MeetingDetail }>(
        `/api/meetings/${m.id}/invitations`,
      ),
    );
    if (res) {
      notifySuccess(
        I.sent(formatNumber(res.members), formatNumber(res.supervisors), formatNumber(res.notReached.length)),
      );
    }
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text size="sm">{t.prep.inviteExplain}</Text>
        <Button
          leftSection={<IconMail size={20} />}
          onClick={invite}
          loading={actions.busy === 'invite'}
          w="fit-content"
        >
          {t.prep.invite}
        </Button>
        {m.permissions.canManage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconClockEdit size={20} />} onClick={move.open}>
              {t.prep.move}
            </Button>
            <Button
              variant="default"
              color="red"
              leftSection={<IconCalendarX size={20} />}
              onClick={cancel.open}
            >
              {t.prep.cancel}
            </Button>
          </Group>
        )}
      </Stack>
      <MoveModal m={m} actions={actions} opened={moveOpened} onClose={move.close} />
      <ReasonModal
        opened={cancelOpened}
        onClose={cancel.close}
        title={t.prep.cancel}
        help={t.prep.cancelExplain}
        label={t.prep.cancelReason}
        submit={t.prep.cancel}
        color="red"
        busy={actions.busy === 'cancel'}
        testId="cancel-reason"
        tooShort={t.prep.reasonRequired}
        onSubmit={(reason) =>
          actions.act(
            'cancel',
            () => api.post(`/api/meetings/${m.id}/cancel`, { reason }),
            t.prep.cancelledDone,
          )
        }
      />
    </Paper>
  );
}

function MoveModal({ m, actions, opened, onClose }: SectionProps & { opened: boolean; onClose: () => void }) {
  const [date, setDate] = useState<string | null>(localDay(m.scheduledAt));
  const [time, setTime] = useState(clock(m.scheduledAt));
  const [place, setPlace] = useState(m.place ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t.prep.reasonRequired);
      return;
    }
    if (!date) return;
    const ok = await actions.act(
      'move',
      () =>
        api.patch(`/api/meetings/${m.id}`, {
          scheduledAt: toApiDateTime(date, time),
          place: place.trim() || null,
          reason: reason.trim(),
        }),
      t.prep.movedDone,
    );
    if (ok) onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t.prep.moveTitle}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <DatePickerField label={t.date} value={date} onChange={setDate} required />
            <TimeField label={t.time} value={time} onChange={setTime} required />
          </SimpleGrid>
          <TextInput label={t.place} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          <Textarea
            label={t.prep.moveReason}
            description={t.prep.moveReasonHelp}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            required
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={actions.busy === 'move'}>
              {t.prep.move}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

export function Documents({ m, actions }: SectionProps) {
  const canPost = m.permissions.canRun && m.status !== 'cancelled';
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState<string>(m.status === 'held' ? 'final' : 'material');
  const [progress, setProgress] = useState<number | null>(null);
  const [removing, setRemoving] = useState<MeetingDetail['documents'][number] | null>(null);

  useEffect(() => {
    setPurpose(m.status === 'held' ? 'final' : 'material');
  }, [m.status]);

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setProgress(0);
    const fields: Record<string, string> = { purpose };
    if (title.trim()) fields.title = title.trim();
    const ok = await actions.act(
      'upload',
      () => uploadFile(`/api/meetings/${m.id}/documents`, file, setProgress, fields),
      t.prep.uploaded,
    );
    setProgress(null);
    if (ok) {
      setFile(null);
      setTitle('');
    }
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {t.prep.documents}
          </Title>
          {m.preparation.documentsOnTime && (
            <Text c="teal.9" fw={600} size="sm">
              <IconCheck size={16} style={{ verticalAlign: 'middle' }} /> {t.prep.onTime}
            </Text>
          )}
        </Group>
        {m.documents.length === 0 && <Text c="dimmed">{t.prep.noDocuments}</Text>}
        <Stack gap="xs" data-testid="documents">
          {m.documents.map((d) => (
            <Card key={d.id} withBorder padding="xs" radius="md">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor
                    href={`/api/meetings/${m.id}/documents/${d.id}`}
                    download
                    fw={600}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <IconDownload size={16} style={{ verticalAlign: 'middle' }} /> {d.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t.prep.purposes[d.purpose] ?? d.purpose} · {sizeLabel(d.sizeBytes)}
                    {d.postedAt ? ` · ${t.prep.postedAt(whenShort(d.postedAt))}` : ''}
                  </Text>
                </Stack>
                {m.permissions.canRun && m.status !== 'held' && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`${t.prep.remove}: ${d.title}`}
                    onClick={() => setRemoving(d)}
                  >
                    <IconTrash size={20} />
                  </ActionIcon>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
        {canPost && (
          <form onSubmit={upload} noValidate data-testid="document-upload">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t.prep.documentsHelp}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <FileInput
                  label={t.prep.file}
                  placeholder={t.prep.pickFile}
                  value={file}
                  onChange={setFile}
                  accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg"
                  clearable
                  size="md"
                  leftSection={<IconUpload size={18} />}
                />
                <TextInput
                  label={t.prep.documentTitle}
                  description={t.prep.documentTitleHelp}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                />
                <Select
                  label={t.prep.purpose}
                  data={Object.entries(t.prep.purposes).map(([value, label]) => ({ value, label }))}
                  value={purpose}
                  onChange={(v) => v && setPurpose(v)}
                  allowDeselect={false}
                />
              </SimpleGrid>
              {progress !== null && (
                <Stack gap={2}>
                  <Text size="sm">{t.prep.uploading}</Text>
                  <Progress value={progress * 100} size="lg" striped animated aria-label={t.prep.uploading} />
                </Stack>
              )}
              <Button type="submit" disabled={!file} loading={actions.busy === 'upload'} w="fit-content">
                {t.prep.upload}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t.prep.remove}>
        <Stack>
          <Text>{removing ? t.prep.removeConfirm(removing.title) : ''}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {vi.app.cancel}
            </Button>
            <Button
              color="red"
              loading={actions.busy === 'remove'}
              onClick={async () => {
                if (!removing) return;
                await actions.act(
                  'remove',
                  () => api.del(`/api/meetings/${m.id}/documents/${removing.id}`),
                  t.prep.removed,
                );
                setRemoving(null);
              }}
            >
              {t.prep.remove}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Texts({ m, actions, editable }: SectionProps & { editable: boolean }) {
  const [content, setContent] = useState(m.content ?? '');
  const [draft, setDraft] = useState(m.draftResolution ?? '');
  useEffect(() => setContent(m.content ?? ''), [m.content]);
  useEffect(() => setDraft(m.draftResolution ?? ''), [m.draftResolution]);
  if (!editable) {
    return (
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t.prep.content}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{m.content || vi.app.none}</Text>
          <Title order={2} size="h3">
            {t.prep.draftResolution}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{m.draftResolution || vi.app.none}</Text>
        </Stack>
      </Paper>
    );
  }
  const save = (e: FormEvent) => {
    e.preventDefault();
    void actions
      .act(
        'texts',
        () =>
          api.patch(`/api/meetings/${m.id}`, { content: content || null, draftResolution: draft || null }),
        t.prep.textsSaved,
      )
      .catch(notifyError);
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={save} noValidate>
        <Stack gap="sm">
          <Textarea
            label={t.prep.content}
            placeholder={t.prep.contentPlaceholder}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={16}
          />
          <Textarea
            label={t.prep.draftResolution}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={16}
          />
          <Button type="submit" loading={actions.busy === 'texts'} w="fit-content">
            {t.prep.saveTexts}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
