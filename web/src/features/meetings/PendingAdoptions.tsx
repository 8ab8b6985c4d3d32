/**
 * Minutes of earlier meetings that were not adopted in time: while a meeting sits, the bí thư
 * reads them back and the cell adopts them here; the documents say at which meeting.
 */
import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconFileAlert, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { meetingKeys } from './api.js';
import type { SectionProps } from './MeetingPage.js';
import { whenShort } from './when.js';

const t = RECORDS.record;

export function PendingAdoptions({ m, actions }: SectionProps) {
  const qc = useQueryClient();
  return (
    <Alert color="orange" icon={<IconFileAlert />} title={t.pendingTitle} data-testid="pending-adoptions">
      <Stack gap="xs">
        <Text size="sm">{t.pendingHelp}</Text>
        {m.pendingAdoptions.map((p) => (
          <Card key={p.meetingId} withBorder padding="xs" radius="md">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={0}>
                <Text fw={700}>{p.title}</Text>
                <Text size="sm" c="dimmed">
                  {whenShort(p.scheduledAt)} ·{' '}
                  <Anchor component={Link} to={`/sinh-hoat/${p.meetingId}?muc=bien-ban`} size="sm">
                    {t.openRecord}
                  </Anchor>
                </Text>
              </Stack>
              <Button
                color="teal"
                leftSection={<IconLock size={18} />}
                loading={actions.busy === `adopt-${p.meetingId}`}
                onClick={async () => {
                  const ok = await actions.act(
                    `adopt-${p.meetingId}`,
                    () => api.post(`/api/meetings/${p.meetingId}/record/adopt`, { atMeetingId: m.id }),
                    t.adoptedHere,
                  );
                  if (ok) void qc.invalidateQueries({ queryKey: meetingKeys.meeting(p.meetingId) });
                }}
              >
                {t.adoptHere}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </Alert>
  );
}
