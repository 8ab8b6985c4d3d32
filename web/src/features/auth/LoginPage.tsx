import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, request, setCsrfToken } from '../../api/client.js';
import { fetchMe, keys } from '../../api/queries.js';
import { homePath } from '../../app/RequireAuth.js';
import { vi } from '../../i18n/vi.js';

/** Only same-site paths are followed after login (no open redirect through `?next=`). */
function safeNext(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/dang-nhap')) return null;
  return next;
}

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ message: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError({ message: vi.auth.missing, locked: false });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await request<{ csrfToken: string }>(
        'POST',
        '/api/auth/login',
        { username: username.trim(), password },
        { silent401: true },
      );
      setCsrfToken(res.csrfToken);
      queryClient.clear();
      const me = await fetchMe();
      queryClient.setQueryData(keys.me, me);
      navigate(safeNext(params.get('next')) ?? homePath(me), { replace: true });
    } catch (err) {
      // The server's message says why, and for a locked account until when (ACCOUNT_LOCKED).
      setError(
        err instanceof ApiError
          ? { message: err.message, locked: err.code === 'ACCOUNT_LOCKED' }
          : { message: vi.validation.loginFailed, locked: false },
      );
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg" w="100%" maw={440}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Stack gap={4} align="center">
              <img src="/favicon.svg" alt="" width={56} height={56} />
              <Title order={1} c="partyRed.8">
                {vi.app.name}
              </Title>
              <Text c="dimmed">{vi.auth.subtitle}</Text>
            </Stack>
            <Title order={2} size="h3">
              {vi.auth.title}
            </Title>
            {error && (
              <Alert
                color={error.locked ? 'orange' : 'red'}
                icon={error.locked ? <IconLock /> : <IconAlertTriangle />}
                title={error.locked ? vi.auth.locked : undefined}
                role="alert"
                data-testid="login-error"
                data-code={error.locked ? 'ACCOUNT_LOCKED' : undefined}
              >
                {error.message}
              </Alert>
            )}
            <TextInput
              label={vi.auth.username}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              size="lg"
              required
              autoFocus
            />
            <PasswordInput
              label={vi.auth.password}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              size="lg"
              required
            />
            <Button type="submit" size="lg" loading={busy} fullWidth>
              {vi.auth.submit}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
