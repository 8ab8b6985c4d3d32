/**
 * `/kiem-tra/:id` — one inspection or supervision. For the committee before the issue: the
 * findings (ưu điểm, hạn chế, khuyết điểm: three large text areas), the conclusion, the remedies
 * with their due dates, "Ban hành kết luận" (number, date; a confirmation that says it locks).
 * After the issue, and for the cell: the same read-only, each remedy with its status and, for
 * the cell, an answer box; the documents to download; the supervision visits made under it.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDeviceFloppy, IconDownload, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DatePickerField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_INSPECTIONS as T } from '../../i18n/vi-inspections.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { conclusionUrl, type InspectionDetail, useInspection, useInspectionActions } from './api.js';
import { StatusBadge } from './InspectionsPage.js';
import { RemedyRow } from './RemedyRow.js';

type Field = 'strengths' | 'limitations' | 'shortcomings' | 'conclusion';
const FIELDS: Field[] = ['strengths', 'limitations', 'shortcomings', 'conclusion'];

interface Draft {
  texts: Record<Field, string>;
  remedies: { content: string; dueOn: string }[];
}

const draftOf = (v: InspectionDetail): Draft => ({
  texts: Object.fromEntries(FIELDS.map((f) => [f, v[f] ?? ''])) as Record<Field, string>,
  remedies: v.remedies.map((r) => ({ content: r.content, dueOn: r.dueOn })),
});

function Findings({ v }: { v: InspectionDetail }) {
  return (
    <Stack gap="sm">
      {FIELDS.map((f) => (
        <Stack key={f} gap={2}>
          <Text fw={700}>{T[f]}</Text>
          <Text style={{ whiteSpace: 'pre-line' }}>{v[f] || T.notWritten}</Text>
        </Stack>
      ))}
    </Stack>
  );
}

function Editor({ v, actions }: { v: InspectionDetail; actions: ReturnType<typeof useInspectionActions> }) {
  const initial = useMemo(() => draftOf(v), [v]);
  const [d, setD] = useState(initial);
  useEffect(() => setD(initial), [initial]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issueOpen, issueModal] = useDisclosure(false);
  const [no, setNo] = useState('');
  const [on, setOn] = useState<string | null>(todayIso());
  const dirty = JSON.stringify(d) !== JSON.stringify(initial);
  const save = async () => {
    try {
      await actions.patch.mutateAsync({
        ...d.texts,
        remedies: d.remedies.map((r) => ({ content: r.content.trim(), dueOn: r.dueOn })),
      });
      setErrors({});
      notifySuccess(T.saved);
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      notifyError(e);
    }
  };
  const issue = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await actions.issue.mutateAsync({ conclusionNo: no.trim(), concludedOn: on ?? '' });
      notifySuccess(T.issued);
      issueModal.close();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
      notifyError(err);
    }
  };
  const setRemedy = (i: number, patch: Partial<Draft['remedies'][number]>) =>
    setD((x) => ({ ...x, remedies: x.remedies.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  return (
    <Stack gap="md">
      {FIELDS.map((f) => (
        <Textarea
          key={f}
          label={T[f]}
          value={d.texts[f]}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setD((x) => ({ ...x, texts: { ...x.texts, [f]: value } }));
          }}
          autosize
          minRows={f === 'conclusion' ? 3 : 5}
          size="md"
          error={errors[f]}
        />
      ))}
      <Title order={3}>{T.remedies}</Title>
      {d.remedies.length === 0 && <Text c="dimmed">{T.noRemedies}</Text>}
      {d.remedies.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
        <Card key={i} withBorder radius="md" padding="sm">
          <Group align="flex-end" gap="xs" wrap="wrap">
            <Textarea
              label={T.remedyContent(i + 1)}
              value={r.content}
              onChange={(e) => setRemedy(i, { content: e.currentTarget.value })}
              autosize
              minRows={2}
              size="md"
              style={{ flex: '1 1 260px' }}
            />
            <div style={{ width: 190 }}>
              <DatePickerField
                label={T.remedyDue(i + 1)}
                value={r.dueOn || null}
                onChange={(v) => setRemedy(i, { dueOn: v ?? '' })}
                minDate={`${v.plannedMonth}-01`}
              />
            </div>
            <ActionIcon
              variant="subtle"
              color="red"
              size="xl"
              aria-label={T.removeRemedy(i + 1)}
              onClick={() => setD((x) => ({ ...x, remedies: x.remedies.filter((_, j) => j !== i) }))}
            >
              <IconTrash size={20} />
            </ActionIcon>
          </Group>
        </Card>
      ))}
      {errors.dueOn && <Text c="red.8">{errors.dueOn}</Text>}
      <Button
        variant="subtle"
        leftSection={<IconPlus size={18} />}
        w="fit-content"
        onClick={() => setD((x) => ({ ...x, remedies: [...x.remedies, { content: '', dueOn: '' }] }))}
      >
        {T.addRemedy}
      </Button>
      <Group gap="sm" wrap="wrap">
        <Button
          size="md"
          leftSection={<IconDeviceFloppy size={20} />}
          onClick={save}
          loading={actions.patch.isPending}
          disabled={!dirty}
        >
          {T.save}
        </Button>
        <Button
          size="md"
          color="red"
          variant="light"
          leftSection={<IconLock size={20} />}
          onClick={issueModal.open}
          disabled={dirty}
          data-testid="inspection-issue"
        >
          {T.issue}
        </Button>
      </Group>
      {dirty && (
        <Text size="sm" c="dimmed">
          {T.issueUnsaved}
        </Text>
      )}
      <Modal
        opened={issueOpen}
        onClose={issueModal.close}
        title={T.issueTitle}
        closeButtonProps={{ 'aria-label': T.cancel }}
      >
        <form onSubmit={issue}>
          <Stack gap="sm">
            <Alert color="red" icon={<IconLock size={20} />}>
              {T.issueHelp}
            </Alert>
            <TextInput
              label={T.issueNo}
              placeholder={T.issueNoHint}
              value={no}
              onChange={(e) => setNo(e.currentTarget.value)}
              required
              size="md"
              error={errors.conclusionNo}
              data-testid="inspection-issue-no"
            />
            <DatePickerField
              label={T.issueDate}
              value={on}
              onChange={setOn}
              required
              maxDate={todayIso()}
              error={errors.concludedOn || errors.conclusion}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={issueModal.close}>
                {T.cancel}
              </Button>
              <Button
                type="submit"
                color="red"
                loading={actions.issue.isPending}
                data-testid="inspection-issue-confirm"
              >
                {T.issueConfirm}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

export function InspectionPage() {
  const id = Number(useParams().id);
  const q = useInspection(id);
  const actions = useInspectionActions(id);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const v = q.data;
  const backTo =
    v.canManage || v.canClose
      ? `/don-vi/${v.committeeId}/kiem-tra?nam=${v.year}`
      : `/don-vi/${v.unitId}/kiem-tra`;
  const showDocs = v.issued || v.canManage;
  return (
    <Stack gap="lg" maw={900} data-testid="inspection-page">
      <Stack gap={4}>
        <Anchor component={Link} to={backTo} size="sm">
          {v.canManage || v.canClose ? v.planTitle : T.cellTitle}
        </Anchor>
        <Title order={2}>{T.heading(v.kind, v.content)}</Title>
        <Group gap="sm" wrap="wrap">
          <Text>{T.meta(v.unitName, T.monthLabel(v.plannedMonth))}</Text>
          <StatusBadge status={v.status} />
        </Group>
        <Text size="sm">
          {T.team}:{' '}
          {v.team.length
            ? v.team.map((m) => `${m.name} (${T.roles[m.role]?.toLowerCase()})`).join(', ')
            : T.noTeam}
        </Text>
        {v.issued && v.conclusionNo && v.concludedOn && (
          <Text size="sm" fw={600}>
            {T.issuedLine(v.conclusionNo, formatDate(v.concludedOn))}
            {v.contentHash ? ` · ${T.hash(v.contentHash)}` : ''}
          </Text>
        )}
      </Stack>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Title order={3}>{T.findings}</Title>
          {v.canManage ? (
            <Editor v={v} actions={actions} />
          ) : v.issued ? (
            <Findings v={v} />
          ) : (
            <Text c="dimmed">{T.notYetIssued}</Text>
          )}
        </Stack>
      </Card>
      {v.issued && (
        <Stack gap="sm">
          <Title order={3}>{T.remedies}</Title>
          {v.remedies.length === 0 && <Text c="dimmed">{T.noRemedies}</Text>}
          {v.remedies.map((r) => (
            <RemedyRow key={`${r.id}-${r.status}`} r={r} canClose={v.canClose} actions={actions} />
          ))}
        </Stack>
      )}
      {showDocs && (
        <Stack gap="xs">
          <Title order={3}>{T.downloads}</Title>
          <Group gap="sm">
            <Button
              component="a"
              href={conclusionUrl(v.id, 'docx')}
              variant="light"
              size="md"
              leftSection={<IconDownload size={20} />}
            >
              {T.docx}
            </Button>
            <Button
              component="a"
              href={conclusionUrl(v.id, 'pdf')}
              variant="light"
              size="md"
              leftSection={<IconDownload size={20} />}
            >
              {T.pdf}
            </Button>
          </Group>
          {!v.issued && (
            <Text size="sm" c="dimmed">
              {T.draftDoc}
            </Text>
          )}
        </Stack>
      )}
      {v.visits.length > 0 && (
        <Stack gap="xs">
          <Title order={3}>{T.visits}</Title>
          {v.visits.map((x) => (
            <Text key={x.id}>
              {T.visitLine(formatDate(x.visitedOn), x.supervisor)}
              {x.comments ? `: ${x.comments}` : ''}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
