/**
 * The "Chấm điểm" tab of a held meeting (DOMAIN.md §5): the rubric grouped by criterion with the
 * cell's own column and the superior member's column side by side (stacked on a phone), measured
 * items with the sentence of evidence they come from, judgement items entered by whoever may
 * score that column, totals with the rescale note, band, and the final rating with its rule.
 */
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { Evidence } from '../../../../src/domain/scoring/rubric.js';
import { scoreMeeting } from '../../../../src/domain/scoring/score.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import type { MeetingDetail } from '../meetings/api.js';
import {
  type MeetingScore,
  type PackSummary,
  qualityKeys,
  type Scorer,
  type ScoreView,
  usePacks,
  useScore,
} from './api.js';
import { BandBadge, points } from './bands.js';
import { ColumnCard, ConfirmButton, FinalCard, ReviseButton } from './ScoreCards.js';
import { DesktopRubric, type Drafts, PhoneRubric, SCORERS } from './ScoreRubric.js';

const t = vi.quality.score;

export function ScoreSection({ m }: { m: Pick<MeetingDetail, 'id' | 'status'> }) {
  const q = useScore(m.id, m.status === 'held');
  const packs = usePacks();
  if (m.status !== 'held') {
    return (
      <Alert color="gray" icon={<IconInfoCircle />}>
        {t.notHeld}
      </Alert>
    );
  }
  if (q.isLoading) return <PageLoader />;
  if (!q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const pack = packs.data?.items.find(
    (p) => p.id === q.data.rulePack.id && p.version === q.data.rulePack.version,
  );
  return <ScoreBoard view={q.data} pack={pack} />;
}

function draftsOf(view: ScoreView): Drafts {
  const out: Drafts = { cell: {}, supervisor: {} };
  for (const s of SCORERS)
    for (const [k, v] of Object.entries(view.columns[s]?.judgement ?? {})) out[s][k] = v;
  return out;
}

function numeric(d: Record<string, number | ''>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(d)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

/** The column is open for this person: not confirmed and theirs to score. */
function editableIn(view: ScoreView, s: Scorer): boolean {
  const col = view.columns[s];
  return Boolean(
    col &&
      !col.confirmed &&
      (s === 'cell' ? view.permissions.canScoreCell : view.permissions.canScoreSupervisor),
  );
}

function sameJudgement(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function ScoreBoard({ view, pack }: { view: ScoreView; pack: PackSummary | undefined }) {
  const phone = useIsPhone();
  const qc = useQueryClient();
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(view));
  const [busy, setBusy] = useState<string | null>(null);
  const versionKey = SCORERS.map((s) => `${view.columns[s]?.revision}:${view.columns[s]?.confirmed}`).join(
    '|',
  );
  // A new revision or a confirmation starts the inputs again from what the server holds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the column changes state
  useEffect(() => setDrafts(draftsOf(view)), [versionKey]);

  const editable = (s: Scorer) => editableIn(view, s);
  const dirty = (s: Scorer) => !sameJudgement(numeric(drafts[s]), view.columns[s]?.judgement ?? {});

  /** What the column would score with the entries typed so far (the server's own function). */
  const shown = useMemo(() => {
    const out: Record<Scorer, MeetingScore | null> = { cell: null, supervisor: null };
    for (const s of SCORERS) {
      const col = view.columns[s];
      if (!col) continue;
      out[s] =
        editableIn(view, s) && pack && view.evidence
          ? scoreMeeting(pack.pack.scoring.rubric, view.evidence as Evidence, numeric(drafts[s]))
          : col.score;
    }
    return out;
  }, [view, pack, drafts]);

  const run = async <T,>(key: string, fn: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusy(key);
    try {
      const res = await fn();
      if (success) notifySuccess(success);
      return res;
    } catch (e) {
      notifyError(e);
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  const store = (v: ScoreView) => {
    qc.setQueryData(qualityKeys.score(view.meetingId), v);
    void qc.invalidateQueries({ queryKey: ['month-status'] });
    void qc.invalidateQueries({ queryKey: ['supervision'] });
  };
  const save = (s: Scorer) =>
    run(
      `save-${s}`,
      async () => {
        const v = await api.put<ScoreView>(`/api/meetings/${view.meetingId}/score/${s}`, {
          judgement: numeric(drafts[s]),
        });
        store(v);
        return v;
      },
      t.saved,
    );
  const confirm = (s: Scorer) =>
    run(
      `confirm-${s}`,
      async () => {
        if (dirty(s))
          await api.put<ScoreView>(`/api/meetings/${view.meetingId}/score/${s}`, {
            judgement: numeric(drafts[s]),
          });
        const v = await api.post<ScoreView>(`/api/meetings/${view.meetingId}/score/${s}/confirm`);
        store(v);
        return v;
      },
      t.confirmed,
    );
  const revise = (s: Scorer, note: string) =>
    run(
      `revise-${s}`,
      async () => {
        const r = await api.post<{ revision: number }>(
          `/api/meetings/${view.meetingId}/score/${s}/revisions`,
          {
            note,
          },
        );
        await qc.invalidateQueries({ queryKey: qualityKeys.score(view.meetingId) });
        return r;
      },
      t.revised,
    );

  const setValue = (s: Scorer, key: string, v: number | '') =>
    setDrafts((d) => ({ ...d, [s]: { ...d[s], [key]: v } }));

  /** Lưu / Xác nhận while the column is open (in the bar that stays on screen), Chấm lại once confirmed. */
  const columnActions = (s: Scorer): ReactNode => {
    const col = view.columns[s];
    if (!col) return null;
    const may = s === 'cell' ? view.permissions.canScoreCell : view.permissions.canScoreSupervisor;
    if (!may) return null;
    if (col.confirmed)
      return <ReviseButton scorer={s} busy={busy === `revise-${s}`} onRevise={(n) => revise(s, n)} />;
    return null;
  };
  const editActions = (s: Scorer): ReactNode => {
    if (!editable(s)) return null;
    return (
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={<IconDeviceFloppy size={20} />}
          onClick={() => save(s)}
          loading={busy === `save-${s}`}
          disabled={!dirty(s)}
          data-testid={`score-save-${s}`}
        >
          {t.save}
        </Button>
        <ConfirmButton
          scorer={s}
          busy={busy === `confirm-${s}`}
          missing={(view.columns[s]?.score.items ?? [])
            .filter((i) => i.applicable && !i.measured && typeof drafts[s][i.key] !== 'number')
            .map((i) => i.title)}
          onConfirm={() => confirm(s)}
        />
      </Group>
    );
  };

  const editing = SCORERS.filter(editable);

  return (
    <Stack gap="md" data-testid="score-section">
      <Stack gap={4}>
        <Title order={2} size="h3">
          {t.title}
        </Title>
        <Text size="sm" c="dimmed" data-testid="score-pack">
          {t.pack(view.rulePack.name, view.rulePack.version)}
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {SCORERS.map((s) => (
          <ColumnCard
            key={s}
            scorer={s}
            column={view.columns[s]}
            score={shown[s]}
            preview={editable(s) && dirty(s)}
            actions={columnActions(s)}
          />
        ))}
        <FinalCard view={view} />
      </SimpleGrid>

      <Text size="sm">{t.intro}</Text>

      {phone ? (
        <PhoneRubric view={view} shown={shown} drafts={drafts} editable={editable} setValue={setValue} />
      ) : (
        <DesktopRubric view={view} shown={shown} drafts={drafts} editable={editable} setValue={setValue} />
      )}

      {editing.length > 0 && (
        <Paper
          withBorder
          shadow="sm"
          p="sm"
          radius="md"
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
          data-testid="score-actionbar"
        >
          <Stack gap="xs">
            {editing.map((s) => (
              <Group key={s} justify="space-between" gap="xs" wrap="wrap">
                <Group gap={8} wrap="wrap">
                  <Text fw={700}>{phone ? t.columnShort[s] : t.columns[s]}:</Text>
                  <Text fw={700} fz="lg">
                    {points(shown[s]?.total)}
                  </Text>
                  <BandBadge band={shown[s]?.band ?? null} size="md" />
                  {dirty(s) && (
                    <Badge color="yellow" variant="light" tt="none">
                      {t.unsaved}
                    </Badge>
                  )}
                </Group>
                {editActions(s)}
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
