import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client.js';
import { vi } from '../i18n/vi.js';

export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : vi.validation.loadFailed;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Stack p="md" maw={640}>
      <Alert color="red" icon={<IconAlertTriangle />} title={vi.app.error}>
        {errorMessage(error)}
      </Alert>
      {onRetry && (
        <Button variant="light" onClick={onRetry} w="fit-content">
          {vi.app.retry}
        </Button>
      )}
    </Stack>
  );
}
