/**
 * Shapes of the committee overview (ADR 021): the query of `GET /api/org-units/{id}/overview`,
 * its trend and its .xlsx, and the answers. Shared by the routes, the service and the bench.
 */
import { z } from 'zod';
import { INT4_MAX, intText, isoMonth } from '../../server/input-schemas.js';
import { CELL_TYPE_KEYS, UNIT_KIND_KEYS } from '../org/labels.js';

export const BAND_KEYS = ['tot', 'kha', 'trung_binh', 'kem'] as const;
export type BandKey = (typeof BAND_KEYS)[number];

/** The ratio indicators, in the order the table and the export show them. */
export const RATIO_KEYS = [
  'cells',
  'members',
  'regularOnTime',
  'regularMissed',
  'regularPending',
  'regularMonths',
  'thematicQuarters',
  'attendance',
  'membersWithTasks',
  'tasksCompleted',
  'visits',
] as const;
export type RatioKey = (typeof RATIO_KEYS)[number];

/** Every key a table may be sorted by: the name, a ratio's percent, a rating share, a count. */
export const SORT_KEYS = [
  'name',
  ...RATIO_KEYS,
  ...BAND_KEYS.map((b) => `ratingCell.${b}` as const),
  ...BAND_KEYS.map((b) => `ratingSupervisor.${b}` as const),
  'alertsOpen',
  'recommendationsOpen',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Longest period of an overview (10 years) and of a trend (5 years, one point a month). */
export const MAX_PERIOD_MONTHS = 120;
export const MAX_TREND_MONTHS = 60;
/** Largest page of the overview table. */
export const MAX_LIMIT = 200;
/** Largest table the .xlsx export writes (rows after the filters); above it a 400. */
export const MAX_EXPORT_ROWS = 20_000;

export const periodQuery = z.object({ from: isoMonth, to: isoMonth });

export const tableFilters = {
  sort: z.enum(SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  cellType: z.enum(CELL_TYPE_KEYS).optional(),
  rating: z.enum(BAND_KEYS).optional(),
  q: z.string().max(200).optional(),
};

export const overviewQuery = periodQuery.extend({
  ...tableFilters,
  limit: intText(1, MAX_LIMIT, 'limit').default(50),
  offset: intText(0, INT4_MAX, 'offset').default(0),
  compare: z.enum(['previous']).optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

export const exportQuery = periodQuery.extend(tableFilters);
export type ExportQuery = z.infer<typeof exportQuery>;

const ratio = z.object({
  numerator: z.number(),
  denominator: z.number(),
  percent: z.number().nullable(),
});
const bands = z.object({ tot: ratio, kha: ratio, trung_binh: ratio, kem: ratio });

export const indicatorsSchema = z.object({
  cells: ratio,
  members: ratio,
  regularOnTime: ratio,
  regularMissed: ratio,
  regularPending: ratio,
  regularMonths: ratio,
  thematicQuarters: ratio,
  attendance: ratio,
  membersWithTasks: ratio,
  tasksCompleted: ratio,
  ratingCell: bands,
  ratingSupervisor: bands,
  visits: ratio,
  alertsOpen: z.object({ total: z.number(), byKind: z.record(z.string(), z.number()) }),
  recommendationsOpen: z.object({
    total: z.number(),
    upTo30Days: z.number(),
    upTo90Days: z.number(),
    over90Days: z.number(),
  }),
});
export type Indicators = z.infer<typeof indicatorsSchema>;

const unitSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(UNIT_KIND_KEYS),
  cellType: z.string().nullable(),
  cells: z.number(),
});

/** A row's (or the totals') rating: the band of the average final score of its scored cell-months. */
export const ratingSchema = z.object({
  band: z.enum(BAND_KEYS).nullable(),
  averageScore: z.number().nullable(),
  scoredMonths: z.number(),
});

export const periodSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.number(),
  /** The last month whose state is read (`to`, or the current month when `to` is later). */
  lastMonth: z.string(),
  asOf: z.string(),
});

export const overviewResponse = z.object({
  unit: unitSchema,
  period: periodSchema,
  totals: indicatorsSchema,
  totalsRating: ratingSchema,
  previousPeriod: periodSchema.optional(),
  previousTotals: indicatorsSchema.optional(),
  items: z.array(z.object({ unit: unitSchema, indicators: indicatorsSchema, rating: ratingSchema })),
  total: z.number(),
  limited: z.boolean(),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;

export const trendResponse = z.object({
  unit: unitSchema,
  items: z.array(
    z.object({
      month: z.string(),
      indicators: indicatorsSchema.omit({ alertsOpen: true, recommendationsOpen: true }),
    }),
  ),
});
export type TrendResponse = z.infer<typeof trendResponse>;
