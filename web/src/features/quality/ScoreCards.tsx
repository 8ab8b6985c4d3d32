/** The score tab's cards: each column's total, the final rating, and the confirm / revise buttons. */
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconLock, IconRefresh, IconStar } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { vi } from '../../i18n/vi.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import type { MeetingScore, ScoreColumn, Scorer, ScoreView } from './api.js';
import { BandBadge, points } from './bands.js';

const t = vi.quality.score;

export function ColumnCard({
  scorer,
  column,
  score,
  preview,
  actions,
}: {
  scorer: Scorer;
  column: ScoreColumn | null;
  score: MeetingScore | null;
  preview: boolean;
  actions: ReactNode;
}) {
  const missing = score ? score.items.filter((i) => i.applicable && i.points === null).length : 0;
  return (
    <Paper withBorder p="md" radius="md" data-testid={`score-column-${scorer}`}>
      <Stack gap={6}>
        <Text fw={700}>{t.columns[scorer]}</Text>
        {!column || !score ? (
          <Text c="dimmed">{t.noColumn}</Text>
        ) : (
          <>
            <Group gap="sm" align="baseline" wrap="wrap">
              <Text fz={34} fw={800} lh={1.1} data-testid={`score-total-${scorer}`}>
                {points(score.total)}
              </Text>
              <Text c="dimmed">/ 100</Text>
              <BandBadge band={score.band} data-testid={`score-band-${scorer}`} />
            </Group>
            {preview && (
              <Text size="sm" c="yellow.9">
                {t.preview}
              </Text>
            )}
            {score.applicableMax < fullMax(score) && (
              <Text size="sm">
                {t.rescaled(points(score.raw), points(score.applicableMax), points(score.total))}
              </Text>
            )}
            {score.bandNote && (
              <Text size="sm" c="orange.9">
                {score.bandNote}
              </Text>
            )}
            {missing > 0 && (
              <Text size="sm" c="orange.9" fw={600}>
                {t.incomplete(formatNumber(missing))}
              </Text>
            )}
            <Group gap={6}>
              {column.confirmed ? (
                <Badge color="teal" tt="none" size="lg" leftSection={<IconLock size={14} />}>
                  {t.confirmedAt(formatDateTime(column.confirmedAt))}
                </Badge>
              ) : (
                <Badge
                  color="gray"
                  variant="light"
                  tt="none"
                  size="lg"
                  data-testid={`score-status-${scorer}`}
                >
                  {t.notConfirmed}
                </Badge>
              )}
              {column.revision > 1 && (
                <Badge variant="default" tt="none" size="lg">
                  {t.revision(formatNumber(column.revision))}
                </Badge>
              )}
            </Group>
            {column.revisionNote && <Text size="sm">{t.revisionNote(column.revisionNote)}</Text>}
          </>
        )}
        {actions}
      </Stack>
    </Paper>
  );
}

function fullMax(score: MeetingScore): number {
  return score.items.reduce((s, i) => s + i.max, 0);
}

export function FinalCard({ view }: { view: ScoreView }) {
  const f = view.final;
  return (
    <Paper withBorder p="md" radius="md" bg={f ? 'gray.0' : undefined} data-testid="score-final">
      <Stack gap={6}>
        <Group gap={6}>
          <IconStar size={20} aria-hidden />
          <Text fw={700}>{t.final}</Text>
        </Group>
        {!f ? (
          <Text c="dimmed">{t.finalNone}</Text>
        ) : (
          <>
            <Group gap="sm" align="baseline" wrap="wrap">
              <Text fz={34} fw={800} lh={1.1} data-testid="score-final-total">
                {points(f.total)}
              </Text>
              <BandBadge band={f.band} size="xl" data-testid="score-final-band" />
            </Group>
            <Text size="sm">{t.finalFrom[f.source]}</Text>
            <Text size="sm" c="dimmed">
              {f.rule}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function ConfirmButton({
  scorer,
  busy,
  missing,
  onConfirm,
}: {
  scorer: Scorer;
  busy: boolean;
  /** Judgement items still without points: confirming is refused until they have them. */
  missing: string[];
  onConfirm: () => Promise<unknown>;
}) {
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button
        color="teal"
        leftSection={<IconCheck size={20} />}
        onClick={modal.open}
        data-testid={`score-confirm-${scorer}`}
      >
        {t.confirm}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t.confirmTitle}>
        <Stack>
          <Alert color="yellow" icon={<IconLock />}>
            {t.confirmExplain}
          </Alert>
          {missing.length > 0 && (
            <Alert
              color="orange"
              icon={<IconAlertTriangle />}
              title={t.incomplete(formatNumber(missing.length))}
            >
              <Text size="sm">{missing.join('; ')}.</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              {vi.app.cancel}
            </Button>
            <Button
              color="teal"
              loading={busy}
              disabled={missing.length > 0}
              onClick={async () => {
                const ok = await onConfirm();
                if (ok) modal.close();
              }}
              data-testid="score-confirm-ok"
            >
              {t.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function ReviseButton({
  scorer,
  busy,
  onRevise,
}: {
  scorer: Scorer;
  busy: boolean;
  onRevise: (note: string) => Promise<unknown>;
}) {
  const [opened, modal] = useDisclosure(false);
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim().length < 3) return;
    const ok = await onRevise(note.trim());
    if (ok) {
      setNote('');
      modal.close();
    }
  };
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconRefresh size={20} />}
        onClick={modal.open}
        w="fit-content"
        data-testid={`score-revise-${scorer}`}
      >
        {t.revise}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t.reviseTitle}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text>{t.reviseExplain}</Text>
            <Textarea
              label={t.reviseReason}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={modal.close}>
                {vi.app.cancel}
              </Button>
              <Button type="submit" disabled={note.trim().length < 3} loading={busy}>
                {t.revise}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
