/**
 * `/kiem-diem/:year` (and `/kiem-diem`, this year's) — the member's own bản kiểm điểm: the pack's
 * sections as big text areas, the level proposed as large radio cards, the year's record beside
 * it (below on a phone), Save draft and Submit with a confirmation. Read-only once submitted.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDownload, IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useMe } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_GRADING_REVIEW as T } from '../../i18n/vi-grading-review.js';
import { formatDate, todayIso } from '../../lib/format.js';
import {
  type GradeLevel,
  reviewYear,
  type SelfReviewView,
  selfReviewDocxHref,
  useMyGrading,
  useSaveSelfReview,
  useSelfReview,
} from './reviewApi.js';
import { YearRecordCards } from './YearRecordCards.js';

/** `/kiem-diem`: the year of the open campaign over my cell, else the year under review. */
export function SelfReviewHome() {
  const mine = useMyGrading();
  if (mine.isPending) return <PageLoader />;
  const year = mine.data?.self[0]?.year ?? reviewYear(todayIso());
  return <Navigate to={`/kiem-diem/${year}`} replace />;
}

function Editor({ view, year }: { view: SelfReviewView; year: number }) {
  const save = useSaveSelfReview(view.memberId, year);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [level, setLevel] = useState<GradeLevel | null>(view.proposedLevel);
  const [confirm, setConfirm] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the saved revision changes
  useEffect(() => {
    setTexts(Object.fromEntries(view.sections.map((s) => [s.key, s.text])));
    setLevel(view.proposedLevel);
  }, [view.revision]);
  const locked = !view.canEdit;
  const send = (submit: boolean) =>
    save.mutate(
      { sections: texts, proposedLevel: view.graded ? level : null, submit, revision: view.revision },
      {
        onSuccess: () => {
          setConfirm(false);
          notifications.show({ color: 'green', message: submit ? T.submittedToast : T.saved });
        },
      },
    );
  return (
    <Stack gap="md">
      {view.sections.map((s, i) => (
        <Textarea
          key={s.key}
          label={`${i + 1}. ${s.title}`}
          description={s.hint}
          value={texts[s.key] ?? ''}
          onChange={(e) => setTexts({ ...texts, [s.key]: e.currentTarget.value })}
          readOnly={locked}
          autosize
          minRows={4}
          size="lg"
          name={s.key}
          data-testid={`section-${s.key}`}
        />
      ))}
      {view.graded ? (
        <Radio.Group
          label={T.proposed}
          value={level ?? ''}
          onChange={(v) => setLevel(v as GradeLevel)}
          size="lg"
          data-testid="proposed-level"
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {view.levels.map((l) => (
              <Radio.Card
                key={l.key}
                value={l.key}
                disabled={locked}
                p="md"
                radius="md"
                withBorder
                data-testid={`level-${l.key}`}
              >
                <Group wrap="nowrap" align="flex-start">
                  <Radio.Indicator />
                  <Text fw={600} size="lg">
                    {l.label}
                  </Text>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
      ) : (
        <Alert color="blue" title={T.notGraded}>
          {view.notGradedReason}
        </Alert>
      )}
      {save.error && <Alert color="red">{save.error.message}</Alert>}
      {!locked && (
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            size="lg"
            leftSection={<IconDeviceFloppy size={22} />}
            loading={save.isPending && !confirm}
            onClick={() => send(false)}
            data-testid="save-draft"
          >
            {T.saveDraft}
          </Button>
          <Button
            size="lg"
            leftSection={<IconSend size={22} />}
            onClick={() => setConfirm(true)}
            disabled={view.graded && !level}
            data-testid="submit"
          >
            {T.submit}
          </Button>
        </Group>
      )}
      {!locked && view.graded && !level && (
        <Text c="dimmed" ta="right">
          {T.chooseLevel}
        </Text>
      )}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={T.confirmTitle} centered size="lg">
        <Stack>
          <Text size="lg">{T.confirmBody}</Text>
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={() => setConfirm(false)}>
              {T.cancel}
            </Button>
            <Button
              size="lg"
              loading={save.isPending}
              onClick={() => send(true)}
              data-testid="confirm-submit"
            >
              {T.confirmYes}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function SelfReviewPage() {
  const year = Number(useParams().year);
  const me = useMe().data!;
  const memberId = me.member?.id ?? null;
  const view = useSelfReview(memberId, year);
  const mine = useMyGrading();
  if (memberId === null) return <Alert color="gray">{T.notMember}</Alert>;
  if (view.isPending) return <PageLoader />;
  if (view.error) return <ErrorState error={view.error} />;
  const v = view.data;
  const campaign = mine.data?.self.find((c) => c.year === year);
  const sessions = mine.data?.sessions.filter((s) => s.year === year) ?? [];
  return (
    <Stack gap="lg" maw={1200} data-testid="self-review-page">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={1}>{T.selfTitle(year)}</Title>
          <Badge size="xl" color={v.status === 'submitted' ? 'teal.9' : 'gray.7'} tt="none">
            {T.status[v.status]}
          </Badge>
        </Group>
        <Text size="lg">{T.cell(v.cellName)}</Text>
        {v.reviewClosed ? (
          <Alert color="gray">{v.reviewClosed}</Alert>
        ) : campaign ? (
          <Text size="lg" fw={600} c="partyRed.8">
            {T.due(formatDate(campaign.selfReviewDue))}
          </Text>
        ) : (
          <Text c="dimmed">{T.noCampaign}</Text>
        )}
        {sessions.map((s) => (
          <Anchor key={s.cellId} component={Link} to={`/don-vi/${s.cellId}/kiem-diem/${s.year}`} size="lg">
            {T.sessionLink(s.cellName)}
          </Anchor>
        ))}
      </Stack>
      {v.status === 'submitted' && v.submittedAt ? (
        <Alert color="green">{T.submittedOn(formatDate(String(v.submittedAt).slice(0, 10)))}</Alert>
      ) : (
        <Text size="lg">{T.selfIntro}</Text>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Editor view={v} year={year} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Title order={2} size="h3">
              {T.recordTitle}
            </Title>
            <YearRecordCards record={v.record} />
            <Card withBorder padding="md">
              <Anchor href={selfReviewDocxHref(v.memberId, year)} size="lg" data-testid="self-review-docx">
                <Group gap={6} wrap="nowrap">
                  <IconDownload size={22} />
                  {T.download}
                </Group>
              </Anchor>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
