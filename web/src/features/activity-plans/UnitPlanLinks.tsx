/**
 * Ways into the yearly programme: the unit page's button (a cell's programme of this year, a
 * đảng bộ's list of its cells' programmes) and the thematic plan form's link.
 */
import { Anchor, Button } from '@mantine/core';
import { IconCalendarStats } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { VI_ACTIVITY_PLANS as T } from '../../i18n/vi-activity-plans.js';
import { todayIso } from '../../lib/format.js';
import { planHomePath } from './api.js';

export function UnitPlanButton({ unitId, cell }: { unitId: number; cell: boolean }) {
  const year = Number(todayIso().slice(0, 4));
  return (
    <Button
      component={Link}
      to={cell ? `/don-vi/${unitId}/chuong-trinh/${year}` : `/don-vi/${unitId}/chuong-trinh`}
      variant="light"
      leftSection={<IconCalendarStats size={20} />}
      data-testid="open-activity-plan"
    >
      {cell ? T.title(year) : T.listTitle(year)}
    </Button>
  );
}

export function ProgrammeLink({ unitId, year }: { unitId: number; year: number }) {
  return (
    <Anchor
      component={Link}
      to={`/don-vi/${unitId}/chuong-trinh/${year}`}
      size="sm"
      data-testid="thematic-programme-link"
    >
      {T.thematicLink}
    </Anchor>
  );
}

/** The nav's "Chương trình công tác" (the cell's programme, or the committee's list), or nothing. */
export function planNavEntry(
  me: { grants: { role: string; orgUnitId: number }[] },
  navLink: (to: string, label: string, icon: ReactNode) => ReactNode,
): ReactNode {
  const to = planHomePath(me, Number(todayIso().slice(0, 4)));
  return to ? navLink(to, T.nav, <IconCalendarStats size={20} />) : null;
}
