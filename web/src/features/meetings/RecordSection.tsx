import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCheck,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconInfoCircle,
  IconLock,
  IconPencil,
  IconSignature,
} from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { type RecordText, useRecordVersions } from './api.js';
import type { SectionProps } from './MeetingPage.js';
import { RolesCard } from './PrepareSection.js';
import { whenShort } from './when.js';

const t = vi.meeting.record;
const R = RECORDS.record;
const FIELDS = ['opening', 'situation', 'directions', 'conclusion', 'other'] as const;

export function RecordSection({ m, actions }: SectionProps) {
  const me = useMe().data!;
  // The minutes are written while the meeting sits, read back and adopted at its close.
  const open = m.status === 'held' || m.status === 'in_progress';
  const versions = useRecordVersions(m.id, open);
  if (!open) {
    return (
      <Alert color="gray" icon={<IconInfoCircle />} data-testid="record-section">
        {R.notYet}
      </Alert>
    );
  }
  const last = m.record.at(-1);
  const draft = last?.status === 'draft' || !last ? last : undefined;
  const adopted = [...m.record].reverse().find((v) => v.status === 'adopted');
  const isDraft = !last || last.status === 'draft';
  const myId = me.member?.id ?? null;
  const asChair = myId !== null && m.chair?.id === myId;
  const asSecretary = myId !== null && m.secretary?.id === myId;
  const needSign =
    isDraft && ((asChair && !draft?.chairSignedAt) || (asSecretary && !draft?.secretarySignedAt));
  const text = versions.data?.items.at(-1)?.text ?? {};
  const correctionNote = versions.data?.items.at(-1)?.correctionNote;

  return (
    <Stack gap="md" data-testid="record-section">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap">
            <Title order={2} size="h3">
              {vi.meeting.tabs.record}
            </Title>
            {isDraft ? (
              <Badge
                color="yellow"
                size="xl"
                tt="none"
                leftSection={<IconPencil size={16} />}
                data-testid="record-status"
              >
                {t.draft}
              </Badge>
            ) : (
              <Badge
                color="teal"
                size="xl"
                tt="none"
                leftSection={<IconLock size={16} />}
                data-testid="record-status"
              >
                {t.adopted}
              </Badge>
            )}
            {last && (
              <Badge variant="default" size="lg" tt="none" data-testid="record-version">
                {t.version(formatNumber(last.version))}
              </Badge>
            )}
          </Group>
          {adopted && (
            <Stack gap={2} data-testid="record-adopted">
              <Text>
                <IconCheck size={16} style={{ verticalAlign: 'middle' }} />{' '}
                {t.version(formatNumber(adopted.version))} · {t.adoptedAt(whenShort(adopted.adoptedAt))} ·{' '}
                {t.locked}
              </Text>
              {adopted.contentHash && (
                <Text size="sm">
                  {t.hash}: <Code data-testid="record-hash">{adopted.contentHash.slice(0, 12)}</Code>
                </Text>
              )}
            </Stack>
          )}
          <Text data-testid="record-summary">
            {t.summary(
              `${m.attendance.summary.present}/${m.attendance.summary.base}`,
              formatPercent(m.attendance.summary.present, m.attendance.summary.base),
              formatNumber(m.speeches.length),
              formatNumber(m.votes.length),
              formatNumber(m.tasks.length),
            )}
          </Text>
          {isDraft && correctionNote && <Text c="orange.9">{t.correctionNote(correctionNote)}</Text>}
          <Downloads meetingId={m.id} draft={!adopted} />
        </Stack>
      </Paper>

      {isDraft && (
        <>
          {(!m.chair || !m.secretary) && (
            <>
              <Alert color="yellow" icon={<IconAlertTriangle />}>
                {t.needPeople}
              </Alert>
              <RolesCard m={m} actions={actions} only={['chair', 'secretary']} />
            </>
          )}
          <Paper withBorder p="md" radius="md" data-testid="record-signatures">
            <Stack gap="sm">
              <Title order={3} size="h4">
                {t.signatures}
              </Title>
              {m.status === 'in_progress' && <Text size="sm">{R.duringMeeting}</Text>}
              <Signer
                role={vi.meeting.prep.chair}
                signer={m.signing?.chair ?? null}
                signed={t.chairSigned}
                notSigned={t.chairNotSigned}
              />
              <Signer
                role={vi.meeting.prep.secretary}
                signer={m.signing?.secretary ?? null}
                signed={t.secretarySigned}
                notSigned={t.secretaryNotSigned}
              />
              <Text size="sm" c="dimmed">
                {t.signHelp}
              </Text>
              {m.signing && !m.signing.ready && (
                <Alert color="yellow" icon={<IconAlertTriangle />} p="xs" data-testid="record-missing">
                  <Text size="sm" fw={600}>
                    {R.missing}
                  </Text>
                  {m.signing.missing.map((x) => (
                    <Text size="sm" key={x}>
                      • {x}
                    </Text>
                  ))}
                </Alert>
              )}
              <Group gap="xs">
                {needSign && (
                  <Button
                    leftSection={<IconSignature size={20} />}
                    loading={actions.busy === 'sign'}
                    onClick={() =>
                      actions.act('sign', () => api.post(`/api/meetings/${m.id}/record/sign`), t.signed)
                    }
                    data-testid="sign-record"
                  >
                    {t.signAs(asChair ? vi.meeting.prep.chair : vi.meeting.prep.secretary)}
                  </Button>
                )}
                {m.permissions.canManage && <AdoptButton m={m} actions={actions} />}
              </Group>
            </Stack>
          </Paper>
          {m.permissions.canRun &&
            (versions.isLoading ? (
              <PageLoader />
            ) : (
              <TextForm m={m} actions={actions} text={text} version={last?.version ?? 0} />
            ))}
        </>
      )}
      {!isDraft && m.permissions.canManage && <CorrectionButton m={m} actions={actions} />}
    </Stack>
  );
}

function Downloads({ meetingId, draft }: { meetingId: number; draft: boolean }) {
  const files = [
    { file: 'minutes.docx', label: t.minutesWord, icon: <IconFileTypeDocx size={20} /> },
    { file: 'minutes.pdf', label: t.minutesPdf, icon: <IconFileTypePdf size={20} /> },
    { file: 'resolution.docx', label: t.resolutionWord, icon: <IconFileTypeDocx size={20} /> },
    { file: 'resolution.pdf', label: t.resolutionPdf, icon: <IconFileTypePdf size={20} /> },
  ];
  return (
    <Stack gap={6}>
      <Text fw={600}>{draft ? t.draftDownloads : t.downloads}</Text>
      {/* Columns of at least 12rem, not em breakpoints: at 200 % text the labels stay whole. */}
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 12rem), 1fr))',
          gap: 'var(--mantine-spacing-xs)',
        }}
      >
        {files.map((f) => (
          <Button
            key={f.file}
            component="a"
            href={`/api/meetings/${meetingId}/${f.file}`}
            download
            variant={draft ? 'default' : 'light'}
            leftSection={f.icon}
            data-testid={`download-${f.file}`}
          >
            {f.label}
          </Button>
        ))}
      </Box>
    </Stack>
  );
}

/** A signer's line: signed in chibo (with the time), not yet, or signing on the printed copy. */
function Signer(p: {
  role: string;
  signer: NonNullable<SectionProps['m']['signing']>['chair'];
  signed: (at: string) => string;
  notSigned: string;
}) {
  const who = p.signer;
  return (
    <Stack gap={0}>
      <Text>
        {p.role}: <b>{who?.fullName ?? vi.app.none}</b>
        {who &&
          ` — ${who.signedAt ? p.signed(whenShort(who.signedAt)) : who.onPaper ? R.signedOnPaper : p.notSigned}`}
      </Text>
      {who?.onPaper && (
        <Text size="sm" c="dimmed">
          {R.onPaper(who.fullName)}
        </Text>
      )}
    </Stack>
  );
}

function AdoptButton({ m, actions }: SectionProps) {
  const [opened, modal] = useDisclosure(false);
  const [late, setLate] = useState(false);
  const sitting = m.status === 'in_progress';
  const ready = m.signing?.ready ?? false;
  return (
    <>
      <Button
        color="teal"
        leftSection={<IconLock size={20} />}
        onClick={modal.open}
        disabled={!ready}
        data-testid="adopt-record"
      >
        {sitting ? R.adoptAndEnd : t.adopt}
      </Button>
      {late && (
        <Alert color="orange" icon={<IconAlertTriangle />} data-testid="record-late">
          {R.late}
        </Alert>
      )}
      <Modal opened={opened} onClose={modal.close} title={t.adoptTitle}>
        <Stack>
          <Alert color="yellow" icon={<IconLock />}>
            {sitting ? R.adoptAndEndExplain : t.adoptExplain}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              {vi.app.cancel}
            </Button>
            <Button
              color="teal"
              loading={actions.busy === 'adopt'}
              data-testid="confirm-adopt"
              onClick={async () => {
                const ok = await actions.act(
                  'adopt',
                  () => api.post(`/api/meetings/${m.id}/record/adopt`),
                  t.adoptedDone,
                  {
                    onError: (e) => {
                      if (e instanceof ApiError && e.code === 'RECORD_ADOPTION_LATE') {
                        setLate(true);
                        modal.close();
                        return true;
                      }
                      return false;
                    },
                  },
                );
                if (ok) modal.close();
              }}
            >
              {sitting ? R.adoptAndEnd : t.adopt}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function CorrectionButton({ m, actions }: SectionProps) {
  const [opened, modal] = useDisclosure(false);
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim().length < 3) return;
    const ok = await actions.act(
      'correction',
      () => api.post(`/api/meetings/${m.id}/record/corrections`, { note: note.trim() }),
      t.correctionDone,
    );
    if (ok) {
      setNote('');
      modal.close();
    }
  };
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={20} />} onClick={modal.open} w="fit-content">
        {t.correction}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t.correctionTitle}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text>{t.correctionExplain}</Text>
            <Textarea
              label={t.correctionReason}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={modal.close}>
                {vi.app.cancel}
              </Button>
              <Button type="submit" disabled={note.trim().length < 3} loading={actions.busy === 'correction'}>
                {t.correction}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function TextForm({ m, actions, text, version }: SectionProps & { text: RecordText; version: number }) {
  const [values, setValues] = useState<RecordText>(text);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another version is loaded
  useEffect(() => setValues(text), [version, JSON.stringify(text)]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body: RecordText = {};
    for (const f of FIELDS) body[f] = values[f] ?? '';
    await actions.act('record-text', () => api.put(`/api/meetings/${m.id}/record`, body), t.textSaved);
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={save} noValidate data-testid="record-text">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t.text}
          </Title>
          <Text size="sm">{t.textHelp}</Text>
          {FIELDS.map((f) => (
            <Textarea
              key={f}
              label={t.fields[f]}
              value={values[f] ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((x) => ({ ...x, [f]: v }));
              }}
              autosize
              minRows={2}
              maxRows={12}
            />
          ))}
          <Button type="submit" loading={actions.busy === 'record-text'} w="fit-content">
            {t.saveText}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
