import { Center, Loader } from '@mantine/core';
import { vi } from '../i18n/vi.js';

export function PageLoader() {
  return (
    <Center py="xl" role="status" aria-label={vi.app.loading}>
      <Loader />
    </Center>
  );
}
