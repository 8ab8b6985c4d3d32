/**
 * "Kết thúc đợt" on the campaign page, for the committee that opened it: a confirmation saying
 * what closing means (no more self-reviews, votes or assessments of the year), then the close.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { VI_YEAR_FINISH as T } from '../../i18n/vi-year-finish.js';
import { useCloseCampaign } from './closeApi.js';

export function CloseCampaignButton({ c }: { c: { id: number; year: number; unitName: string } }) {
  const close = useCloseCampaign(c.id);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button
        size="md"
        color="red.8"
        variant="outline"
        leftSection={<IconLock size={20} />}
        onClick={() => setAsking(true)}
        data-testid="campaign-close"
      >
        {T.closeAction}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={T.closeTitle} size="md">
        <Stack gap="md">
          <Text>{T.closeBody(c.year, c.unitName)}</Text>
          {close.error && <Alert color="red">{close.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={() => setAsking(false)}>
              {T.cancel}
            </Button>
            <Button
              color="red.8"
              size="md"
              loading={close.isPending}
              onClick={() =>
                close.mutate(undefined, {
                  onSuccess: () => {
                    setAsking(false);
                    notifications.show({ color: 'green', message: T.closed });
                  },
                })
              }
              data-testid="campaign-close-confirm"
            >
              {T.closeConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
