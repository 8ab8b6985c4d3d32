/**
 * The "Chấm điểm" tab of a held meeting (DOMAIN.md §5): the rubric grouped by criterion with the
 * cell's own column and the superior member's column side by side (stacked on a phone), measured
 * items with the sentence of evidence they come from, judgement items entered by whoever may
 * score that column, totals with the rescale note, band, and the final rating with its rule.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCheck,
  IconDeviceFloppy,
  IconGauge,
  IconInfoCircle,
  IconLock,
  IconPencil,
  IconRefresh,
  IconStar,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { Evidence } from '../../../../src/domain/scoring/rubric.js';
import { scoreMeeting } from '../../../../src/domain/scoring/score.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import type { MeetingDetail } from '../meetings/api.js';
import {
  type MeetingScore,
  type PackSummary,
  qualityKeys,
  type ScoreColumn,
  type Scorer,
  type ScoreView,
  usePacks,
  useScore,
} from './api.js';
import { BandBadge, points } from './bands.js';

const t = vi.quality.score;
const SCORERS: Scorer[] = ['cell', 'supervisor'];
type Drafts = Record<Scorer, Record<string, number | ''>>;
type ScoreItem = MeetingScore['items'][number];

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

function ColumnCard({
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

function FinalCard({ view }: { view: ScoreView }) {
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

interface RubricProps {
  view: ScoreView;
  shown: Record<Scorer, MeetingScore | null>;
  drafts: Drafts;
  editable: (s: Scorer) => boolean;
  setValue: (s: Scorer, key: string, v: number | '') => void;
}

function itemOf(score: MeetingScore | null, key: string): ScoreItem | undefined {
  return score?.items.find((i) => i.key === key);
}

function KindIcon({ measured }: { measured: boolean }) {
  return (
    <Tooltip label={measured ? t.measured : t.judgement} withArrow>
      <ThemeIcon
        variant="light"
        color={measured ? 'blue' : 'grape'}
        size={24}
        radius="xl"
        aria-label={measured ? t.measured : t.judgement}
      >
        {measured ? <IconGauge size={16} /> : <IconPencil size={16} />}
      </ThemeIcon>
    </Tooltip>
  );
}

/** One column's value for one item: points with evidence, an input, or "Không áp dụng". */
function ItemValue({
  scorer,
  item,
  draft,
  canEdit,
  onChange,
  showEvidence = true,
}: {
  scorer: Scorer;
  item: ScoreItem | undefined;
  draft: number | '' | undefined;
  canEdit: boolean;
  onChange: (v: number | '') => void;
  showEvidence?: boolean;
}) {
  if (!item) return <Text c="dimmed">—</Text>;
  if (!item.applicable)
    return (
      <Text c="dimmed" size="sm" fs="italic" data-testid={`score-na-${scorer}-${item.key}`}>
        {t.notApplicable}
      </Text>
    );
  if (!item.measured && canEdit) {
    return (
      <NumberInput
        value={draft ?? ''}
        onChange={(v) =>
          onChange(v === '' ? '' : typeof v === 'number' ? v : Number(String(v).replace(',', '.')))
        }
        min={0}
        max={item.max}
        step={0.5}
        decimalScale={2}
        decimalSeparator=","
        allowNegative={false}
        clampBehavior="strict"
        hideControls
        inputMode="decimal"
        w={96}
        size="md"
        placeholder={`0–${formatNumber(item.max)}`}
        aria-label={t.inputLabel(item.title, t.columns[scorer]!)}
        data-testid={`score-input-${scorer}-${item.key}`}
        styles={{ input: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      />
    );
  }
  return (
    <Stack gap={0}>
      {item.points === null ? (
        <Text c="orange.9" fw={600}>
          {t.notScored}
        </Text>
      ) : (
        <Text fw={700} fz="lg" data-testid={`score-points-${scorer}-${item.key}`}>
          {points(item.points)}
        </Text>
      )}
      {item.measured && showEvidence && (
        <Text size="sm" c="dimmed" lh={1.35} data-testid="score-evidence">
          {item.evidence}
        </Text>
      )}
    </Stack>
  );
}

function CriterionSubtotal({ score, criterion }: { score: MeetingScore | null; criterion: string }) {
  const c = score?.criteria.find((x) => x.key === criterion);
  if (!c) return <Text c="dimmed">—</Text>;
  return (
    <Text fw={700}>
      {points(c.points)}/{points(c.applicableMax)}
    </Text>
  );
}

function DesktopRubric({ view, shown, drafts, editable, setValue }: RubricProps) {
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="score-table" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ width: '38%' }}>{t.item}</Table.Th>
            <Table.Th style={{ width: 80 }} ta="center">
              {t.max}
            </Table.Th>
            {SCORERS.map((s) => (
              <Table.Th key={s}>{t.columns[s]}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.rubric.map((c, ci) => (
            <Fragment key={c.key}>
              <Table.Tr bg="gray.1">
                <Table.Td>
                  <Text fw={700}>
                    {ci + 1}. {c.title}
                  </Text>
                </Table.Td>
                <Table.Td ta="center">
                  <Text fw={700}>{formatNumber(c.max)}</Text>
                </Table.Td>
                {SCORERS.map((s) => (
                  <Table.Td key={s}>
                    <CriterionSubtotal score={shown[s]} criterion={c.key} />
                  </Table.Td>
                ))}
              </Table.Tr>
              {c.items.map((it) => (
                <Table.Tr key={it.key} data-testid={`score-row-${it.key}`}>
                  <Table.Td>
                    <Group gap={8} wrap="nowrap" align="flex-start">
                      <KindIcon measured={it.measured} />
                      <Text>{it.title}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="center">{formatNumber(it.max)}</Table.Td>
                  {SCORERS.map((s) => (
                    <Table.Td key={s} style={{ verticalAlign: 'top' }}>
                      <ItemValue
                        scorer={s}
                        item={itemOf(shown[s], it.key)}
                        draft={drafts[s][it.key]}
                        canEdit={editable(s)}
                        onChange={(v) => setValue(s, it.key, v)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Fragment>
          ))}
          <Table.Tr bg="gray.1">
            <Table.Td>
              <Text fw={800} fz="lg">
                {t.total}
              </Text>
            </Table.Td>
            <Table.Td ta="center">
              <Text fw={700}>100</Text>
            </Table.Td>
            {SCORERS.map((s) => (
              <Table.Td key={s}>
                <TotalCell score={shown[s]} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function TotalCell({ score }: { score: MeetingScore | null }) {
  if (!score) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      <Group gap={8}>
        <Text fw={800} fz="xl">
          {points(score.total)}
        </Text>
        <BandBadge band={score.band} size="md" />
      </Group>
      <Text size="sm" c="dimmed">
        {t.rawOf(points(score.raw), points(score.applicableMax))}
      </Text>
    </Stack>
  );
}

function PhoneRubric({ view, shown, drafts, editable, setValue }: RubricProps) {
  return (
    <Stack gap="sm" data-testid="score-cards">
      {view.rubric.map((c, ci) => (
        <Paper withBorder radius="md" key={c.key} p={0}>
          <Stack
            gap={4}
            p="sm"
            bg="gray.1"
            style={{ borderRadius: 'var(--mantine-radius-md) var(--mantine-radius-md) 0 0' }}
          >
            <Text fw={700}>
              {ci + 1}. {c.title}{' '}
              <Text span c="dimmed" fw={400} size="sm">
                ({t.maxOf(formatNumber(c.max))})
              </Text>
            </Text>
            <Group gap="md">
              {SCORERS.map((s) => (
                <Group gap={4} key={s}>
                  <Text size="sm">{t.columnShort[s]}:</Text>
                  <CriterionSubtotal score={shown[s]} criterion={c.key} />
                </Group>
              ))}
            </Group>
          </Stack>
          <Stack gap={0}>
            {c.items.map((it, i) => {
              const cell = itemOf(shown.cell, it.key);
              const sup = itemOf(shown.supervisor, it.key);
              const sameEvidence = !cell || !sup || cell.evidence === sup.evidence;
              return (
                <Stack
                  key={it.key}
                  gap={6}
                  p="sm"
                  style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
                  data-testid={`score-row-${it.key}`}
                >
                  <Group gap={8} wrap="nowrap" align="flex-start">
                    <KindIcon measured={it.measured} />
                    <Text fw={600} style={{ flex: 1 }}>
                      {it.title}{' '}
                      <Text span c="dimmed" fw={400} size="sm">
                        ({t.maxOf(formatNumber(it.max))})
                      </Text>
                    </Text>
                  </Group>
                  <SimpleGrid cols={2} spacing="xs">
                    {SCORERS.map((s) => (
                      <Stack gap={2} key={s}>
                        <Text size="xs" c="dimmed" fw={600}>
                          {t.columnShort[s]}
                        </Text>
                        <ItemValue
                          scorer={s}
                          item={itemOf(shown[s], it.key)}
                          draft={drafts[s][it.key]}
                          canEdit={editable(s)}
                          onChange={(v) => setValue(s, it.key, v)}
                          showEvidence={!sameEvidence}
                        />
                      </Stack>
                    ))}
                  </SimpleGrid>
                  {it.measured && sameEvidence && (cell ?? sup)?.applicable && (
                    <Text size="sm" c="dimmed" lh={1.35} data-testid="score-evidence">
                      {(cell ?? sup)!.evidence}
                    </Text>
                  )}
                </Stack>
              );
            })}
          </Stack>
        </Paper>
      ))}
      <Paper withBorder radius="md" p="sm" bg="gray.1">
        <Text fw={800} fz="lg">
          {t.total}
        </Text>
        <SimpleGrid cols={2} spacing="xs" mt={4}>
          {SCORERS.map((s) => (
            <Stack gap={2} key={s}>
              <Text size="xs" c="dimmed" fw={600}>
                {t.columnShort[s]}
              </Text>
              <TotalCell score={shown[s]} />
            </Stack>
          ))}
        </SimpleGrid>
      </Paper>
    </Stack>
  );
}

function ConfirmButton({
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

function ReviseButton({
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
