/**
 * One remedy of an issued conclusion: its content, due date and status in words ("Quá hạn" in
 * text, not colour only), the cell's answer, the answers returned before; for the cell an answer
 * box ("Trả lời / báo cáo khắc phục"), for the committee "Xác nhận hoàn thành" and "Trả lại".
 */
import { Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { VI_INSPECTIONS as T } from '../../i18n/vi-inspections.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { RemedyDetail, useInspectionActions } from './api.js';

const COLOR: Record<string, string> = { open: 'gray.7', answered: 'blue.8', closed: 'teal.9' };

export function RemedyRow(p: {
  r: RemedyDetail;
  canClose: boolean;
  actions: ReturnType<typeof useInspectionActions>;
}) {
  const { r, actions } = p;
  // The committee closes or returns; the cell answers (staff hold both rights, the box is the cell's).
  const answerBox = r.canAnswer && !p.canClose;
  const [answer, setAnswer] = useState(r.answer ?? '');
  const [error, setError] = useState<string | null>(null);
  const [returnOpen, returnModal] = useDisclosure(false);
  const send = async () => {
    if (!answer.trim()) {
      setError(T.answerEmpty);
      return;
    }
    setError(null);
    try {
      await actions.answer.mutateAsync({ remedyId: r.id, answer: answer.trim() });
      notifySuccess(T.answerSent);
    } catch (e) {
      notifyError(e);
    }
  };
  const close = async () => {
    try {
      await actions.close.mutateAsync(r.id);
      notifySuccess(T.closed);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid={`remedy-${r.id}`}>
      <Stack gap="xs">
        <Text fw={600}>
          {r.position}. {r.content}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{T.due(formatDate(r.dueOn))}</Text>
          <Badge color={COLOR[r.status]} size="lg" tt="none">
            {T.remedyStatus[r.status]}
          </Badge>
          {r.overdue && (
            <Badge color="red.8" size="lg" tt="none">
              {T.overdue}
            </Badge>
          )}
        </Group>
        {r.returned.map((h) => (
          <Text key={h.answeredAt} size="sm" c="dimmed">
            {T.returned(formatDateTime(h.answeredAt))}: “{h.answer}”
            {h.comment ? ` — ${T.returnedBecause(h.comment)}` : ''}
          </Text>
        ))}
        {r.answer && (
          <Text size="sm">
            <Text span fw={600}>
              {T.theAnswer}:{' '}
            </Text>
            {r.answer}
          </Text>
        )}
        {answerBox && (
          <>
            <Textarea
              label={T.answer}
              description={T.answerHint}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              autosize
              minRows={3}
              size="md"
              error={error}
              data-testid={`remedy-answer-${r.id}`}
            />
            <Button
              w="fit-content"
              size="md"
              onClick={send}
              loading={actions.answer.isPending}
              data-testid={`remedy-answer-submit-${r.id}`}
            >
              {T.answerSubmit}
            </Button>
          </>
        )}
        {p.canClose && r.status === 'answered' && (
          <Group gap="sm">
            <Button size="md" color="teal.9" onClick={close} loading={actions.close.isPending}>
              {T.close}
            </Button>
            <Button size="md" variant="default" onClick={returnModal.open}>
              {T.returnIt}
            </Button>
          </Group>
        )}
      </Stack>
      <ReasonModal
        opened={returnOpen}
        onClose={returnModal.close}
        title={T.returnTitle}
        help={T.returnHelp}
        label={T.returnLabel}
        submit={T.returnIt}
        busy={actions.giveBack.isPending}
        testId={`remedy-return-${r.id}`}
        tooShort={T.returnShort}
        onSubmit={async (comment) => {
          try {
            await actions.giveBack.mutateAsync({ remedyId: r.id, comment });
            notifySuccess(T.returnedOk);
            return true;
          } catch (e) {
            notifyError(e);
            return false;
          }
        }}
      />
    </Card>
  );
}
