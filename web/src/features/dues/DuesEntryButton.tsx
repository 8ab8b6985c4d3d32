/** The unit page's way to the dues ledger, for those who read it (every role but a plain member). */
import { Button } from '@mantine/core';
import { IconCoin } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { VI_DUES as T } from '../../i18n/vi-dues.js';

export function DuesEntryButton({ unitId }: { unitId: number }) {
  const me = useMe().data;
  if (!me?.grants.some((g) => g.role !== 'member')) return null;
  return (
    <Button
      component={Link}
      to={`/don-vi/${unitId}/dang-phi`}
      variant="light"
      leftSection={<IconCoin size={20} />}
      data-testid="open-dues"
    >
      {T.nav}
    </Button>
  );
}
