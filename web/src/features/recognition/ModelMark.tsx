/**
 * On a held meeting, for committee staff above the cell: "Chọn làm sinh hoạt mẫu" (topic and a
 * note), or, once marked, who marked it with "Xem như chi bộ khác" and "Bỏ chọn".
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconStar } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { notifySuccess } from '../../app/notify.js';
import { errorMessage } from '../../components/ErrorState.js';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { useMarkModel, useModelView } from './api.js';

export function ModelMark({
  meeting,
  staffAbove,
}: {
  meeting: { id: number; status: string; kind: string; title: string; thematicTopic: string | null };
  /** Whether the reader is committee staff of a unit above the meeting's cell. */
  staffAbove: boolean;
}) {
  const eligible = meeting.status === 'held' && meeting.kind !== 'committee';
  const view = useModelView(meeting.id, eligible);
  const { mark, unmark } = useMarkModel(meeting.id);
  const [opened, modal] = useDisclosure(false);
  const [topic, setTopic] = useState(meeting.thematicTopic ?? meeting.title);
  const [note, setNote] = useState('');
  if (!eligible) return null;
  const marked = view.data?.model;
  if (!marked && !staffAbove) return null;
  return (
    <>
      {marked ? (
        <Alert color="yellow" icon={<IconStar />} title={t.mark.marked} data-testid="model-marked">
          <Stack gap="xs">
            <Text>{t.mark.markedBy(marked.markedBy.unitName)}</Text>
            <Group gap="xs">
              <Button component={Link} to={`/sinh-hoat-mau/${meeting.id}`} variant="default">
                {t.mark.open}
              </Button>
              {marked.canUnmark && (
                <Button
                  variant="subtle"
                  color="red"
                  loading={unmark.isPending}
                  onClick={async () => {
                    await unmark.mutateAsync();
                    notifySuccess(t.mark.undone);
                  }}
                >
                  {t.mark.unmark}
                </Button>
              )}
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Button
          variant="light"
          color="yellow"
          leftSection={<IconStar size={20} />}
          onClick={modal.open}
          w={{ base: '100%', sm: 'fit-content' }}
          data-testid="model-mark"
        >
          {t.mark.button}
        </Button>
      )}
      <Modal opened={opened} onClose={modal.close} title={t.mark.title} size="lg">
        <Stack gap="sm">
          <TextInput
            label={t.mark.topic}
            size="md"
            value={topic}
            onChange={(e) => setTopic(e.currentTarget.value)}
          />
          <Textarea
            label={t.mark.note}
            size="md"
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {mark.error && (
            <Text c="red.8" role="alert">
              {errorMessage(mark.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button
              size="md"
              loading={mark.isPending}
              onClick={async () => {
                await mark.mutateAsync({ topic, note });
                notifySuccess(t.mark.done);
                modal.close();
              }}
              data-testid="model-mark-save"
            >
              {t.mark.save}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
