import {
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { AUDIT_PAGE, useAudit, useMe, useUnit, useUnitSearch } from '../../api/queries.js';
import type { AuditEntry } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { UnitPicker } from '../../components/UnitPicker.js';
import { viAudit } from '../../i18n/vi-audit.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { AuditChanges } from './AuditChanges.js';

/** Where the object of an entry can be opened, when it has a page of its own. */
function objectPath(e: AuditEntry): string | null {
  if (!e.entityId) return null;
  if (e.entityType === 'member') return `/dang-vien/${e.entityId}`;
  if (e.entityType === 'org_unit') return `/don-vi/${e.entityId}`;
  if (e.entityType === 'meeting') return `/sinh-hoat/${e.entityId}`;
  return null;
}

const who = (e: AuditEntry) => (e.actor ? (e.actor.displayName ?? e.actor.username) : viAudit.system);

const ALL = 'all';
const KIND_OPTIONS = [
  { value: ALL, label: viAudit.allKinds },
  ...Object.entries(viAudit.entityTypes).map(([value, label]) => ({ value, label })),
];

/** The sentence as the main line, with the action's short name and a link to the object. */
function Sentence({ e }: { e: AuditEntry }) {
  const path = objectPath(e);
  return (
    <Stack gap={4}>
      <Text fz="md" fw={500} lh={1.45} data-testid="audit-summary">
        {e.summary}
      </Text>
      <Group gap="xs">
        <Badge variant="light" radius="sm" tt="none">
          {e.actionLabel}
        </Badge>
        {path && (
          <Anchor component={Link} to={path} size="sm">
            {viAudit.open}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

export function AuditPage() {
  const me = useMe().data;
  // The units whose log the user may read: the first two tell whether there is a choice at all.
  const readable = useUnitSearch({ q: '', capability: 'audit.read', limit: 2 });
  const homeId = me?.homeUnitId ?? 0;
  const homeUnit = useUnit(homeId, undefined, homeId > 0);
  const home =
    homeUnit.data?.id === homeId && homeUnit.data.permissions.canReadAudit
      ? homeUnit.data
      : readable.units[0];
  const choice = readable.units.length > 1 || readable.hasMore;
  const [unitId, setUnitId] = useState<string | null>(null);
  const [kind, setKind] = useState<string>(ALL);
  const selected = unitId ?? (home ? String(home.id) : null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const audit = useAudit(selected ? Number(selected) : null, page, kind === ALL ? null : kind);
  const phone = useIsPhone();

  if (readable.isLoading || (homeId > 0 && homeUnit.isLoading)) return <PageLoader />;
  if (!home) return <ErrorState error={new ApiError(403, 'FORBIDDEN', viAudit.noPermission)} />;

  const items = audit.data?.items ?? [];
  const total = audit.data?.total ?? 0;
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const detailsButton = (e: AuditEntry) =>
    (e.changes.length > 0 || e.raw) && (
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => toggle(e.id)}
        rightSection={open.has(e.id) ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
        aria-expanded={open.has(e.id)}
      >
        {open.has(e.id) ? viAudit.hideDetails : viAudit.showDetails}
      </Button>
    );

  return (
    <Stack gap="lg" maw={1280}>
      <div>
        <Title order={1}>{viAudit.title}</Title>
        <Text c="dimmed">{viAudit.intro}</Text>
      </div>
      <Group align="flex-end" gap="md" wrap="wrap">
        {choice && (
          <UnitPicker
            label={viAudit.unit}
            value={selected}
            onChange={(v) => {
              if (!v) return;
              setUnitId(v);
              setPage(1);
            }}
            capability="audit.read"
            w={phone ? '100%' : 420}
            data-testid="audit-unit"
          />
        )}
        <Select
          label={viAudit.kind}
          data={KIND_OPTIONS}
          value={kind}
          onChange={(v) => {
            setKind(v ?? ALL);
            setPage(1);
          }}
          allowDeselect={false}
          w={phone ? '100%' : 260}
          comboboxProps={{ withinPortal: true }}
          data-testid="audit-kind"
        />
      </Group>
      {!choice && <Text c="dimmed">{home.name}</Text>}
      {audit.isLoading && <PageLoader />}
      {audit.error && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.data && items.length === 0 && (
        <Text c="dimmed">{kind === ALL ? viAudit.empty : viAudit.emptyFiltered}</Text>
      )}
      {audit.data && items.length > 0 && (
        <Text size="sm" c="dimmed">
          {viAudit.count(formatNumber(total))}
        </Text>
      )}

      {items.length > 0 && phone && (
        <Stack gap="sm" data-testid="audit-cards">
          {items.map((e) => (
            <Card key={e.id} withBorder padding="md" radius="md">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {formatDateTime(e.at)} · {who(e)}
                  {e.orgUnitName ? ` · ${e.orgUnitName}` : ''}
                </Text>
                <Sentence e={e} />
                {detailsButton(e)}
                <Collapse expanded={open.has(e.id)}>
                  <AuditChanges entry={e} compact />
                </Collapse>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}

      {items.length > 0 && !phone && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" className="chibo-table" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{viAudit.at}</Table.Th>
                  <Table.Th>{viAudit.what}</Table.Th>
                  <Table.Th w={200}>{viAudit.who}</Table.Th>
                  <Table.Th w={200}>{viAudit.where}</Table.Th>
                  <Table.Th w={140}>{viAudit.details}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Fragment key={e.id}>
                    <Table.Tr>
                      <Table.Td className="chibo-nowrap" style={{ verticalAlign: 'top' }}>
                        {formatDateTime(e.at)}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Sentence e={e} />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm">{who(e)}</Text>
                        {e.actor?.displayName && e.actor.displayName !== e.actor.username && (
                          <Text size="xs" c="dimmed">
                            {e.actor.username}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm">{e.orgUnitName ?? ''}</Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>{detailsButton(e)}</Table.Td>
                    </Table.Tr>
                    {open.has(e.id) && (
                      <Table.Tr>
                        <Table.Td colSpan={5} bg="gray.0">
                          <AuditChanges entry={e} compact={false} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {total > AUDIT_PAGE && (
        <Group justify={phone ? 'center' : 'flex-end'}>
          <Pagination
            total={Math.ceil(total / AUDIT_PAGE)}
            value={page}
            onChange={setPage}
            size="md"
            siblings={phone ? 0 : 1}
            getControlProps={(control) => ({
              'aria-label':
                control === 'previous'
                  ? 'Trang trước'
                  : control === 'next'
                    ? 'Trang sau'
                    : control === 'first'
                      ? 'Trang đầu'
                      : 'Trang cuối',
            })}
            getItemProps={(p) => ({ 'aria-label': `Trang ${p}` })}
          />
        </Group>
      )}
    </Stack>
  );
}
