/**
 * `/don-vi/:id/to-chuc` — the organisations of the cell's locality (Mặt trận, đoàn thể, công an
 * viên, dân quân): each with its contact (the phone only for those who keep the registry), its
 * open tasks from the cell's meetings and its last report; the form to add one, deactivation.
 */

import {
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
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ORGANISATION_KIND_KEYS,
  ORGANISATION_KINDS,
  type OrganisationKind,
  organisationBody,
} from '../../../../src/features/organisations/schema.js';
import { ApiError, isNotFound } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { VI_CELL_BODY } from '../../i18n/vi-cell-body.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { zodFieldErrors } from '../meetings/bits.js';
import { type Organisation, useAddOrganisation, useOrganisations, usePatchOrganisation } from './api.js';

const T = VI_CELL_BODY.orgs;
const KIND_OPTIONS = ORGANISATION_KIND_KEYS.map((k) => ({ value: k, label: ORGANISATION_KINDS[k] }));
const localDay = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export function OrganisationsPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useOrganisations(valid ? id : 0);
  const unit = useUnit(valid ? id : 0);
  const [adding, setAdding] = useState(false);
  if (!valid || isNotFound(q.error)) return <NotFound message={vi.notFound.unit} />;
  if (q.isLoading) return <PageLoader />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  return (
    <Stack gap="md" data-testid="organisations-page">
      <Anchor component={Link} to={`/don-vi/${id}`} size="md">
        <Group gap={4} component="span">
          <IconArrowLeft size={18} /> {VI_CELL_BODY.committee.back}
        </Group>
      </Anchor>
      <Title order={1} size="h2">
        {T.title}
        {unit.data ? ` — ${unit.data.name}` : ''}
      </Title>
      <Text>{T.intro}</Text>
      {!d.canManage && <Alert color="gray">{T.readOnly}</Alert>}
      {d.canManage &&
        (adding ? (
          <NewOrganisation unitId={id} onDone={() => setAdding(false)} />
        ) : (
          <Button
            size="lg"
            leftSection={<IconPlus size={20} />}
            w="fit-content"
            onClick={() => setAdding(true)}
            data-testid="organisation-new"
          >
            {T.add}
          </Button>
        ))}
      {d.items.length === 0 && <Text c="dimmed">{T.none}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {d.items.map((o) => (
          <OrganisationCard key={o.id} unitId={id} o={o} canManage={d.canManage} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function OrganisationCard({ unitId, o, canManage }: { unitId: number; o: Organisation; canManage: boolean }) {
  const patch = usePatchOrganisation(unitId);
  return (
    <Card withBorder padding="md" radius="md" data-testid="organisation">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} size="h4">
              {o.name}
            </Title>
            <Group gap={6}>
              <Badge tt="none" variant="light" size="lg">
                {o.kindLabel}
              </Badge>
              {!o.active && (
                <Badge tt="none" color="gray" c="gray.8" variant="light" size="lg">
                  {T.deactivated}
                </Badge>
              )}
            </Group>
          </Stack>
        </Group>
        {(o.contactName || o.contactPhone || o.phoneHidden) && (
          <Text size="sm">
            {T.contactName}: {o.contactName ?? '—'}
            {o.contactPhone ? ` · ${o.contactPhone}` : ''}
          </Text>
        )}
        {o.phoneHidden && (
          <Text size="sm" c="dimmed">
            {T.phoneHidden}
          </Text>
        )}
        <Paper bg="gray.0" p="xs" radius="sm">
          <Text fw={600} size="sm">
            {o.openTasks.length ? T.openTasks(formatNumber(o.openTasks.length)) : T.noOpenTasks}
          </Text>
          {o.openTasks.map((t) => (
            <Text key={t.id} size="sm">
              •{' '}
              <Anchor component={Link} to={`/sinh-hoat/${t.meetingId}`} size="sm">
                {t.title}
              </Anchor>{' '}
              ({T.setAt(formatDate(t.meetingDate))}
              {t.deadline ? `, ${T.due(formatDate(t.deadline))}` : ''})
            </Text>
          ))}
        </Paper>
        <Paper bg="teal.0" p="xs" radius="sm">
          <Text fw={600} size="sm">
            {T.lastReport}
          </Text>
          {o.lastReport ? (
            <>
              <Text size="sm">{o.lastReport.report}</Text>
              <Text size="xs" c="dimmed">
                {o.lastReport.title} · {T.reportedAt(formatDate(localDay(o.lastReport.reportedAt)))}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {T.noReport}
            </Text>
          )}
        </Paper>
        {canManage && (
          <Button
            variant="default"
            w="fit-content"
            loading={patch.isPending}
            onClick={() =>
              patch.mutate(
                { id: o.id, patch: { active: !o.active } },
                { onSuccess: () => notifications.show({ color: 'green', message: T.updated }) },
              )
            }
          >
            {o.active ? T.deactivate : T.reactivate}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

function NewOrganisation({ unitId, onDone }: { unitId: number; onDone: () => void }) {
  const add = useAddOrganisation(unitId);
  const [kind, setKind] = useState<OrganisationKind>('phu_nu');
  const [name, setName] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const parsed = organisationBody.safeParse({
      kind,
      name,
      contactName: contactName || null,
      contactPhone: contactPhone || null,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    add.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: T.added });
        onDone();
      },
      onError: (e) =>
        setErrors(e instanceof ApiError ? { ...e.fieldErrors, form: e.message } : { form: String(e) }),
    });
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="organisation-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={T.kind}
            data={KIND_OPTIONS}
            value={kind}
            onChange={(v) => v && setKind(v as OrganisationKind)}
            allowDeselect={false}
            size="md"
          />
          <TextInput
            label={T.name}
            placeholder={T.namePlaceholder}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            size="md"
          />
          <TextInput
            label={T.contactName}
            value={contactName}
            onChange={(e) => setContactName(e.currentTarget.value)}
            error={errors.contactName}
            size="md"
          />
          <TextInput
            label={T.contactPhone}
            value={contactPhone}
            onChange={(e) => setContactPhone(e.currentTarget.value)}
            error={errors.contactPhone}
            inputMode="tel"
            size="md"
          />
        </SimpleGrid>
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Group>
          <Button size="lg" onClick={submit} loading={add.isPending}>
            {T.save}
          </Button>
          <Button size="lg" variant="default" onClick={onDone}>
            {VI_CELL_BODY.committee.cancel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
