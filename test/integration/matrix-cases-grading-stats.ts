/**
 * The authorisation matrix's routes of the grading statistics (issue 10, ADR 024): aggregate
 * numbers read with `unit.read`, so every role reads its own cell's; of the đảng bộ above the
 * cell only the committee's staff and admins (for the cell's roles it is outside the scope: 404).
 */
import { all, type Case, MANAGERS, only } from './matrix-roles.js';

export const GRADING_STATS_CASES: Case[] = (['', '/report.docx', '/report.xlsx'] as const).flatMap(
  (suffix): Case[] => [
    {
      method: 'GET',
      route: `/api/org-units/{id}/grading/{year}${suffix}`,
      url: (i) => `/api/org-units/${i.unit}/grading/2025${suffix}`,
      inside: all('ok'),
    },
    {
      method: 'GET',
      route: `/api/org-units/{id}/grading/{year}${suffix}`,
      url: (i) => `/api/org-units/${i.parent}/grading/2025${suffix}`,
      inside: only(MANAGERS, 404),
    },
  ],
);
