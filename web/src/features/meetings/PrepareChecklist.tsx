/**
 * The HD 42 checklist of a meeting, each step with what proves it ("Theo hồ sơ", or "Tự khai" when
 * ticked by hand with a note), and who the invitation cannot reach with the printed list for them.
 */
import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconFileTypeDocx, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatNumber } from '../../lib/format.js';
import { MeetingCommittee, PrepCommitteeLinks } from '../cell-committee/MeetingCommittee.js';
import type { MeetingDetail } from './api.js';
import type { SectionProps } from './MeetingPage.js';
import { whenShort } from './when.js';

const t = vi.meeting;
const P = RECORDS.prep;
const I = RECORDS.invitation;
/** A step done without a time on record: never "Xong lúc " with nothing after it. */
const DONE = 'Đã xong';

export function Checklist({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && m.status === 'planned';
  const [declaring, setDeclaring] = useState<MeetingDetail['preparation']['steps'][number] | null>(null);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t.prep.checklist}
        </Title>
        <MeetingCommittee meetingId={m.id} kind={m.kind} />
        <Stack gap="xs" data-testid="prep-steps">
          {m.preparation.steps.map((s) => (
            <Group key={s.key} gap="sm" wrap="nowrap" align="flex-start" data-testid={`prep-${s.key}`}>
              <ThemeIcon
                color={s.done ? (s.source === 'manual' ? 'yellow' : 'teal') : 'gray'}
                variant={s.done ? 'filled' : 'light'}
                radius="xl"
                size={30}
                style={{ flexShrink: 0 }}
                role="img"
                aria-label={s.done ? (s.doneAt ? t.prep.doneAt(whenShort(s.doneAt)) : DONE) : t.prep.notDone}
              >
                {s.done ? <IconCheck size={18} /> : <IconCircleDashed size={18} />}
              </ThemeIcon>
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6} wrap="wrap">
                  <Text fw={s.done ? 600 : 400}>{s.label}</Text>
                  {s.done && (
                    <Badge
                      size="sm"
                      tt="none"
                      variant="light"
                      color={s.source === 'manual' ? 'yellow' : 'teal'}
                      title={s.source === 'manual' ? P.selfDeclaredHelp : undefined}
                    >
                      {s.source === 'manual' ? P.selfDeclared : P.fromRecords}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c={s.done ? (s.source === 'manual' ? 'yellow.9' : 'teal.9') : 'dimmed'}>
                  {s.proof}
                </Text>
                {s.key === 'prep_meeting' && <PrepCommitteeLinks meetingId={m.id} />}
                {editable && !s.done && s.manual && (
                  <Button
                    size="compact-sm"
                    variant="default"
                    w="fit-content"
                    mt={4}
                    onClick={() => setDeclaring(s)}
                    data-testid={`declare-${s.key}`}
                  >
                    {P.declare}
                  </Button>
                )}
              </Stack>
            </Group>
          ))}
        </Stack>
      </Stack>
      <ReasonModal
        opened={declaring !== null}
        onClose={() => setDeclaring(null)}
        title={`${P.declareTitle}: ${declaring?.label ?? ''}`}
        help={P.declareExplain}
        label={P.declareNote}
        description={P.declareNoteHelp}
        submit={P.declare}
        busy={actions.busy === `step-${declaring?.key}`}
        testId="declare-note"
        tooShort={P.noteRequired}
        color="yellow"
        onSubmit={(note) =>
          actions.act(
            `step-${declaring?.key}`,
            () => api.post(`/api/meetings/${m.id}/prep-steps`, { step: declaring?.key, note }),
            P.declared,
          )
        }
      />
    </Paper>
  );
}

/** Who the invitation cannot reach (no account): a printed giấy mời and the sign-off list. */
export function InvitationReach({ m }: { m: MeetingDetail }) {
  const [all, setAll] = useState(false);
  const reach = m.invitation;
  if (!reach) return null;
  // Grouped by reason ("Chưa có tài khoản chibo: …"), names in the roster's Vietnamese order.
  const byReason = new Map<string, string[]>();
  for (const p of reach.notReached)
    byReason.set(p.reason ?? '', [...(byReason.get(p.reason ?? '') ?? []), p.fullName]);
  const SHOWN = 8;
  return (
    <Paper withBorder p="md" radius="md" data-testid="invitation-reach">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {I.title}
        </Title>
        <Text>{I.expected(formatNumber(reach.expected))}</Text>
        {reach.notReached.length === 0 ? (
          <Text c="teal.9">{I.allReached}</Text>
        ) : (
          <Text fw={600} c="orange.9">
            {I.notReached(formatNumber(reach.notReached.length))}
          </Text>
        )}
        <Group gap="xs">
          <Button
            component="a"
            href={`/api/meetings/${m.id}/invitations.pdf`}
            download
            variant="light"
            leftSection={<IconPrinter size={20} />}
            data-testid="print-invitations"
          >
            {I.print}
          </Button>
          <Button
            component="a"
            href={`/api/meetings/${m.id}/invitations.docx`}
            download
            variant="default"
            leftSection={<IconFileTypeDocx size={20} />}
          >
            {I.printWord}
          </Button>
        </Group>
        {reach.notReached.length > 0 && (
          <Stack gap={4} data-testid="not-reached">
            {[...byReason.entries()].map(([reason, names]) => (
              <Text key={reason} size="sm">
                <b>{reason}:</b> {(all ? names : names.slice(0, SHOWN)).join(', ')}
                {!all && names.length > SHOWN ? ` ${I.andMore(formatNumber(names.length - SHOWN))}` : ''}
              </Text>
            ))}
            {reach.notReached.length > SHOWN && (
              <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setAll((v) => !v)}>
                {all ? vi.meeting.showLess : I.showAll}
              </Button>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
