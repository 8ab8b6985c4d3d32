import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconCircleCheck,
  IconFileSpreadsheet,
  IconInfoCircle,
  IconUpload,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FIELD_LABELS } from '../../../../src/features/members/import/fields.js';
import { ApiError, api, isNotFound, uploadFile } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import type { ImportIssue, MemberImport } from '../../api/types.js';
import { notifyError } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatNumber, formatPercent } from '../../lib/format.js';

const SHOWN_ROWS = 200;
const ACTIVE = new Set(['validating', 'committing']);

export function ImportPage() {
  const id = Number(useParams().id);
  const unit = useUnit(Number.isInteger(id) && id > 0 ? id : 0);
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | number | null>(null);
  const [committing, setCommitting] = useState(false);

  const job = useQuery({
    queryKey: ['member-import', importId],
    queryFn: () => api.get<MemberImport>(`/api/member-imports/${importId}`),
    enabled: importId !== null,
    // Poll while the server works through the rows (validation, then the all-or-nothing commit).
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.status) ? false : 500),
    retry: 1,
  });

  if (isNotFound(unit.error) || !(id > 0)) return <NotFound message={vi.notFound.unit} />;
  if (unit.isLoading) return <PageLoader />;
  if (unit.error || !unit.data) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;
  const u = unit.data;
  if (!u.permissions.canImportMembers) {
    return <ErrorState error={new ApiError(403, 'FORBIDDEN', vi.validation.noImportPermission)} />;
  }

  const data = job.data;
  const start = async () => {
    if (!file) return;
    setUploadError(null);
    setUpload(0);
    try {
      const res = await uploadFile<{ id: string | number; status: string }>(
        `/api/org-units/${u.id}/member-imports`,
        file,
        setUpload,
      );
      setImportId(res.id);
    } catch (err) {
      setUploadError(err instanceof ApiError ? err.message : vi.validation.uploadFailed);
    } finally {
      setUpload(null);
    }
  };

  const commit = async () => {
    if (!data) return;
    setCommitting(true);
    try {
      const res = await api.post<Partial<MemberImport>>(`/api/member-imports/${data.id}/commit`);
      qc.setQueryData<MemberImport>(['member-import', importId], (prev) =>
        prev ? { ...prev, ...res } : prev,
      );
      await qc.invalidateQueries({ queryKey: ['member-import', importId] });
      await Promise.all(
        ['members', 'org-unit', 'org-unit-children', 'org-unit-tree'].map((k) =>
          qc.invalidateQueries({ queryKey: [k] }),
        ),
      );
    } catch (err) {
      notifyError(err, vi.imports.failed);
      await qc.invalidateQueries({ queryKey: ['member-import', importId] });
    } finally {
      setCommitting(false);
    }
  };

  const reset = () => {
    setImportId(null);
    setFile(null);
    setUploadError(null);
  };

  const status = data?.status;
  const step = !importId ? 0 : status === 'done' ? 3 : status === 'committing' ? 2 : 1;

  return (
    <Stack gap="lg" maw={1200}>
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        <Anchor component={Link} to={`/don-vi/${u.id}`} size="sm">
          {u.name}
        </Anchor>
        <Text size="sm" c="dimmed">
          {vi.unit.actions.import}
        </Text>
      </Breadcrumbs>
      <Title order={1}>{vi.imports.title}</Title>
      <Text c="dimmed">{u.name}</Text>

      <Stepper
        active={step}
        size="sm"
        allowNextStepsSelect={false}
        completedIcon={<IconCheck size={18} color="white" />}
      >
        <Stepper.Step label={vi.imports.steps.file} />
        <Stepper.Step label={vi.imports.steps.check} />
        <Stepper.Step label={vi.imports.steps.commit} />
      </Stepper>

      {!importId && (
        <Paper withBorder p="md" radius="md">
          <Stack>
            <Text>{vi.imports.fileHelp}</Text>
            <FileInput
              label={vi.imports.chooseFile}
              placeholder={vi.text.pickFile}
              accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain"
              value={file}
              onChange={setFile}
              leftSection={<IconFileSpreadsheet size={20} />}
              clearable
              size="md"
              data-testid="import-file"
            />
            {upload !== null && (
              <Stack gap={4}>
                <Text size="sm">{vi.imports.uploading}</Text>
                <Progress value={upload * 100} size="xl" striped animated aria-label={vi.imports.uploading} />
                <Text size="sm" c="dimmed">
                  {formatPercent(Math.round(upload * 100), 100, 0)}
                </Text>
              </Stack>
            )}
            {uploadError && (
              <Alert color="red" icon={<IconAlertTriangle />} role="alert">
                {uploadError}
              </Alert>
            )}
            <Group>
              <Button
                leftSection={<IconUpload size={20} />}
                disabled={!file}
                loading={upload !== null}
                onClick={start}
              >
                {vi.imports.upload}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {importId && job.error && <ErrorState error={job.error} onRetry={() => job.refetch()} />}
      {importId && !data && !job.error && <PageLoader />}

      {data && ACTIVE.has(data.status) && (
        <Paper withBorder p="md" radius="md" data-testid="import-progress">
          <Stack gap={6}>
            <Text fw={600}>
              {data.status === 'validating' ? vi.imports.validating : vi.imports.committing}
            </Text>
            <Progress
              value={data.totalRows > 0 ? (data.processed * 100) / data.totalRows : 0}
              size="xl"
              striped
              animated
              aria-label={data.status === 'validating' ? vi.imports.validating : vi.imports.committing}
            />
            <Text size="sm" c="dimmed">
              {data.fileName} — {vi.imports.rows(formatNumber(data.processed), formatNumber(data.totalRows))}
            </Text>
          </Stack>
        </Paper>
      )}

      {data && (data.status === 'ready' || data.status === 'invalid' || data.status === 'failed') && (
        <Checked data={data} onCommit={commit} committing={committing} onReset={reset} />
      )}

      {data && data.status === 'done' && (
        <Alert color="teal" icon={<IconCircleCheck />} title={vi.imports.done} data-testid="import-done">
          <Stack gap="sm">
            <Text>
              {vi.imports.doneBody(formatNumber(data.summary.create), formatNumber(data.summary.update))}
            </Text>
            <Group>
              <Button component={Link} to={`/don-vi/${u.id}`}>
                {vi.imports.backToUnit}
              </Button>
              <Button variant="default" onClick={reset}>
                {vi.imports.chooseAnother}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function Checked({
  data,
  onCommit,
  committing,
  onReset,
}: {
  data: MemberImport;
  onCommit: () => void;
  committing: boolean;
  onReset: () => void;
}) {
  const s = data.summary;
  const blocked = s.errors > 0 || data.status !== 'ready';
  return (
    <Stack gap="lg">
      {data.fileError && (
        <Alert color="red" icon={<IconAlertTriangle />} title={vi.imports.fileError} role="alert">
          {data.fileError}
        </Alert>
      )}
      {data.status === 'failed' && !data.fileError && (
        <Alert color="red" icon={<IconAlertTriangle />} title={vi.imports.failed} role="alert">
          {vi.imports.allOrNothing}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h3" mb="sm">
          {vi.imports.summary} — {data.fileName}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid="import-summary">
          <SummaryCard label={vi.imports.create} value={s.create} color="teal" />
          <SummaryCard label={vi.imports.update} value={s.update} color="blue" />
          <SummaryCard label={vi.imports.unchanged} value={s.unchanged} color="gray" />
          <SummaryCard label={vi.imports.errors} value={s.errors} color="red" />
          <SummaryCard label={vi.imports.warnings} value={s.warnings} color="yellow" />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Stack>
          <Alert
            color={blocked ? 'red' : 'blue'}
            variant="light"
            icon={blocked ? <IconAlertTriangle /> : <IconInfoCircle />}
            data-testid="import-explain"
          >
            {blocked ? vi.imports.allOrNothing : vi.imports.readyExplain}
          </Alert>
          <Group>
            <Button
              size="lg"
              disabled={blocked}
              loading={committing}
              onClick={onCommit}
              data-testid="import-commit"
            >
              {vi.imports.commit}
            </Button>
            <Button variant="default" onClick={onReset}>
              {vi.imports.chooseAnother}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {data.errors.length > 0 && (
        <IssueTable title={vi.imports.errorTable} issues={data.errors} color="red" testId="import-errors" />
      )}
      {data.warnings.length > 0 && (
        <IssueTable
          title={vi.imports.warningTable}
          issues={data.warnings}
          color="yellow"
          testId="import-warnings"
        />
      )}

      {data.preview && (data.preview.create.length > 0 || data.preview.update.length > 0) && (
        <Preview data={data} />
      )}
    </Stack>
  );
}

function SummaryCard({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder p="sm" radius="md" bg={value > 0 ? `${color}.0` : undefined}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  if (v instanceof Object) return JSON.stringify(v);
  return String(v);
}

function IssueTable({
  title,
  issues,
  color,
  testId,
}: {
  title: string;
  issues: ImportIssue[];
  color: string;
  testId: string;
}) {
  const shown = issues.slice(0, SHOWN_ROWS);
  return (
    <Paper withBorder p="md" radius="md">
      <Group gap="xs" mb="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Badge color={color} size="lg">
          {formatNumber(issues.length)}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" className="chibo-table" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{vi.imports.row}</Table.Th>
              <Table.Th>{vi.imports.column}</Table.Th>
              <Table.Th>{vi.imports.value}</Table.Th>
              <Table.Th>{color === 'red' ? vi.imports.message : vi.imports.warningMessage}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((i, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: several issues may share a row and column
              <Table.Tr key={n}>
                <Table.Td>{i.row ? formatNumber(i.row) : ''}</Table.Td>
                <Table.Td>
                  {[
                    i.columnLetter,
                    i.column ?? (i.field ? FIELD_LABELS[i.field as keyof typeof FIELD_LABELS] : null),
                  ]
                    .filter(Boolean)
                    .join(' — ')}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{showValue(i.value)}</Table.Td>
                <Table.Td>{i.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {issues.length > SHOWN_ROWS && (
        <Text size="sm" c="dimmed" mt="xs">
          {vi.imports.more(formatNumber(issues.length - SHOWN_ROWS))}
        </Text>
      )}
    </Paper>
  );
}

/** A planned change as the server words it (labels and values in Vietnamese, see import/present.ts). */
type ShownChange = { label: string; from: string; to: string };
type UpdatePreview = NonNullable<MemberImport['preview']>['update'][number] & { shown?: ShownChange[] };

function changeText(c: UpdatePreview): string {
  // Older jobs stored before the server worded its changes still show their field labels.
  const shown =
    c.shown ??
    Object.entries(c.changes ?? {}).map(([f, ch]) => ({
      label: f === 'cellId' ? FIELD_LABELS.cellName : (FIELD_LABELS[f as keyof typeof FIELD_LABELS] ?? f),
      from: showValue(ch.from),
      to: showValue(ch.to),
    }));
  return shown.map((ch) => `${ch.label}: ${ch.from || vi.text.empty} → ${ch.to || vi.text.empty}`).join('; ');
}

function Preview({ data }: { data: MemberImport }) {
  const p = data.preview!;
  return (
    <Paper withBorder p="md" radius="md" data-testid="import-preview">
      <Title order={2} size="h3" mb="sm">
        {vi.imports.preview}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {p.create.length > 0 && (
          <Stack gap={6}>
            <Text fw={700}>
              {vi.imports.previewCreate} ({formatNumber(p.create.length)})
            </Text>
            <List size="sm" spacing={2}>
              {p.create.slice(0, SHOWN_ROWS).map((c) => (
                <List.Item key={c.rowNumber}>
                  {vi.imports.row} {formatNumber(c.rowNumber)}: <b>{c.fullName}</b>
                  {c.cellName ? ` — ${c.cellName}` : ''}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {p.update.length > 0 && (
          <Stack gap={6}>
            <Text fw={700}>
              {vi.imports.previewUpdate} ({formatNumber(p.update.length)})
            </Text>
            <List size="sm" spacing={4}>
              {p.update.slice(0, SHOWN_ROWS).map((c: UpdatePreview) => (
                <List.Item key={c.rowNumber}>
                  {vi.imports.row} {formatNumber(c.rowNumber)}: <b>{c.fullName}</b>
                  <Text size="sm" c="dimmed">
                    {changeText(c)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </SimpleGrid>
    </Paper>
  );
}
