import {
  Anchor,
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
import { AUDIT_PAGE, useAudit, useMe, useScopeUnits } from '../../api/queries.js';
import type { AuditEntry } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';

export function actionLabel(action: string): string {
  return vi.audit.actions[action] ?? action;
}

function entityLink(e: AuditEntry) {
  const type = vi.audit.entityTypes[e.entityType] ?? e.entityType;
  if (!e.entityId) return <Text size="sm">{type}</Text>;
  const name = objectName(e);
  const label = name ? `${type}: ${name}` : `${type} #${e.entityId}`;
  if (e.entityType === 'member') {
    return (
      <Anchor component={Link} to={`/dang-vien/${e.entityId}`} size="sm">
        {label}
      </Anchor>
    );
  }
  if (e.entityType === 'org_unit') {
    return (
      <Anchor component={Link} to={`/don-vi/${e.entityId}`} size="sm">
        {label}
      </Anchor>
    );
  }
  return <Text size="sm">{label}</Text>;
}

/** A human name for the changed object, read from its snapshot when the audit row has one. */
function objectName(e: AuditEntry): string | null {
  for (const snap of [e.after, e.before]) {
    if (snap && typeof snap === 'object') {
      const o = snap as Record<string, unknown>;
      for (const k of ['full_name', 'name', 'displayName', 'username']) {
        if (typeof o[k] === 'string') return o[k] as string;
      }
    }
  }
  return null;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return vi.app.none;
  if (typeof v === 'boolean') return v ? vi.app.yes : vi.app.no;
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
    if (vi.roles[v]) return vi.roles[v]!;
    if (v in vi.changes.types) return vi.changes.types[v as keyof typeof vi.changes.types];
    if (v in vi.changes.removeReasons)
      return vi.changes.removeReasons[v as keyof typeof vi.changes.removeReasons];
    return v;
  }
  if (typeof v === 'number') return formatNumber(v);
  return JSON.stringify(v);
}

const HIDDEN = new Set(['sort_key', 'path', 'unit_path', 'id', 'rule_pack', 'sort_order']);

function Changes({ entry }: { entry: AuditEntry }) {
  const before = (entry.before && typeof entry.before === 'object' ? entry.before : {}) as Record<
    string,
    unknown
  >;
  const after = (entry.after && typeof entry.after === 'object' ? entry.after : {}) as Record<
    string,
    unknown
  >;
  const both = entry.before !== null && entry.after !== null;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
  const rows = keys.filter((k) => !both || JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {vi.app.none}
      </Text>
    );
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="audit-changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{vi.audit.field}</Table.Th>
          {entry.before !== null && <Table.Th>{vi.audit.before}</Table.Th>}
          {entry.after !== null && <Table.Th>{vi.audit.after}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((k) => (
          <Table.Tr key={k}>
            <Table.Td>{vi.audit.fields[k] ?? k}</Table.Td>
            {entry.before !== null && (
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(before[k])}</Table.Td>
            )}
            {entry.after !== null && (
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(after[k])}</Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AuditPage() {
  const me = useMe().data;
  const scope = useScopeUnits();
  const readable = scope.units.filter((u) => u.permissions.canReadAudit);
  const home = readable.find((u) => u.id === me?.homeUnitId) ?? readable[0];
  const [unitId, setUnitId] = useState<string | null>(null);
  const selected = unitId ?? (home ? String(home.id) : null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const audit = useAudit(selected ? Number(selected) : null, page);
  const phone = useIsPhone();

  if (scope.isLoading) return <PageLoader />;
  if (readable.length === 0)
    return <ErrorState error={new ApiError(403, 'FORBIDDEN', vi.audit.noPermission)} />;

  const items = audit.data?.items ?? [];
  const total = audit.data?.total ?? 0;
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const who = (e: AuditEntry) => (e.actor ? (e.actor.displayName ?? e.actor.username) : vi.audit.system);
  const detailsButton = (e: AuditEntry) =>
    (e.before !== null || e.after !== null) && (
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => toggle(e.id)}
        rightSection={open.has(e.id) ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
        aria-expanded={open.has(e.id)}
      >
        {open.has(e.id) ? vi.audit.hideDetails : vi.audit.showDetails}
      </Button>
    );

  return (
    <Stack gap="lg" maw={1280}>
      <Title order={1}>{vi.audit.title}</Title>
      {readable.length > 1 && (
        <Select
          label={vi.audit.unit}
          data={readable.map((u) => ({ value: String(u.id), label: u.name }))}
          value={selected}
          onChange={(v) => {
            setUnitId(v);
            setPage(1);
          }}
          allowDeselect={false}
          searchable
          maw={520}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {readable.length === 1 && <Text c="dimmed">{readable[0]!.name}</Text>}
      {audit.isLoading && <PageLoader />}
      {audit.error && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.data && items.length === 0 && <Text c="dimmed">{vi.audit.empty}</Text>}

      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="audit-cards">
          {items.map((e) => (
            <Card key={e.id} withBorder padding="sm" radius="md">
              <Text size="sm" c="dimmed">
                {formatDateTime(e.at)} · {who(e)}
              </Text>
              <Text fw={700}>{actionLabel(e.action)}</Text>
              {entityLink(e)}
              {e.orgUnitName && (
                <Text size="sm" c="dimmed">
                  {e.orgUnitName}
                </Text>
              )}
              {detailsButton(e)}
              <Collapse expanded={open.has(e.id)}>
                <Changes entry={e} />
              </Collapse>
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
                  <Table.Th>{vi.audit.at}</Table.Th>
                  <Table.Th>{vi.audit.who}</Table.Th>
                  <Table.Th>{vi.audit.what}</Table.Th>
                  <Table.Th>{vi.audit.object}</Table.Th>
                  <Table.Th>{vi.audit.where}</Table.Th>
                  <Table.Th>{vi.audit.details}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Fragment key={e.id}>
                    <Table.Tr>
                      <Table.Td className="chibo-nowrap">{formatDateTime(e.at)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{who(e)}</Text>
                        {e.actor && (
                          <Text size="xs" c="dimmed">
                            {e.actor.username}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td fw={600}>{actionLabel(e.action)}</Table.Td>
                      <Table.Td>{entityLink(e)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.orgUnitName ?? ''}</Text>
                      </Table.Td>
                      <Table.Td>{detailsButton(e)}</Table.Td>
                    </Table.Tr>
                    {open.has(e.id) && (
                      <Table.Tr>
                        <Table.Td colSpan={6} bg="gray.0">
                          <Changes entry={e} />
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
        <Group justify="flex-end">
          <Pagination total={Math.ceil(total / AUDIT_PAGE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
