/**
 * `/don-vi/:id/chuong-trinh/:year` — the cell's yearly programme (chương trình công tác năm):
 * grouped by quarter and month as large cards, editable while a draft or returned (the return
 * comment shown first), "Gửi cấp ủy duyệt" for the cell, "Duyệt" / "Trả lại" for the committee
 * above, "Điều chỉnh" once approved, the Word download, and each row's status from the records.
 */
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconCheck,
  IconDeviceFloppy,
  IconDownload,
  IconEdit,
  IconSend,
} from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { VI_ACTIVITY_PLANS as T } from '../../i18n/vi-activity-plans.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { type PlanBody, type PlanView, planDocxUrl, usePlan, usePlanAction } from './api.js';
import { type EditRow, type EditThematic, PlanQuarter } from './PlanQuarter.js';

const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
};

function rowsOf(v: PlanView): EditRow[] {
  return v.items.map((i) => ({
    key: `i${i.id}`,
    id: i.id,
    month: i.month,
    kind: i.kind === 'other' ? 'other' : 'key_task',
    title: i.title,
    responsible: i.responsible ?? '',
    responsibleMemberId: i.responsibleMemberId,
  }));
}

function thematicOf(v: PlanView): EditThematic[] {
  return [1, 2, 3, 4].map((quarter) => {
    const t = v.thematic.find((x) => x.quarter === quarter);
    return {
      quarter,
      topic: t?.topic ?? '',
      month: t?.month ?? null,
      presenterMemberId: t?.presenterMemberId ?? null,
    };
  });
}

function bodyOf(rows: EditRow[], thematic: EditThematic[], withThematic: boolean): PlanBody {
  return {
    items: rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      month: r.month,
      kind: r.kind,
      title: r.title.trim(),
      responsible: r.responsible.trim() || null,
      responsibleMemberId: r.responsibleMemberId,
    })),
    ...(withThematic
      ? {
          thematic: thematic
            .filter((t) => t.topic.trim() !== '')
            .map((t) => ({
              quarter: t.quarter,
              topic: t.topic.trim(),
              month: t.month,
              presenterMemberId: t.presenterMemberId,
            })),
        }
      : {}),
  };
}

function Programme({ cellId, year, view }: { cellId: number; year: number; view: PlanView }) {
  const actions = usePlanAction(cellId, year);
  const initialRows = useMemo(() => rowsOf(view), [view]);
  const initialThematic = useMemo(() => thematicOf(view), [view]);
  const [rows, setRows] = useState(initialRows);
  const [thematic, setThematic] = useState(initialThematic);
  useEffect(() => setRows(initialRows), [initialRows]);
  useEffect(() => setThematic(initialThematic), [initialThematic]);
  const counter = useRef(0);
  const newKey = () => `n${++counter.current}`;
  const [returnOpen, returnModal] = useDisclosure(false);
  const [reopenOpen, reopenModal] = useDisclosure(false);

  const editing = view.can.edit;
  const thematicDirty = JSON.stringify(thematic) !== JSON.stringify(initialThematic);
  const dirty = JSON.stringify(rows) !== JSON.stringify(initialRows) || thematicDirty;
  const plan = view.plan;
  const busy = Object.values(actions).some((a) => a.isPending);

  const save = async () => {
    try {
      await actions.save.mutateAsync(bodyOf(rows, thematic, view.can.editThematic && thematicDirty));
      notifySuccess(T.saved);
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    }
  };
  const submit = async () => {
    if (dirty && !(await save())) return;
    try {
      await actions.submit.mutateAsync();
      notifySuccess(T.submitted);
    } catch (e) {
      notifyError(e);
    }
  };
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      notifySuccess(ok);
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    }
  };

  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <Badge
          color={STATUS_COLOR[plan.status]}
          c="dark.8"
          size="xl"
          variant="light"
          tt="none"
          data-testid="activity-plan-status"
        >
          {plan.statusLabel}
        </Badge>
        <Text fw={600}>{T.progress(view.progress.done, view.progress.total)}</Text>
        {view.progress.notDone > 0 && (
          <Text c="red.9" fw={600}>
            · {T.progressNotDone(view.progress.notDone)}
          </Text>
        )}
      </Group>
      {plan.status === 'returned' && plan.decisionComment && (
        <Alert
          color="orange"
          variant="light"
          title={T.returnedAlert}
          styles={{
            title: { color: 'var(--mantine-color-dark-8)', fontSize: 'var(--mantine-font-size-lg)' },
          }}
          style={{ borderLeft: '6px solid var(--mantine-color-orange-8)' }}
          data-testid="activity-plan-return-comment"
        >
          <Stack gap={4}>
            <Text size="lg" fw={600}>
              {plan.decisionComment}
            </Text>
            {plan.decidedAt && (
              <Text size="sm">{T.returnedOn(formatDate(plan.decidedAt), plan.decidedByName)}</Text>
            )}
          </Stack>
        </Alert>
      )}
      {plan.status === 'draft' && plan.reopenReason && (
        <Alert color="yellow">{T.reopenedAlert(plan.reopenReason)}</Alert>
      )}
      {plan.status === 'approved' && plan.decidedAt && (
        <Alert color="green">{T.approvedAlert(formatDate(plan.decidedAt), plan.decidedByName)}</Alert>
      )}
      {plan.status === 'submitted' && plan.submittedAt && (
        <Alert color="blue">{T.submittedAlert(formatDate(plan.submittedAt))}</Alert>
      )}
      {editing && (
        <Text size="sm" c="dimmed">
          {T.intro}
        </Text>
      )}
      {[1, 2, 3, 4].map((q) => (
        <PlanQuarter
          key={q}
          quarter={q}
          view={view}
          editing={editing}
          editThematic={view.can.editThematic}
          rows={rows}
          thematic={thematic[q - 1]!}
          onRows={(fn) => setRows(fn)}
          onThematic={(t) => setThematic((all) => all.map((x) => (x.quarter === t.quarter ? t : x)))}
          newKey={newKey}
        />
      ))}
      <Group gap="sm" wrap="wrap">
        {editing && (
          <Button
            size="lg"
            leftSection={<IconDeviceFloppy size={22} />}
            onClick={() => void save()}
            loading={actions.save.isPending}
            disabled={busy || !dirty}
            data-testid="activity-plan-save"
          >
            {T.save}
          </Button>
        )}
        {editing && (rows.length > 0 || view.can.submit) && (
          <Button
            size="lg"
            color="teal.9"
            leftSection={<IconSend size={22} />}
            onClick={() => void submit()}
            loading={actions.submit.isPending}
            disabled={busy || rows.length === 0}
            data-testid="activity-plan-submit"
          >
            {T.submit}
          </Button>
        )}
        {view.can.decide && (
          <Button
            size="lg"
            color="teal.9"
            leftSection={<IconCheck size={22} />}
            onClick={() => void run(() => actions.approve.mutateAsync(), T.approved)}
            loading={actions.approve.isPending}
            disabled={busy}
            data-testid="activity-plan-approve"
          >
            {T.approve}
          </Button>
        )}
        {view.can.decide && (
          <Button
            size="lg"
            variant="default"
            leftSection={<IconArrowBackUp size={22} />}
            onClick={returnModal.open}
            disabled={busy}
            data-testid="activity-plan-return"
          >
            {T.return}
          </Button>
        )}
        {view.can.reopen && (
          <Button
            size="lg"
            variant="light"
            leftSection={<IconEdit size={22} />}
            onClick={reopenModal.open}
            disabled={busy}
            data-testid="activity-plan-reopen"
          >
            {T.reopen}
          </Button>
        )}
        <Button
          size="lg"
          variant="default"
          component="a"
          href={planDocxUrl(cellId, year)}
          download
          leftSection={<IconDownload size={22} />}
          data-testid="activity-plan-docx"
        >
          {T.download}
        </Button>
      </Group>
      {editing && dirty && (
        <Text size="sm" c="dimmed">
          {T.saveFirst}
        </Text>
      )}
      <ReasonModal
        opened={returnOpen}
        onClose={returnModal.close}
        title={T.returnTitle}
        help={T.returnHelp}
        label={T.returnLabel}
        submit={T.return}
        busy={actions.return.isPending}
        testId="activity-plan-return-modal"
        minLength={5}
        tooShort={T.returnShort}
        onSubmit={(comment) => run(() => actions.return.mutateAsync(comment), T.returned)}
      />
      <ReasonModal
        opened={reopenOpen}
        onClose={reopenModal.close}
        title={T.reopenTitle}
        help={T.reopenHelp}
        label={T.reopenLabel}
        submit={T.reopen}
        busy={actions.reopen.isPending}
        testId="activity-plan-reopen-modal"
        minLength={5}
        tooShort={T.reopenShort}
        onSubmit={(reason) => run(() => actions.reopen.mutateAsync(reason), T.reopened)}
      />
    </Stack>
  );
}

export function ActivityPlanPage() {
  const params = useParams();
  const cellId = Number(params.id);
  const year = Number(params.year);
  const navigate = useNavigate();
  const q = usePlan(cellId, year);
  const thisYear = Number(todayIso().slice(0, 4));
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const view = q.data;
  return (
    <Stack gap="md" maw={960} data-testid="activity-plan-page">
      <Stack gap={2}>
        <Group gap="xs">
          <Anchor component={Link} to={`/don-vi/${cellId}`} size="sm">
            {view.unit.name}
          </Anchor>
          {view.unit.parentId && view.can.committee && (
            <Anchor component={Link} to={`/don-vi/${view.unit.parentId}/chuong-trinh?nam=${year}`} size="sm">
              · {T.listTitle(year)}
            </Anchor>
          )}
        </Group>
        <Title order={2}>{T.title(year)}</Title>
      </Stack>
      <NativeSelect
        label={T.year}
        value={String(year)}
        onChange={(e) => navigate(`/don-vi/${cellId}/chuong-trinh/${e.currentTarget.value}`)}
        data={years.map((y) => ({ value: String(y), label: T.yearOption(y) }))}
        size="md"
        w={180}
      />
      <Programme key={`${cellId}-${year}`} cellId={cellId} year={year} view={view} />
    </Stack>
  );
}
