/**
 * `/don-vi/:id/chi-uy` — the cell's chi ủy: the term in office, its members with their roles and
 * dates, which of them have no chibo account (the chi ủy is who was elected, not who has an
 * account), and the form to record it (member picker and role select, large on a phone).
 */

import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  COMMITTEE_ROLES,
  type CommitteeRole,
  cellCommitteeBody,
  committeeProblem,
} from '../../../../src/features/cell-committee/schema.js';
import { ApiError, isNotFound } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { VI_CELL_BODY } from '../../i18n/vi-cell-body.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { zodFieldErrors } from '../meetings/bits.js';
import { type CellCommitteeView, useCellCommittee, useSaveCellCommittee } from './api.js';
import { CommitteeDateField } from './CommitteeDateField.js';

const T = VI_CELL_BODY.committee;
const ROLE_OPTIONS = (Object.keys(COMMITTEE_ROLES) as CommitteeRole[]).map((k) => ({
  value: k,
  label: COMMITTEE_ROLES[k],
}));

interface Row {
  /** A stable key for React (rows are added and removed). */
  key: number;
  memberId: string | null;
  role: CommitteeRole;
  fromOn: string | null;
  toOn: string | null;
}

export function CellCommitteePage() {
  const id = Number(useParams().id);
  const q = useCellCommittee(id);
  const [editing, setEditing] = useState(false);
  if (!Number.isInteger(id) || id <= 0 || isNotFound(q.error)) return <NotFound message={vi.notFound.unit} />;
  if (q.isLoading) return <PageLoader />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  return (
    <Stack gap="md" data-testid="cell-committee-page">
      <Anchor component={Link} to={`/don-vi/${id}`} size="md">
        <Group gap={4} component="span">
          <IconArrowLeft size={18} /> {T.back}
        </Group>
      </Anchor>
      <Title order={1} size="h2">
        {T.title} — {d.unitName}
      </Title>
      <Alert color={d.committeeExpected ? 'blue' : 'gray'} icon={<IconUsersGroup size={20} />}>
        {T.rule(formatNumber(d.officialMembers), d.threshold, d.committeeExpected)}
      </Alert>
      {!d.canManage && <Alert color="gray">{T.readOnly}</Alert>}
      {editing ? (
        <CommitteeForm data={d} onDone={() => setEditing(false)} />
      ) : (
        <>
          <TermCard data={d} />
          {d.canManage && (
            <Button
              size="lg"
              leftSection={<IconPencil size={20} />}
              onClick={() => setEditing(true)}
              w="fit-content"
              data-testid="cell-committee-edit"
            >
              {d.term ? T.edit : T.record}
            </Button>
          )}
        </>
      )}
      {d.terms.length > 1 && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {T.otherTerms}
          </Title>
          {d.terms.map((t) => (
            <Text key={t.id}>
              {T.term(t.termLabel)} · {T.electedOn.toLowerCase()} {formatDate(t.electedOn)}
              {t.endsOn ? ` – ${formatDate(t.endsOn)}` : ''}
            </Text>
          ))}
        </Paper>
      )}
    </Stack>
  );
}

function TermCard({ data }: { data: CellCommitteeView }) {
  const term = data.term;
  if (!term) {
    return (
      <Paper withBorder p="md" radius="md">
        <Text size="lg">{T.none}</Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {T.term(term.termLabel)}
          </Title>
          <Text c="dimmed">
            {T.electedOn}: {formatDate(term.electedOn)}
            {term.endsOn ? ` · ${T.endsOn}: ${formatDate(term.endsOn)}` : ''}
          </Text>
        </Group>
        {term.withoutAccount > 0 && (
          <Alert color="orange" data-testid="committee-without-account">
            {T.withoutAccount(formatNumber(term.withoutAccount))}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {term.members.map((m) => (
            <Card key={m.memberId} withBorder padding="sm" radius="md" data-testid="committee-member">
              <Stack gap={4}>
                <Anchor component={Link} to={`/dang-vien/${m.memberId}`} fw={700} size="lg">
                  {m.fullName}
                </Anchor>
                <Group gap={6} wrap="wrap">
                  <Badge size="lg" tt="none" variant={m.role === 'bi_thu' ? 'filled' : 'light'}>
                    {m.roleLabel}
                  </Badge>
                  {!m.current && (
                    <Badge size="lg" tt="none" color="gray.8" variant="outline">
                      {T.past}
                    </Badge>
                  )}
                  <Badge
                    size="lg"
                    tt="none"
                    color={m.hasAccount ? 'teal.9' : 'orange'}
                    variant={m.hasAccount ? 'outline' : 'light'}
                    styles={m.hasAccount ? undefined : { label: { color: 'var(--mantine-color-dark-7)' } }}
                  >
                    {m.hasAccount ? T.hasAccount : T.noAccount}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {T.from} {formatDate(m.fromOn)}
                  {m.toOn ? ` · ${T.to} ${formatDate(m.toOn)}` : ''}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function CommitteeForm({ data, onDone }: { data: CellCommitteeView; onDone: () => void }) {
  const save = useSaveCellCommittee(data.unitId);
  const term = data.term;
  const [termLabel, setTermLabel] = useState(term?.termLabel ?? '2025–2030');
  const [electedOn, setElectedOn] = useState<string | null>(term?.electedOn ?? null);
  const [endsOn, setEndsOn] = useState<string | null>(term?.endsOn ?? null);
  const [rows, setRows] = useState<Row[]>(
    term?.members.length
      ? term.members.map((m, i) => ({
          key: i,
          memberId: String(m.memberId),
          role: m.role,
          fromOn: m.fromOn === term.electedOn ? null : m.fromOn,
          toOn: m.toOn,
        }))
      : [{ key: 0, memberId: null, role: 'bi_thu', fromOn: null, toOn: null }],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Members already recorded stay choosable even if no longer official today.
  const known = new Map(data.officials.map((o) => [o.id, o.fullName]));
  for (const m of term?.members ?? []) if (!known.has(m.memberId)) known.set(m.memberId, m.fullName);
  const options = [...known.entries()].map(([value, label]) => ({ value: String(value), label }));
  const roles = data.committeeExpected ? ROLE_OPTIONS : ROLE_OPTIONS.filter((r) => r.value !== 'chi_uy_vien');
  const set = (i: number, patch: Partial<Row>) =>
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = () => {
    const body = {
      termLabel,
      electedOn,
      endsOn,
      members: rows.map((r) => ({
        memberId: Number(r.memberId),
        role: r.role,
        fromOn: r.fromOn,
        toOn: r.toOn,
      })),
    };
    const parsed = cellCommitteeBody.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, { fullPath: true }));
      return;
    }
    const problem = committeeProblem(parsed.data);
    if (problem) {
      setErrors({ [problem.field]: problem.message });
      return;
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: T.saved });
        onDone();
      },
      onError: (e) =>
        setErrors(e instanceof ApiError ? { ...e.fieldErrors, form: e.message } : { form: String(e) }),
    });
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="cell-committee-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={T.termLabel}
            description={T.termLabelHelp}
            value={termLabel}
            onChange={(e) => setTermLabel(e.currentTarget.value)}
            error={errors.termLabel}
            size="md"
          />
          <CommitteeDateField
            label={T.electedOn}
            value={electedOn}
            onChange={setElectedOn}
            error={errors.electedOn}
          />
          <CommitteeDateField
            label={T.endsOn}
            value={endsOn}
            onChange={setEndsOn}
            error={errors.endsOn}
            clearable
          />
        </SimpleGrid>
        <Title order={2} size="h4">
          {T.members}
        </Title>
        {errors.members && (
          <Alert color="red" data-testid="committee-members-error">
            {errors.members}
          </Alert>
        )}
        {rows.map((r, i) => (
          <Card key={r.key} withBorder padding="sm" radius="md" data-testid="committee-row">
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600}>{T.rowTitle(i + 1)}</Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={T.removeRow(i + 1)}
                  onClick={() => setRows((x) => x.filter((_, j) => j !== i))}
                  disabled={rows.length === 1}
                >
                  <IconTrash size={20} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <Select
                  label={T.member}
                  placeholder={T.pick}
                  data={options}
                  value={r.memberId}
                  onChange={(v) => set(i, { memberId: v })}
                  searchable
                  nothingFoundMessage={vi.validation.noMemberFound}
                  error={errors[`members.${i}.memberId`]}
                  size="md"
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  label={T.role}
                  data={roles}
                  value={r.role}
                  onChange={(v) => v && set(i, { role: v as CommitteeRole })}
                  allowDeselect={false}
                  error={errors[`members.${i}.role`]}
                  size="md"
                />
                <CommitteeDateField
                  label={T.from}
                  value={r.fromOn}
                  onChange={(v) => set(i, { fromOn: v })}
                  error={errors[`members.${i}.fromOn`]}
                  clearable
                />
                <CommitteeDateField
                  label={T.to}
                  value={r.toOn}
                  onChange={(v) => set(i, { toOn: v })}
                  error={errors[`members.${i}.toOn`]}
                  clearable
                />
              </SimpleGrid>
            </Stack>
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={20} />}
          w="fit-content"
          onClick={() =>
            setRows((x) => [
              ...x,
              {
                key: Math.max(-1, ...x.map((y) => y.key)) + 1,
                memberId: null,
                role: roles.at(-1)!.value as CommitteeRole,
                fromOn: null,
                toOn: null,
              },
            ])
          }
        >
          {T.addRow}
        </Button>
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Group>
          <Button size="lg" onClick={submit} loading={save.isPending} data-testid="cell-committee-save">
            {T.save}
          </Button>
          <Button size="lg" variant="default" onClick={onDone}>
            {T.cancel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
