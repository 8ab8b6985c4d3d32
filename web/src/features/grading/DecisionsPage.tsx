/**
 * The committee's grading decisions (/don-vi/:id/xep-loai/:year/quyet-dinh): members grouped by
 * cell or the unit's organisations, each with the self-proposal, the cell's vote, the chi ủy's
 * proposal and the cap the pack's hard rules put on it; a level per row (the cell's proposal held
 * to the cap by default), the live quota panel, Save, Issue; after the issue read-only with a
 * Revise action per row.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Fragment, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { applyCap } from '../../../../src/domain/grading.js';
import { ApiError, isNotFound } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { GRADING_DECIDE as t } from '../../i18n/vi-grading-decide.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { IssueModal, QuotaPanel, ReviseModal } from './DecisionParts.js';
import {
  type GradeLevel,
  type ProposalRow,
  rowKey,
  type SubjectType,
  useDecideMutations,
  useProposals,
} from './decideApi.js';

const pct = (n: number) => `${formatNumber(n, 2)}%`;
const errText = (e: unknown) => (e instanceof ApiError ? e.message : e ? String(e) : null);

function defaultLevel(r: ProposalRow): GradeLevel | null {
  const chosen = r.current?.level ?? r.draft?.level;
  if (chosen) return chosen;
  const proposed = r.vote?.proposedLevel ?? r.selfAssessment?.proposedLevel ?? r.selfReview?.proposedLevel;
  if (!proposed) return null;
  return r.cap ? applyCap(proposed, r.cap.maxLevel) : proposed;
}

export function DecisionsPage() {
  const params = useParams();
  const id = Number(params.id);
  const year = Number(params.year);
  const [type, setType] = useState<SubjectType>('member');
  const unit = useUnit(id);
  const list = useProposals(id, year, type);
  const m = useDecideMutations(id, year, type);
  const [edits, setEdits] = useState<Record<SubjectType, Record<number, GradeLevel>>>({
    member: {},
    organisation: {},
  });
  const [cadres, setCadres] = useState<Record<number, boolean>>({});
  const [issueOpen, issue] = useDisclosure(false);
  const [revising, setRevising] = useState<{ name: string; decisionId: number; level: GradeLevel } | null>(
    null,
  );

  const rows = list.data?.items ?? [];
  const gradable = rows.filter((r) => r.graded !== false);
  const levelOf = (r: ProposalRow) => edits[type][rowKey(r)] ?? defaultLevel(r);
  const groups = useMemo(() => {
    const out = new Map<string, { name: string; rows: ProposalRow[] }>();
    for (const r of rows) {
      const key = String(r.cellId ?? r.parentId ?? 0);
      const g = out.get(key) ?? { name: r.cellName ?? unit.data?.name ?? '', rows: [] };
      g.rows.push(r);
      out.set(key, g);
    }
    return [...out.entries()];
  }, [rows, unit.data?.name]);

  if (unit.isLoading || list.isLoading) return <PageLoader />;
  if (isNotFound(unit.error) || isNotFound(list.error)) return <NotFound message={vi.notFound.unit} />;
  if (unit.error || !unit.data) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;
  if (list.error || !list.data) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;

  const data = list.data;
  const issued = data.set?.status === 'issued';
  const editable = data.canDecide && !issued;
  const levels = data.levels as { key: GradeLevel; label: string }[];
  const label = (l: GradeLevel | null | undefined) =>
    l ? (levels.find((x) => x.key === l)?.label ?? l) : t.none;
  const quotaItems = gradable.map((r) => ({
    key: String(rowKey(r)),
    groupKey: String(r.cellId ?? r.parentId ?? 0),
    groupName: r.cellName ?? unit.data.name,
    level: levelOf(r),
  }));
  const saveItems = () =>
    gradable
      .filter((r) => levelOf(r) !== null)
      .map((r) => ({
        ...(type === 'member' ? { memberId: r.memberId } : { unitId: r.unitId }),
        level: levelOf(r)!,
        ...(type === 'member' ? { isCadre: cadres[rowKey(r)] ?? r.draft?.isCadre ?? false } : {}),
      }));
  // Issuing saves the levels on screen first, so what is issued is what is shown.
  const issueNow = async (b: { decisionNo: string; decisionDate: string }) => {
    const items = saveItems();
    if (items.length > 0) await m.save.mutateAsync(items);
    await m.issue.mutateAsync(b);
    setEdits((e) => ({ ...e, [type]: {} }));
    issue.close();
  };
  const save = () =>
    m.save.mutate(saveItems(), {
      onSuccess: () => {
        setEdits((e) => ({ ...e, [type]: {} }));
        notifications.show({ message: t.saved, color: 'green' });
      },
    });

  return (
    <Stack gap="lg" maw={1280}>
      <Stack gap={4}>
        <Text>
          <Link to={`/don-vi/${id}`}>{unit.data.name}</Link>
        </Text>
        <Title order={1}>{t.title(year)}</Title>
        <Text size="lg">{t.intro}</Text>
      </Stack>
      <SegmentedControl
        value={type}
        onChange={(v) => setType(v as SubjectType)}
        data={[
          { value: 'member', label: t.tabs.member },
          { value: 'organisation', label: t.tabs.organisation },
        ]}
        size="md"
        aria-label={t.title(year)}
      />
      {issued && data.set && (
        <Alert color="blue" data-testid="issued-banner">
          {t.issued(data.set.decisionNo ?? '', formatDate(data.set.decisionDate))}
        </Alert>
      )}
      {!data.canDecide && <Alert color="gray">{t.readOnly}</Alert>}
      {rows.length === 0 ? (
        <Text>{t.empty}</Text>
      ) : (
        <>
          <QuotaPanel items={quotaItems} quotas={data.quotas} levels={levels} type={type} />
          <Table.ScrollContainer minWidth={960}>
            <Table striped withTableBorder verticalSpacing="sm" data-testid="decisions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{type === 'member' ? t.columns.name : t.columns.unit}</Table.Th>
                  <Table.Th>{type === 'member' ? t.columns.self : t.columns.selfAssessment}</Table.Th>
                  <Table.Th>{type === 'member' ? t.columns.vote : t.columns.meetings}</Table.Th>
                  {type === 'member' && <Table.Th>{t.columns.proposal}</Table.Th>}
                  <Table.Th>{t.columns.cap}</Table.Th>
                  <Table.Th>{t.columns.level}</Table.Th>
                  {type === 'member' && <Table.Th>{t.columns.cadre}</Table.Th>}
                  {issued && data.canDecide && <Table.Th>{t.columns.action}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map(([key, g]) => (
                  <Fragment key={key}>
                    {type === 'member' && (
                      <Table.Tr>
                        <Table.Th colSpan={8} scope="colgroup" bg="gray.1">
                          {g.name}
                        </Table.Th>
                      </Table.Tr>
                    )}
                    {g.rows.map((r) => {
                      const k = rowKey(r);
                      const name = r.fullName ?? r.name ?? '';
                      const lv = levelOf(r);
                      const over =
                        r.cap &&
                        lv &&
                        levels.findIndex((x) => x.key === lv) <
                          levels.findIndex((x) => x.key === r.cap!.maxLevel);
                      return (
                        <Table.Tr key={k} data-testid={`row-${k}`}>
                          <Table.Td miw={170}>{name}</Table.Td>
                          <Table.Td>
                            {type === 'member'
                              ? label(r.selfReview?.proposedLevel)
                              : r.selfAssessment
                                ? `${formatNumber(r.selfAssessment.total, 2)} — ${label(r.selfAssessment.proposedLevel)}`
                                : t.none}
                          </Table.Td>
                          <Table.Td>
                            {type === 'member'
                              ? r.vote
                                ? levels
                                    .filter((l) => r.vote!.counts[l.key] > 0)
                                    .map(
                                      (l) =>
                                        `${l.label}: ${t.voteText(formatNumber(r.vote!.counts[l.key]), formatNumber(r.vote!.base), pct(r.vote!.percents[l.key]))}`,
                                    )
                                    .join('; ')
                                : t.none
                              : r.meetings
                                ? `${formatNumber(r.meetings.onTimeMonths)}/${formatNumber(r.meetings.dueMonths)}${r.meetings.onTimePercent !== null ? ` (${pct(r.meetings.onTimePercent)})` : ''}`
                                : t.none}
                          </Table.Td>
                          {type === 'member' && <Table.Td>{label(r.vote?.proposedLevel)}</Table.Td>}
                          <Table.Td maw={300}>
                            {r.cap?.limited ? (
                              <Tooltip
                                label={r.cap.reasons.map((x) => x.message).join('; ')}
                                multiline
                                w={320}
                              >
                                <Badge
                                  color="red.9"
                                  variant="outline"
                                  tabIndex={0}
                                  tt="none"
                                  styles={{
                                    root: { height: 'auto', maxWidth: '100%', paddingBlock: 2 },
                                    label: { whiteSpace: 'normal', overflow: 'visible' },
                                  }}
                                >
                                  {r.cap.maxLabel}
                                </Badge>
                              </Tooltip>
                            ) : (
                              <Text size="sm">{t.noCap}</Text>
                            )}
                            {r.cap?.limited && (
                              <Text size="xs" c="dimmed">
                                {r.cap.reasons.map((x) => x.message).join('; ')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td miw={230}>
                            {r.graded === false ? (
                              <Text size="sm">{t.notGraded}</Text>
                            ) : editable ? (
                              <Select
                                aria-label={`${t.columns.level}: ${name}`}
                                data={levels.map((l) => ({ value: l.key, label: l.label }))}
                                value={lv}
                                onChange={(v) =>
                                  v &&
                                  setEdits((e) => ({ ...e, [type]: { ...e[type], [k]: v as GradeLevel } }))
                                }
                                allowDeselect={false}
                              />
                            ) : (
                              <Text fw={600}>{label(r.current?.level ?? lv)}</Text>
                            )}
                            {over && editable && (
                              <Text size="xs" c="red.9" fw={600} mt={4}>
                                {r.cap!.reasons[0]?.citation}
                              </Text>
                            )}
                          </Table.Td>
                          {type === 'member' && (
                            <Table.Td>
                              <Switch
                                aria-label={`${t.columns.cadre}: ${name}`}
                                checked={cadres[k] ?? r.current?.isCadre ?? r.draft?.isCadre ?? false}
                                disabled={!editable || r.graded === false}
                                onChange={(e) => {
                                  const checked = e.currentTarget.checked;
                                  setCadres((c) => ({ ...c, [k]: checked }));
                                }}
                              />
                            </Table.Td>
                          )}
                          {issued && data.canDecide && (
                            <Table.Td>
                              {r.current && (
                                <Button
                                  size="xs"
                                  variant="light"
                                  onClick={() =>
                                    setRevising({
                                      name,
                                      decisionId: r.current!.decisionId,
                                      level: r.current!.level,
                                    })
                                  }
                                >
                                  {t.revise}
                                </Button>
                              )}
                            </Table.Td>
                          )}
                        </Table.Tr>
                      );
                    })}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {m.save.error && <Alert color="red">{errText(m.save.error)}</Alert>}
          {editable && (
            <Group>
              <Button size="md" onClick={save} loading={m.save.isPending} data-testid="save-decisions">
                {t.save}
              </Button>
              <Button
                size="md"
                color="red"
                variant="outline"
                onClick={issue.open}
                data-testid="issue-decisions"
              >
                {t.issue}
              </Button>
            </Group>
          )}
        </>
      )}
      <IssueModal
        opened={issueOpen}
        onClose={() => {
          m.issue.reset();
          issue.close();
        }}
        busy={m.issue.isPending || m.save.isPending}
        error={errText(m.issue.error ?? m.save.error)}
        onIssue={(b) => void issueNow(b).catch(() => undefined)}
      />
      <ReviseModal
        key={revising?.decisionId ?? 0}
        subject={revising}
        levels={levels}
        onClose={() => {
          m.revise.reset();
          setRevising(null);
        }}
        busy={m.revise.isPending}
        error={errText(m.revise.error)}
        onRevise={(b) =>
          m.revise.mutate(b, {
            onSuccess: () => {
              setRevising(null);
              notifications.show({ message: t.revised, color: 'green' });
            },
          })
        }
      />
    </Stack>
  );
}
