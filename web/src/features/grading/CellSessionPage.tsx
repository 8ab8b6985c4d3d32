/**
 * `/don-vi/:id/kiem-diem/:year` — the cell's review session for the bí thư: one card per member
 * with their self-review and proposed level, the year's facts, the vote counts with live
 * percentages on the statutory base, the chi ủy's level and the comments; then the cell's own
 * assessment against the pack's criteria (total computed).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_GRADING_REVIEW as T } from '../../i18n/vi-grading-review.js';
import { formatNumber } from '../../lib/format.js';
import {
  type GradeLevel,
  LEVEL_KEYS,
  type SessionMember,
  type SessionView,
  sharePercent,
  useRecordSelfAssessment,
  useRecordVote,
  useReturnSelfReview,
  useSession,
  type VoteCounts,
} from './reviewApi.js';

const n = (x: number) => formatNumber(x);
const ZERO: VoteCounts = { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 };

function MemberCard({ m, s, year }: { m: SessionMember; s: SessionView; year: number }) {
  const record = useRecordVote(s.cellId, year);
  const giveBack = useReturnSelfReview(s.cellId, year);
  const [votes, setVotes] = useState<VoteCounts>(m.vote?.votes ?? ZERO);
  const [level, setLevel] = useState<GradeLevel | null>(
    m.vote?.proposedLevel ?? m.selfReview?.proposedLevel ?? null,
  );
  const [comments, setComments] = useState(m.vote?.comments ?? '');
  const labelOf = (k: string | null) => s.levels.find((l) => l.key === k)?.label ?? '';
  const sum = LEVEL_KEYS.reduce((a, k) => a + votes[k], 0);
  const over = sum > s.base;
  const f = m.facts;
  const canVote = s.canVote && m.reviewed && m.graded;
  return (
    <Card withBorder padding="md" data-testid={`member-${m.memberId}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap={6}>
          <Title order={3} size="h3">
            {m.fullName}
          </Title>
          <Group gap={6}>
            {m.status === 'probationary' && <Badge tt="none">{T.probationary}</Badge>}
            {m.exempted && (
              <Badge tt="none" color="gray.7">
                {T.exempted}
              </Badge>
            )}
            {m.temporaryOut && (
              <Badge tt="none" color="gray.7">
                {T.temporaryOut}
              </Badge>
            )}
            {m.vote && (
              <Badge tt="none" color="teal.9">
                {T.recorded}
              </Badge>
            )}
          </Group>
        </Group>
        {!m.reviewed || !m.graded ? (
          <Alert color="blue" title={m.reviewed ? undefined : T.notReviewed}>
            {m.notGradedReason}
          </Alert>
        ) : null}
        <Text size="md">
          <b>{T.selfReview}:</b>{' '}
          {m.selfReview
            ? `${T.status[m.selfReview.status]}${m.selfReview.proposedLevel ? ` · ${T.selfProposed(labelOf(m.selfReview.proposedLevel))}` : ''}`
            : T.selfNone}
          {s.canVote && m.selfReview?.status === 'submitted' && (
            <Button
              variant="subtle"
              size="compact-md"
              ml="xs"
              loading={giveBack.isPending}
              onClick={() => giveBack.mutate(m.memberId)}
            >
              {T.returnIt}
            </Button>
          )}
        </Text>
        <Text size="md" c="dimmed">
          {T.facts(
            n(f.attended),
            n(f.meetingsDue),
            n(f.tasksDone),
            n(f.tasksAssigned),
            n(f.duesUnpaidMonths),
          )}
        </Text>
        {f.disciplined && (
          <Text c="red.8" fw={600}>
            {T.disciplined}
          </Text>
        )}
        {canVote && (
          <>
            <Text fw={600} mt={4}>
              {T.votes}
            </Text>
            <Stack gap={6}>
              {LEVEL_KEYS.map((k) => (
                <Group key={k} wrap="nowrap" gap="sm">
                  <Text size="lg" style={{ flex: 1 }} id={`votes-label-${m.memberId}-${k}`}>
                    {labelOf(k)}
                  </Text>
                  <NumberInput
                    aria-labelledby={`votes-label-${m.memberId}-${k}`}
                    value={votes[k]}
                    onChange={(v) => setVotes({ ...votes, [k]: typeof v === 'number' ? v : 0 })}
                    min={0}
                    max={s.base}
                    allowDecimal={false}
                    allowNegative={false}
                    size="lg"
                    w={110}
                    data-testid={`votes-${m.memberId}-${k}`}
                  />
                  <Text size="lg" fw={700} w={84} ta="right" data-testid={`share-${m.memberId}-${k}`}>
                    {sharePercent(votes[k], s.base)}
                  </Text>
                </Group>
              ))}
            </Stack>
            {over && <Text c="red.8">{T.sumOver(n(sum), n(s.base))}</Text>}
            <Select
              label={T.chiUyLevel}
              data={s.levels.map((l) => ({ value: l.key, label: l.label }))}
              value={level}
              onChange={(v) => setLevel(v as GradeLevel | null)}
              size="lg"
              allowDeselect={false}
            />
            <Textarea
              label={T.comments}
              value={comments}
              onChange={(e) => setComments(e.currentTarget.value)}
              autosize
              minRows={2}
              size="md"
            />
            {record.error && <Alert color="red">{record.error.message}</Alert>}
            <Group justify="flex-end">
              <Button
                size="lg"
                disabled={over || !level}
                loading={record.isPending}
                onClick={() =>
                  level &&
                  record.mutate(
                    { memberId: m.memberId, votes, proposedLevel: level, comments },
                    { onSuccess: () => notifications.show({ color: 'green', message: T.voteSaved }) },
                  )
                }
                data-testid={`save-vote-${m.memberId}`}
              >
                {T.saveVote}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function OrgAssessment({ s, year }: { s: SessionView; year: number }) {
  const save = useRecordSelfAssessment(s.cellId, year);
  const [scores, setScores] = useState<Record<string, number>>(s.selfAssessment?.scores ?? {});
  const [level, setLevel] = useState<GradeLevel | null>(s.selfAssessment?.proposedLevel ?? null);
  const [comments, setComments] = useState(s.selfAssessment?.comments ?? '');
  const total = Object.values(scores).reduce((a, v) => a + Math.round(v * 100), 0) / 100;
  return (
    <Card withBorder padding="md" data-testid="org-assessment">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {T.orgTitle}
        </Title>
        <Text c="dimmed">{T.orgHelp}</Text>
        {s.criteria.map((c) => (
          <NumberInput
            key={c.key}
            label={c.title}
            description={T.maxPoints(formatNumber(c.maxPoints))}
            value={scores[c.key] ?? ''}
            onChange={(v) => setScores({ ...scores, [c.key]: typeof v === 'number' ? v : 0 })}
            min={0}
            max={c.maxPoints}
            decimalScale={2}
            decimalSeparator=","
            size="lg"
            disabled={!s.canVote}
          />
        ))}
        <Text size="xl" fw={700} data-testid="org-total">
          {T.total(formatNumber(total, Number.isInteger(total) ? 0 : 2))}
        </Text>
        <Select
          label={T.orgLevel}
          data={s.levels.map((l) => ({ value: l.key, label: l.label }))}
          value={level}
          onChange={(v) => setLevel(v as GradeLevel | null)}
          size="lg"
          disabled={!s.canVote}
        />
        <Textarea
          label={T.orgComments}
          value={comments}
          onChange={(e) => setComments(e.currentTarget.value)}
          autosize
          minRows={2}
          disabled={!s.canVote}
        />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        {s.canVote && (
          <Group justify="flex-end">
            <Button
              size="lg"
              disabled={!level}
              loading={save.isPending}
              onClick={() =>
                level &&
                save.mutate(
                  { scores, proposedLevel: level, comments },
                  { onSuccess: () => notifications.show({ color: 'green', message: T.orgSaved }) },
                )
              }
            >
              {T.saveOrg}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function CellSessionPage() {
  const params = useParams();
  const cellId = Number(params.id);
  const year = Number(params.year);
  const session = useSession(cellId, year);
  if (session.isPending) return <PageLoader />;
  if (session.error) return <ErrorState error={session.error} />;
  const s = session.data;
  return (
    <Stack gap="lg" maw={1100} data-testid="cell-session-page">
      <Stack gap={4}>
        <Title order={1}>{T.sessionTitle(year)}</Title>
        <Text size="lg">{s.cellName}</Text>
        <Text size="lg" fw={600}>
          {T.base(n(s.base))}
        </Text>
        <Text c="dimmed">{T.baseHelp}</Text>
      </Stack>
      {s.reviewClosed && <Alert color="gray">{s.reviewClosed}</Alert>}
      {s.members.map((m) => (
        <MemberCard key={m.memberId} m={m} s={s} year={year} />
      ))}
      <OrgAssessment s={s} year={year} />
    </Stack>
  );
}
