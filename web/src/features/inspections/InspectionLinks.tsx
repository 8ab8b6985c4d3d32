/** Ways into inspections: the unit page's button and the nav's "Kiểm tra, giám sát" (staff, supervisors). */
import { Button } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { VI_INSPECTIONS as T } from '../../i18n/vi-inspections.js';
import { inspectionsHomePath } from './api.js';

export function UnitInspectionsButton({ unitId }: { unitId: number }) {
  const me = useMe().data;
  // A plain member does not read inspections (inspection.read).
  if (!me || me.grants.every((g) => g.role === 'member')) return null;
  return (
    <Button
      component={Link}
      to={`/don-vi/${unitId}/kiem-tra`}
      variant="light"
      leftSection={<IconListCheck size={20} />}
      data-testid="open-inspections"
    >
      {T.unitButton}
    </Button>
  );
}

export function inspectionsNavEntry(
  me: { grants: { role: string; orgUnitId: number }[] },
  navLink: (to: string, label: string, icon: ReactNode) => ReactNode,
): ReactNode {
  const to = inspectionsHomePath(me);
  return to ? navLink(to, T.nav, <IconListCheck size={20} />) : null;
}
