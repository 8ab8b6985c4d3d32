/**
 * On the meeting page, near the agenda: "Quán triệt văn bản cấp trên" — the directives awaiting
 * dissemination by the cell, each with its files, and for those who run the meeting once it has
 * started "Đã quán triệt tại buổi này" (undo while the meeting is in progress).
 */
import { Anchor, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconDownload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { notifyError } from '../../app/notify.js';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { formatDate, formatPercent } from '../../lib/format.js';
import type { MeetingDetail } from '../meetings/api.js';
import { fileUrl, useMeetingDirectives, useRecordDissemination } from './api.js';
import { Tag } from './Tag.js';

export function MeetingDirectives({ m }: { m: MeetingDetail }) {
  const q = useMeetingDirectives(m.id);
  const act = useRecordDissemination(m.id);
  if (m.kind === 'committee' || !q.data) return null;
  const data = q.data;
  if (data.awaiting.length === 0 && data.disseminated.length === 0) return null;
  const label = (d: { kindLabel: string; number: string }) => `${d.kindLabel} số ${d.number}`;
  return (
    <Paper withBorder p="md" radius="md" data-testid="meeting-directives">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {T.meetingTitle}
        </Title>
        {data.canRecord && data.awaiting.length > 0 && (
          <Text size="sm" c="dimmed">
            {T.meetingHint}
          </Text>
        )}
        {data.awaiting.map((d) => (
          <Card key={d.id} withBorder padding="sm">
            <Stack gap={6}>
              <Anchor component={Link} to={`/van-ban/${d.id}`} fw={700}>
                {label(d)}
              </Anchor>
              <Text>{d.title}</Text>
              <Text size="sm" c="dimmed">
                {T.issuedBy(d.issuer, formatDate(d.issuedOn))}
              </Text>
              {d.disseminateBy && <Tag color="orange">{T.due(formatDate(d.disseminateBy))}</Tag>}
              {d.files.map((f) => (
                <Anchor key={f.id} href={fileUrl(d.id, f.id)} download size="sm">
                  <IconDownload size={16} style={{ verticalAlign: 'text-bottom' }} /> {T.download(f.fileName)}
                </Anchor>
              ))}
              {data.canRecord && (
                <Button
                  size="md"
                  maw="100%"
                  h="auto"
                  mih={44}
                  py={8}
                  styles={{ label: { whiteSpace: 'normal' } }}
                  style={{ alignSelf: 'flex-start' }}
                  leftSection={<IconCheck size={20} />}
                  loading={act.record.isPending && act.record.variables === d.id}
                  onClick={() => act.record.mutate(d.id, { onError: (e) => notifyError(e) })}
                  data-testid={`meeting-directive-${d.id}`}
                >
                  {T.meetingRecord}
                </Button>
              )}
            </Stack>
          </Card>
        ))}
        {data.disseminated.map((d) => (
          <Card key={d.id} withBorder padding="sm" bg="teal.0" data-testid={`meeting-directive-done-${d.id}`}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2} style={{ flex: '1 1 200px', minWidth: 0 }}>
                <Anchor component={Link} to={`/van-ban/${d.id}`} fw={700}>
                  {label(d)}
                </Anchor>
                <Text size="sm">
                  <IconCheck size={16} style={{ verticalAlign: 'text-bottom' }} />{' '}
                  {T.meetingDone(d.base ? formatPercent(d.present ?? 0, d.base) : '—')}
                </Text>
              </Stack>
              {data.canUndo && (
                <Button
                  variant="default"
                  onClick={() => act.undo.mutate(d.id, { onError: (e) => notifyError(e) })}
                  loading={act.undo.isPending && act.undo.variables === d.id}
                >
                  {T.meetingUndo}
                </Button>
              )}
            </Group>
          </Card>
        ))}
        {data.awaitingTotal > data.awaiting.length && (
          <Anchor component={Link} to={`/don-vi/${m.orgUnitId}/van-ban`}>
            {T.meetingMore(data.awaitingTotal - data.awaiting.length)}
          </Anchor>
        )}
        {data.awaiting.length === 0 && data.disseminated.length === 0 && (
          <Text c="dimmed">{T.meetingNone}</Text>
        )}
      </Stack>
    </Paper>
  );
}
