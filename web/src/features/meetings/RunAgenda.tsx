import {
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCheck, IconMessagePlus } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { speechSchema } from '../../../../src/features/meetings/schema.js';
import { api } from '../../api/client.js';
import { vi } from '../../i18n/vi.js';
import { DuesAgendaFigures } from '../dues/DuesAgendaFigures.js';
import type { MeetingDetail } from './api.js';
import { zodFieldErrors } from './bits.js';
import type { SectionProps } from './MeetingPage.js';

const r = vi.meeting.run;

export function Agenda({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && m.status === 'in_progress';
  const [speechFor, setSpeechFor] = useState<number | null | undefined>(undefined);
  const sections = ['opening', 'body', 'closing'] as const;
  const loose = m.speeches.filter((s) => s.agendaItemId === null);
  return (
    <Paper withBorder p="md" radius="md" data-testid="agenda">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {r.agenda}
          </Title>
          {editable && (
            <Button
              variant="light"
              leftSection={<IconMessagePlus size={20} />}
              onClick={() => setSpeechFor(null)}
              data-testid="add-speech"
            >
              {r.addSpeech}
            </Button>
          )}
        </Group>
        {m.agenda.length === 0 && <Text c="dimmed">{r.noAgenda}</Text>}
        {sections.map((sec) => {
          const items = m.agenda.filter((a) => a.section === sec);
          if (items.length === 0) return null;
          return (
            <Stack key={sec} gap={6}>
              <Text fw={700} c="dimmed" size="sm" tt="uppercase">
                {r.sections[sec]}
              </Text>
              {items.map((a) => (
                <AgendaItem
                  key={a.id}
                  m={m}
                  actions={actions}
                  item={a}
                  editable={editable}
                  onSpeech={() => setSpeechFor(a.id)}
                />
              ))}
            </Stack>
          );
        })}
        {loose.length > 0 && (
          <Stack gap={4}>
            <Text fw={700} c="dimmed" size="sm" tt="uppercase">
              {r.speeches}
            </Text>
            <SpeechList speeches={loose} />
          </Stack>
        )}
      </Stack>
      {editable && (
        <SpeechModal
          m={m}
          actions={actions}
          agendaItemId={speechFor ?? null}
          opened={speechFor !== undefined}
          onClose={() => setSpeechFor(undefined)}
        />
      )}
    </Paper>
  );
}

function SpeechList({ speeches }: { speeches: MeetingDetail['speeches'] }) {
  return (
    <Stack
      gap={4}
      pl="sm"
      style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}
      data-testid="speeches"
    >
      {speeches.map((s) => (
        <Text key={s.id} size="sm">
          <b>{s.speaker}:</b> {s.summary}
        </Text>
      ))}
    </Stack>
  );
}

function AgendaItem({
  m,
  actions,
  item,
  editable,
  onSpeech,
}: SectionProps & { item: MeetingDetail['agenda'][number]; editable: boolean; onSpeech: () => void }) {
  const [open, setOpen] = useState(false);
  const [conclusion, setConclusion] = useState(item.conclusion ?? '');
  useEffect(() => setConclusion(item.conclusion ?? ''), [item.conclusion]);
  const speeches = m.speeches.filter((s) => s.agendaItemId === item.id);
  const key = `agenda-${item.id}`;
  return (
    <Card withBorder padding="xs" radius="md" data-testid="agenda-item">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          {editable ? (
            <Checkbox
              size="md"
              checked={item.done}
              disabled={actions.busy === key}
              onChange={(e) => {
                const done = e.currentTarget.checked;
                void actions.act(key, () => api.patch(`/api/meetings/${m.id}/agenda/${item.id}`, { done }));
              }}
              label={<Text fw={item.done ? 400 : 600}>{item.title}</Text>}
            />
          ) : (
            <Group gap={6} wrap="nowrap" align="flex-start">
              {item.done ? <IconCheck size={20} color="var(--mantine-color-teal-7)" /> : null}
              <Text fw={600}>{item.title}</Text>
            </Group>
          )}
          {editable && (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={onSpeech}
                aria-label={`${r.addSpeech}: ${item.title}`}
              >
                <IconMessagePlus size={18} />
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => setOpen((v) => !v)}>
                {r.conclusionButton}
              </Button>
            </Group>
          )}
        </Group>
        {item.stepKey === 'dues' && (
          <DuesAgendaFigures unitId={m.orgUnitId} month={m.scheduledAt.slice(0, 7)} />
        )}
        {speeches.length > 0 && <SpeechList speeches={speeches} />}
        {item.conclusion && !open && (
          <Text size="sm" fs="italic">
            {r.conclusion}: {item.conclusion}
          </Text>
        )}
        {editable && open && (
          <Stack gap={4}>
            <Textarea
              label={r.conclusion}
              value={conclusion}
              onChange={(e) => setConclusion(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Button
              size="sm"
              w="fit-content"
              loading={actions.busy === `${key}-c`}
              onClick={async () => {
                const ok = await actions.act(
                  `${key}-c`,
                  () =>
                    api.patch(`/api/meetings/${m.id}/agenda/${item.id}`, { conclusion: conclusion || null }),
                  r.conclusionSaved,
                );
                if (ok) setOpen(false);
              }}
            >
              {r.saveConclusion}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function SpeechModal({
  m,
  actions,
  agendaItemId,
  opened,
  onClose,
}: SectionProps & { agendaItemId: number | null; opened: boolean; onClose: () => void }) {
  const [item, setItem] = useState<string | null>(null);
  const [speaker, setSpeaker] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (opened) {
      setItem(agendaItemId ? String(agendaItemId) : null);
      setSpeaker(null);
      setSummary('');
      setErrors({});
    }
  }, [opened, agendaItemId]);
  const present = m.attendance.members.filter(
    (x) => x.status === 'present' || x.status === 'late' || x.status === 'left_early',
  );
  const speakers = [
    {
      group: r.speakerGroups.members,
      items: present.map((x) => ({ value: `m${x.memberId}`, label: x.fullName })),
    },
    { group: r.speakerGroups.guests, items: m.guests.map((g) => ({ value: `g${g.id}`, label: g.name })) },
  ].filter((g) => g.items.length > 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!speaker) {
      setErrors({ speaker: r.pickSpeaker });
      return;
    }
    const id = Number(speaker.slice(1));
    const parsed = speechSchema.safeParse({
      agendaItemId: item ? Number(item) : null,
      memberId: speaker.startsWith('m') ? id : null,
      guestId: speaker.startsWith('g') ? id : null,
      summary,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    const ok = await actions.act(
      'speech',
      () => api.post(`/api/meetings/${m.id}/speeches`, parsed.data),
      r.speechAdded,
    );
    if (ok) onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={r.addSpeech} size="lg">
      <form onSubmit={submit} noValidate data-testid="speech-form">
        <Stack gap="sm">
          <Select
            label={r.speaker}
            placeholder={r.speakerPlaceholder}
            data={speakers}
            value={speaker}
            onChange={setSpeaker}
            searchable
            error={errors.speaker}
            nothingFoundMessage={vi.validation.noMemberFound}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={r.agendaItem}
            placeholder={r.agendaItemNone}
            data={m.agenda.map((a) => ({ value: String(a.id), label: a.title }))}
            value={item}
            onChange={setItem}
            clearable
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label={r.summary}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={errors.summary ?? errors._}
            autosize
            minRows={3}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={actions.busy === 'speech'}>
              {r.addSpeech}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
