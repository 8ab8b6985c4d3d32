/** "Mã truy cập API" (/ca-nhan/ma-truy-cap): my personal API tokens (ADR 039). */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { formatDateTime } from '../../lib/format.js';
import { type ApiToken, type CreatedToken, createToken, revokeToken, tokenKeys, useMyTokens } from './api.js';
import { T } from './texts.js';

const STATUS_COLOR = { active: 'teal.9', expired: 'gray.8', revoked: 'red.9' } as const;
/** dd/mm/yyyy of an instant, in Vietnam's time. */
const day = (iso: string | null) => (iso ? formatDateTime(iso).slice(0, 10) : '');

export function ApiTokensPage() {
  const tokens = useMyTokens();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  if (tokens.isLoading) return <PageLoader />;
  if (tokens.error || !tokens.data)
    return <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />;
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{T.title}</Title>
      <Text size="lg">{T.intro}</Text>
      <Text size="sm" c="dimmed">
        {T.docsHint}
      </Text>
      {created ? (
        <CreatedCard created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateForm onCreated={setCreated} />
      )}
      <Title order={2} size="h3">
        {T.listTitle}
      </Title>
      {tokens.data.items.length === 0 ? (
        <Alert variant="light">{T.empty}</Alert>
      ) : (
        tokens.data.items.map((t) => <TokenCard key={t.id} token={t} />)
      )}
      {tokens.data.total > tokens.data.items.length && (
        <Text c="dimmed">{T.partial(tokens.data.items.length, tokens.data.total)}</Text>
      )}
    </Stack>
  );
}

function CreateForm({ onCreated }: { onCreated: (t: CreatedToken) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState<string>('365');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(T.nameRequired);
      return;
    }
    setBusy(true);
    setError(null);
    setNameError(null);
    try {
      const t = await createToken(name.trim(), Number(days));
      setName('');
      onCreated(t);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.mine });
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.name) setNameError(err.fieldErrors.name);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="api-token-create">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="api-token-create">
            {T.createTitle}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={T.name}
              description={T.nameHint}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={100}
              required
              error={nameError}
              size="md"
            />
            <Select
              label={T.lifetime}
              data={T.lifetimes}
              value={days}
              onChange={(v) => setDays(v ?? '365')}
              allowDeselect={false}
              size="md"
            />
          </SimpleGrid>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Button
            type="submit"
            size="md"
            loading={busy}
            leftSection={<IconKey size={20} />}
            style={{ alignSelf: 'flex-start' }}
          >
            {T.create}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function CreatedCard({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={24} />}
      data-testid="api-token-created"
      aria-labelledby="api-token-created-title"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" c="dark" id="api-token-created-title">
          {T.createdTitle}
        </Title>
        <Text size="md" c="dark">
          {T.createdBody}
        </Text>
        <Textarea
          label={`${T.secret} — ${created.name}`}
          value={created.token}
          readOnly
          autosize
          minRows={1}
          onFocus={(e) => e.currentTarget.select()}
          styles={{ input: { fontFamily: 'monospace', wordBreak: 'break-all' } }}
          data-testid="api-token-secret"
        />
        <Group gap="xs" wrap="wrap">
          <CopyButton value={created.token}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={20} /> : <IconCopy size={20} />}
              >
                {copied ? T.copied : T.copy}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {T.done}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="md" component="div">
        {value}
      </Text>
    </Stack>
  );
}

function TokenCard({ token }: { token: ApiToken }) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `api-token-${token.id}`;

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await revokeToken(token.id);
      setConfirm(false);
      notifications.show({ color: 'green', message: T.revokedToast });
      await queryClient.invalidateQueries({ queryKey: tokenKeys.mine });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {token.name}
          </Title>
          <Badge color={STATUS_COLOR[token.status]} variant="filled" size="lg" tt="none">
            {T.status[token.status]}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Field
            label={T.columns.prefix}
            value={<Code style={{ wordBreak: 'break-all' }}>{token.prefix}…</Code>}
          />
          <Field label={T.columns.created} value={day(token.createdAt)} />
          <Field
            label={T.columns.lastUsed}
            value={token.lastUsedAt ? formatDateTime(token.lastUsedAt) : T.never}
          />
          {token.status === 'revoked' ? (
            <Field label={T.columns.revoked} value={day(token.revokedAt)} />
          ) : (
            <Field label={T.columns.expires} value={token.expiresAt ? day(token.expiresAt) : T.noExpiry} />
          )}
        </SimpleGrid>
        {token.status === 'active' && (
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={20} />}
            onClick={() => setConfirm(true)}
            style={{ alignSelf: 'flex-start' }}
          >
            {T.revoke}
            <VisuallyHidden> {token.name}</VisuallyHidden>
          </Button>
        )}
      </Stack>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={T.revokeTitle}>
        <Stack gap="md">
          <Text>{T.revokeBody(token.name)}</Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {T.cancel}
            </Button>
            <Button color="red" loading={busy} onClick={revoke} leftSection={<IconTrash size={20} />}>
              {T.revokeConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
