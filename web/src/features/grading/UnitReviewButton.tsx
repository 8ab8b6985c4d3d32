/**
 * The unit page's way into the year's review, for those who read it (every role but a plain
 * member): a cell's review session of the year under review (/don-vi/:id/kiem-diem/:year), a
 * đảng bộ's review campaigns (/don-vi/:id/dot-danh-gia).
 */
import { Button } from '@mantine/core';
import { IconClipboardCheck, IconListCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { VI_YEAR_FINISH as T } from '../../i18n/vi-year-finish.js';
import { todayIso } from '../../lib/format.js';
import { reviewYear } from './reviewApi.js';

export function UnitReviewButton({ unitId, cell }: { unitId: number; cell: boolean }) {
  const me = useMe().data;
  if (!me?.grants.some((g) => g.role !== 'member')) return null;
  if (cell) {
    const year = reviewYear(todayIso());
    return (
      <Button
        component={Link}
        to={`/don-vi/${unitId}/kiem-diem/${year}`}
        variant="light"
        leftSection={<IconClipboardCheck size={20} />}
        data-testid="open-review-session"
      >
        {T.unitSession(year)}
      </Button>
    );
  }
  return (
    <Button
      component={Link}
      to={`/don-vi/${unitId}/dot-danh-gia`}
      variant="light"
      leftSection={<IconListCheck size={20} />}
      data-testid="open-review-campaign"
    >
      {T.unitCampaign}
    </Button>
  );
}
