/** The unit page's ways to the cell's chi ủy and its organisations (cells only). */
import { Button } from '@mantine/core';
import { IconBuildingCommunity, IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import { VI_CELL_BODY } from '../../i18n/vi-cell-body.js';
import { organisationsPath } from '../organisations/api.js';
import { committeePath } from './api.js';

export function UnitCellBodyLinks({ unitId, cell }: { unitId: number; cell: boolean }) {
  if (!cell) return null;
  return (
    <>
      <Button
        component={Link}
        to={committeePath(unitId)}
        variant="light"
        leftSection={<IconUsersGroup size={20} />}
        data-testid="open-cell-committee"
      >
        {VI_CELL_BODY.committee.unitButton}
      </Button>
      <Button
        component={Link}
        to={organisationsPath(unitId)}
        variant="light"
        leftSection={<IconBuildingCommunity size={20} />}
        data-testid="open-organisations"
      >
        {VI_CELL_BODY.orgs.unitButton}
      </Button>
    </>
  );
}
