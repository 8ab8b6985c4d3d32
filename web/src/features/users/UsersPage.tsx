import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  CloseButton,
  Group,
  Menu,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconCircleCheck,
  IconDots,
  IconKey,
  IconLock,
  IconLockOpen,
  IconPlus,
  IconShieldPlus,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../../src/domain/format.js';
import { ApiError, api } from '../../api/client.js';
import { useMembers, useUnitSearch, useUsers } from '../../api/queries.js';
import type { UserAccount, UserGrant } from '../../api/types.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { UnitPicker } from '../../components/UnitPicker.js';
import { vi } from '../../i18n/vi.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';

import { GrantModal, ResetPasswordModal, useRoleOptions } from './GrantModals.js';

export function UsersPage() {
  // The first unit where the user manages accounts (the default), found by the server.
  const first = useUnitSearch({ q: '', capability: 'user.manage', limit: 1 });
  const [unitId, setUnitId] = useState<string | null>(null);
  const firstUnit = first.units[0];
  const selected = unitId ?? (firstUnit ? String(firstUnit.id) : null);
  const users = useUsers(selected ? Number(selected) : null);
  const phone = useIsPhone();
  const [createOpened, setCreateOpened] = useState(false);
  const [grantFor, setGrantFor] = useState<UserAccount | null>(null);
  const [resetFor, setResetFor] = useState<UserAccount | null>(null);
  const [revoke, setRevoke] = useState<{ user: UserAccount; grant: UserGrant } | null>(null);
  const qc = useQueryClient();

  if (first.isLoading) return <PageLoader />;
  if (!firstUnit) return <ErrorState error={new ApiError(403, 'FORBIDDEN', vi.users.noPermission)} />;

  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const setActive = async (u: UserAccount, active: boolean) => {
    try {
      await api.patch(`/api/users/${u.id}`, { active });
      notifySuccess(active ? vi.users.unlockedDone : vi.users.lockedDone);
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };

  const items = users.data?.items ?? [];

  // The server decides (every grant and the member record within the caller's management).
  const canManage = (u: UserAccount) => u.permissions?.canManage !== false;

  const actions = (u: UserAccount) =>
    !canManage(u) ? (
      <Text size="sm" c="dimmed" title={vi.users.outOfReachHelp} data-testid="user-out-of-reach">
        {vi.users.outOfReach}
      </Text>
    ) : (
      <Menu position="bottom-end" shadow="md" width={240}>
        <Menu.Target>
          <ActionIcon variant="default" size={40} aria-label={`${vi.users.actions}: ${u.username}`}>
            <IconDots size={20} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconShieldPlus size={18} />} onClick={() => setGrantFor(u)}>
            {vi.users.addGrant}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={18} />} onClick={() => setResetFor(u)}>
            {vi.users.resetPassword}
          </Menu.Item>
          {u.active ? (
            <Menu.Item leftSection={<IconLock size={18} />} color="red" onClick={() => setActive(u, false)}>
              {vi.users.lock}
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconLockOpen size={18} />} onClick={() => setActive(u, true)}>
              {vi.users.unlock}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    );

  const grants = (u: UserAccount) => (
    <Stack gap={4}>
      {u.grants.map((g) => (
        <Group key={g.id} gap={4} wrap="nowrap" align="flex-start">
          <Text size="sm" style={{ flex: 1 }}>
            <Text span fw={600} size="sm">
              {g.roleLabel}
            </Text>{' '}
            — {g.orgUnitName}
            {vi.users.grantPeriod(
              g.validFrom ? formatDate(g.validFrom) : null,
              g.validTo ? formatDate(g.validTo) : null,
            )}
          </Text>
          {canManage(u) && (
            <CloseButton
              size="sm"
              aria-label={`${vi.users.revoke}: ${g.roleLabel} — ${g.orgUnitName}`}
              onClick={() => setRevoke({ user: u, grant: g })}
            />
          )}
        </Group>
      ))}
    </Stack>
  );

  const statusBadge = (u: UserAccount) => (
    <Group gap={6} wrap="nowrap">
      {u.active ? <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" /> : <IconLock size={18} />}
      <Text size="sm" c={u.active ? 'teal.8' : 'dark'} fw={600} className="chibo-nowrap">
        {u.active ? vi.users.active : vi.users.locked}
      </Text>
    </Group>
  );

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{vi.users.title}</Title>
        <Button leftSection={<IconPlus size={20} />} onClick={() => setCreateOpened(true)}>
          {vi.users.create}
        </Button>
      </Group>
      <UnitPicker
        label={vi.users.unit}
        value={selected}
        onChange={(v) => v && setUnitId(v)}
        capability="user.manage"
        maw={520}
        data-testid="users-unit"
      />
      {users.isLoading && <PageLoader />}
      {users.error && <ErrorState error={users.error} onRetry={() => users.refetch()} />}
      {users.data && items.length === 0 && <Text c="dimmed">{vi.users.none}</Text>}
      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="users-cards">
          {items.map((u) => (
            <Card key={u.id} withBorder padding="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Text fw={700}>{u.displayName}</Text>
                  <Text size="sm" c="dimmed">
                    {vi.users.username}: {u.username}
                  </Text>
                  {statusBadge(u)}
                </Stack>
                {actions(u)}
              </Group>
              <Stack mt="xs" gap={4}>
                {grants(u)}
                <Text size="xs" c="dimmed">
                  {vi.users.lastLogin}: {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : vi.users.never}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {items.length > 0 && !phone && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="sm"
              className="chibo-table"
              data-testid="users-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{vi.users.username}</Table.Th>
                  <Table.Th>{vi.users.displayName}</Table.Th>
                  <Table.Th>{vi.users.roles}</Table.Th>
                  <Table.Th>{vi.users.status}</Table.Th>
                  <Table.Th>{vi.users.lastLogin}</Table.Th>
                  <Table.Th w={70} aria-label={vi.users.actions} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td fw={600}>{u.username}</Table.Td>
                    <Table.Td>
                      <Text>{u.displayName}</Text>
                      {u.memberId && (
                        <Anchor component={Link} to={`/dang-vien/${u.memberId}`} size="sm">
                          {vi.users.member}: {u.memberName}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td>{grants(u)}</Table.Td>
                    <Table.Td>{statusBadge(u)}</Table.Td>
                    <Table.Td className="chibo-nowrap">
                      {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : vi.users.never}
                    </Table.Td>
                    <Table.Td>{actions(u)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <CreateUserModal
        opened={createOpened}
        onClose={() => setCreateOpened(false)}
        unitId={selected ? Number(selected) : null}
      />
      <GrantModal
        user={grantFor}
        onClose={() => setGrantFor(null)}
        rootId={selected ? Number(selected) : null}
        defaultUnit={selected}
      />
      <ResetPasswordModal user={resetFor} onClose={() => setResetFor(null)} />
      <Modal opened={revoke !== null} onClose={() => setRevoke(null)} title={vi.users.revoke}>
        {revoke && (
          <Stack>
            <Text>
              {revoke.user.displayName} ({revoke.user.username}):{' '}
              {vi.users.revokeConfirm(revoke.grant.roleLabel, revoke.grant.orgUnitName)}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoke(null)}>
                {vi.app.cancel}
              </Button>
              <Button
                color="red"
                onClick={async () => {
                  try {
                    await api.del(`/api/users/${revoke.user.id}/grants/${revoke.grant.id}`);
                    notifySuccess(vi.users.revoked);
                    setRevoke(null);
                    await refresh();
                  } catch (err) {
                    notifyError(err);
                  }
                }}
              >
                {vi.users.revoke}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

interface CreateProps {
  opened: boolean;
  onClose: () => void;
  unitId: number | null;
}

function CreateUserModal({ opened, onClose, unitId }: CreateProps) {
  const qc = useQueryClient();
  const roleOptions = useRoleOptions();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [role, setRole] = useState<string | null>('member');
  const [grantUnit, setGrantUnit] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (opened) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      setMemberId(null);
      setPicked(null);
      setSearch('');
      setRole('member');
      setGrantUnit(unitId ? String(unitId) : null);
      setErrors({});
    }
  }, [opened, unitId]);

  // The picked person stays an option even when the search text (their label) matches nobody.
  const [picked, setPicked] = useState<{ id: string; label: string; unitId: number } | null>(null);
  const query = picked && debounced === picked.label ? '' : debounced.trim();
  const candidates = useMembers(
    unitId ?? 0,
    { status: 'all', q: query || undefined, subtree: true, limit: 20, offset: 0 },
    opened && unitId !== null,
  );
  const memberOptions = (candidates.data?.items ?? []).map((m) => ({
    value: String(m.id),
    label: `${m.fullName} — ${m.unitName}`,
  }));
  if (picked && !memberOptions.some((o) => o.value === picked.id))
    memberOptions.unshift({ value: picked.id, label: picked.label });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^[a-z0-9._-]{3,40}$/.test(username.trim().toLowerCase())) {
      problems.username = vi.validation.username;
    }
    if (displayName.trim().length < 2) problems.displayName = vi.app.required;
    if (!password) problems.password = vi.app.required;
    if (!role) problems.role = vi.app.required;
    if (!grantUnit) problems.orgUnitId = vi.app.required;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.post('/api/users', {
        username: username.trim().toLowerCase(),
        displayName: displayName.trim(),
        password,
        memberId: memberId ? Number(memberId) : null,
        grants: [{ role, orgUnitId: Number(grantUnit) }],
      });
      notifySuccess(`${vi.users.created}: ${username.trim().toLowerCase()}`);
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const fe = err.fieldErrors;
        if (err.code === 'USERNAME_TAKEN') fe.username = err.message;
        if (Object.keys(fe).length) setErrors(fe);
        else notifyError(err);
      } else notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={vi.users.create} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={vi.users.memberPick}
            description={vi.users.memberPickHelp}
            data={memberOptions}
            value={memberId}
            onChange={(v) => {
              setMemberId(v);
              const m = candidates.data?.items.find((x) => String(x.id) === v);
              setPicked(
                m ? { id: String(m.id), label: `${m.fullName} — ${m.unitName}`, unitId: m.unitId } : null,
              );
              if (m && !displayName) setDisplayName(m.fullName);
              if (m) setGrantUnit(String(m.unitId));
            }}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            clearable
            filter={({ options }) => options}
            nothingFoundMessage={candidates.isFetching ? vi.app.loading : vi.validation.noMemberFound}
            placeholder={vi.text.searchMember}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={vi.users.username}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.username}
            autoCapitalize="none"
            autoComplete="off"
            required
          />
          <TextInput
            label={vi.users.displayName}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            required
          />
          <PasswordInput
            label={vi.users.password}
            description={vi.auth.passwordHint}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
            required
          />
          <Group grow align="flex-start">
            <Select
              label={vi.users.role}
              data={roleOptions}
              value={role}
              onChange={setRole}
              error={errors.role}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <UnitPicker
              label={vi.users.roleUnit}
              value={grantUnit}
              onChange={(v) => setGrantUnit(v)}
              capability="user.manage"
              error={errors.orgUnitId}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {vi.users.create}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
