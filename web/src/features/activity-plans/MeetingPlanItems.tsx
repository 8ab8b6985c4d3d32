/**
 * On the meeting page: the month's items of the cell's yearly programme (approved or awaiting
 * approval), each with its status from the records, whether it is on this meeting's agenda, and
 * — for those who run the meeting once it has started — "Đã triển khai tại buổi này".
 */
import { Anchor, Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { notifyError } from '../../app/notify.js';
import { VI_ACTIVITY_PLANS as T } from '../../i18n/vi-activity-plans.js';
import type { MeetingDetail } from '../meetings/api.js';
import { useCoverItem, useMeetingPlanItems } from './api.js';
import { StatusBadge } from './PlanQuarter.js';

export function MeetingPlanItems({ m }: { m: MeetingDetail }) {
  const q = useMeetingPlanItems(m.id);
  const cover = useCoverItem(m.id);
  if (m.kind === 'committee' || !q.data) return null;
  const data = q.data;
  const canMark = m.permissions.canRun && (m.status === 'in_progress' || m.status === 'held');
  if (!data.plan && !m.permissions.canRun) return null;
  const mark = (itemId: number, covered: boolean) =>
    cover.mutate({ itemId, covered }, { onError: (e) => notifyError(e) });
  return (
    <Paper withBorder p="md" radius="md" data-testid="meeting-plan-items">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3">
            {T.meetingTitle(data.month)}
          </Title>
          {data.plan && (
            <Anchor component={Link} to={`/don-vi/${m.orgUnitId}/chuong-trinh/${data.plan.year}`}>
              {T.seeProgramme}
            </Anchor>
          )}
        </Group>
        {data.plan?.status === 'submitted' && <Text c="blue.9">{T.meetingWaiting}</Text>}
        {data.items.length === 0 && <Text c="dimmed">{T.meetingNone}</Text>}
        {data.items.map((i) => (
          <Card key={i.id} withBorder padding="sm" data-testid={`meeting-plan-item-${i.id}`}>
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={0} style={{ flex: '1 1 200px', minWidth: 0 }}>
                  <Text fw={600}>{i.title}</Text>
                  <Text size="sm" c="dimmed">
                    {i.kindLabel}
                    {i.responsible ? ` · ${T.responsible}: ${i.responsible}` : ''}
                  </Text>
                </Stack>
                <StatusBadge status={i.status} label={i.statusLabel} />
              </Group>
              <Group gap="xs" wrap="wrap">
                {i.agendaItemId && (
                  <Badge variant="outline" color="gray" c="gray.8" tt="none">
                    {T.onAgenda}
                  </Badge>
                )}
                {i.coveredHere && (
                  <Badge
                    variant="light"
                    color="green"
                    c="green.9"
                    tt="none"
                    leftSection={<IconCheck size={14} />}
                  >
                    {T.covered}
                  </Badge>
                )}
                {canMark && !i.coveredHere && (
                  <Button
                    size="md"
                    variant="outline"
                    color="teal.9"
                    leftSection={<IconCheck size={18} />}
                    loading={cover.isPending && cover.variables?.itemId === i.id}
                    onClick={() => mark(i.id, true)}
                    data-testid={`meeting-plan-cover-${i.id}`}
                  >
                    {T.cover}
                  </Button>
                )}
                {canMark && i.coveredMeetingId === m.id && (
                  <Button size="md" variant="subtle" color="gray.8" onClick={() => mark(i.id, false)}>
                    {T.uncover}
                  </Button>
                )}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    </Paper>
  );
}
