/**
 * The member's home page reminder while a review campaign is open over their cell: "Bản kiểm điểm
 * năm …", the deadline, where their self-review stands, and the way to it.
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { VI_YEAR_FINISH as T } from '../../i18n/vi-year-finish.js';
import { formatDate } from '../../lib/format.js';
import { useMyGrading } from './reviewApi.js';

export function MyGradingCard() {
  const q = useMyGrading();
  const open = (q.data?.self ?? []).filter((s) => s.reviewed);
  if (open.length === 0) return null;
  return (
    <>
      {open.map((s) => {
        const state = s.selfReview?.status ?? 'none';
        return (
          <Paper key={s.campaignId} withBorder p="md" radius="md" data-testid="my-self-review">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Title order={2} size="h3">
                  {T.mySelfReview(s.year)}
                </Title>
                <Badge size="lg" tt="none" color={state === 'submitted' ? 'teal.9' : 'orange.9'}>
                  {T.mySelfReviewState[state]}
                </Badge>
              </Group>
              <Text>{T.mySelfReviewDue(s.unitName, formatDate(s.selfReviewDue))}</Text>
              <Button
                component={Link}
                to={`/kiem-diem/${s.year}`}
                size="md"
                w="fit-content"
                variant={state === 'submitted' ? 'light' : 'filled'}
                leftSection={<IconClipboardCheck size={20} />}
              >
                {state === 'submitted' ? T.mySelfReviewView : T.mySelfReviewOpen}
              </Button>
            </Stack>
          </Paper>
        );
      })}
    </>
  );
}
