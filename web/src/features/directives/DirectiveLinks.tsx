/** Ways into the directives library: the nav's "Văn bản chỉ đạo" and the unit page's button. */
import { Button } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { directivesHomeUnit } from './api.js';

export function UnitDirectivesButton({ unitId }: { unitId: number }) {
  return (
    <Button
      component={Link}
      to={`/don-vi/${unitId}/van-ban`}
      variant="light"
      leftSection={<IconFileText size={20} />}
      data-testid="open-directives"
    >
      {T.unitButton}
    </Button>
  );
}

/** The nav's "Văn bản chỉ đạo" for anyone with a grant (their cell, or their first unit). */
export function directivesNavEntry(
  me: { homeUnitId: number | null; grants: { orgUnitId: number }[] },
  navLink: (to: string, label: string, icon: ReactNode) => ReactNode,
): ReactNode {
  if (me.grants.length === 0) return null;
  const unit = directivesHomeUnit(me);
  return unit ? navLink(`/don-vi/${unit}/van-ban`, T.nav, <IconFileText size={20} />) : null;
}
