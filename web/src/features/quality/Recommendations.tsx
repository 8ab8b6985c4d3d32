/** Recommendations on "Giám sát" and in a unit's quality section: the open ones by age, answered or closed. */
import { Badge, Button, Checkbox, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowRight, IconMessageReply } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { type Recommendation, useRecommendations } from './api.js';

const t = vi.quality.supervision;

export function useRefreshSupervision() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['supervision'] }),
      qc.invalidateQueries({ queryKey: ['visits'] }),
      qc.invalidateQueries({ queryKey: ['recommendations'] }),
    ]);
}

/** Open recommendations of a unit's cells, oldest first, with Trả lời / Đóng for those who may answer. */
export function OpenRecommendations({
  unitId,
  canAnswer,
  embedded = false,
}: {
  unitId: number;
  canAnswer: boolean;
  /** Inside a unit's quality section: a smaller heading, nothing at all when there is none. */
  embedded?: boolean;
}) {
  const recs = useRecommendations(unitId);
  const items = [...(recs.data?.items ?? [])].sort((a, b) => b.ageDays - a.ageDays);
  if (embedded && items.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="recommendations">
      <Title order={embedded ? 3 : 2} size={embedded ? 'h4' : 'h3'}>
        {t.recs}{' '}
        {items.length > 0 && (
          <Text span c="dimmed">
            ({formatNumber(items.length)})
          </Text>
        )}
      </Title>
      {recs.isLoading && <PageLoader />}
      {!recs.isLoading && items.length === 0 && <Text c="dimmed">{t.noRecs}</Text>}
      {items.map((r) => (
        <RecommendationCard key={r.id} r={r} canAnswer={canAnswer} showUnit />
      ))}
    </Stack>
  );
}

export function RecommendationCard({
  r,
  canAnswer,
  showUnit,
}: {
  r: Recommendation;
  canAnswer: boolean;
  showUnit: boolean;
}) {
  const [mode, setMode] = useState<'answer' | 'close' | null>(null);
  const old = r.ageDays > 30;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="recommendation">
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          {showUnit && (
            <Badge variant="light" color="gray" tt="none" size="lg">
              {r.unitName}
            </Badge>
          )}
          <Badge color={old ? 'red' : 'yellow'} variant={old ? 'filled' : 'light'} tt="none" size="lg">
            {t.age(r.ageDays)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t.raisedOn(formatDate(r.raisedOn), r.raisedBy ?? '')}
          </Text>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Text>
        {r.answer && (
          <Text size="sm" c="teal.9">
            <IconMessageReply size={16} style={{ verticalAlign: 'middle' }} />{' '}
            {t.answered(formatDateTime(r.answeredAt))}: {r.answer}
          </Text>
        )}
        {canAnswer && (
          <Group gap="xs">
            <Button
              size="sm"
              variant="light"
              onClick={() => setMode('answer')}
              leftSection={<IconMessageReply size={18} />}
            >
              {t.answer}
            </Button>
            <Button
              size="sm"
              variant="default"
              onClick={() => setMode('close')}
              rightSection={<IconArrowRight size={16} />}
            >
              {t.close}
            </Button>
          </Group>
        )}
      </Stack>
      {mode && <AnswerModal r={r} close={mode === 'close'} onClose={() => setMode(null)} />}
    </Paper>
  );
}

function AnswerModal({ r, close, onClose }: { r: Recommendation; close: boolean; onClose: () => void }) {
  const [answer, setAnswer] = useState(r.answer ?? '');
  const [closeIt, setCloseIt] = useState(close);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshSupervision();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.post(`/api/recommendations/${r.id}/answer`, { answer: answer.trim(), close: closeIt });
      notifySuccess(closeIt ? t.closedDone : t.answerSaved);
      await refresh();
      onClose();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={close ? t.closeTitle : t.answerTitle}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {r.unitName} — {formatDate(r.raisedOn)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Text>
          <Textarea
            label={t.answerText}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          <Checkbox
            label={t.closeAfter}
            checked={closeIt}
            onChange={(e) => setCloseIt(e.currentTarget.checked)}
            size="md"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy} disabled={answer.trim().length < 3}>
              {closeIt ? t.close : t.answer}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
