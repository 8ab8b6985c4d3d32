import { useMediaQuery } from '@mantine/hooks';

/** Below Mantine's `sm` breakpoint (48em = 768px) tables turn into cards. */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
}
