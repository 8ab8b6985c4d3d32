/** Ways into implementation plans: the unit page's button and the nav's "Kế hoạch thực hiện" for staff. */
import { Button } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { VI_PLANS as T } from '../../i18n/vi-plans.js';

export function UnitPlansButton({ unitId }: { unitId: number }) {
  return (
    <Button
      component={Link}
      to={`/don-vi/${unitId}/ke-hoach`}
      variant="light"
      leftSection={<IconTargetArrow size={20} />}
      data-testid="open-plans"
    >
      {T.unitButton}
    </Button>
  );
}

/** The nav entry for committee staff and admins: their (first) unit's plans. */
export function plansNavEntry(
  me: { grants: { role: string; orgUnitId: number }[] },
  navLink: (to: string, label: string, icon: ReactNode) => ReactNode,
): ReactNode {
  const g = me.grants.find((x) => x.role === 'committee_staff') ?? me.grants.find((x) => x.role === 'admin');
  return g ? navLink(`/don-vi/${g.orgUnitId}/ke-hoach`, T.nav, <IconTargetArrow size={20} />) : null;
}
