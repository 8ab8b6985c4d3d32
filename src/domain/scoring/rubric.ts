/**
 * The meeting-quality rubric as data (DOMAIN.md §5) and the scoring of one meeting from its
 * evidence. Pure: the evidence is gathered from the records by the scoring feature; judgement
 * points are entered by the scorer. Every number comes from the rule pack.
 */
import { z } from 'zod';

/** How a measured item turns evidence into points. */
export const measureSchema = z.discriminatedUnion('kind', [
  /** Length against the minimum: tiers by minutes short; the last tier by share of the minimum. */
  z.object({
    kind: z.literal('length'),
    tiers: z.array(
      z.object({
        maxShortMinutes: z.number().optional(),
        minShareOfMinimum: z.number().optional(),
        points: z.number(),
      }),
    ),
  }),
  /** Attendance percent tiers; `unexcusedPoints` caps the score when anyone is absent without reason. */
  z.object({
    kind: z.literal('attendance'),
    tiers: z.array(z.object({ minPercent: z.number(), points: z.number() })),
    unexcusedPoints: z.number(),
  }),
  /** +points when nobody was absent with reason more than `maxInARow` times in a row this year. */
  z.object({ kind: z.literal('no_long_absence'), maxInARow: z.number().int() }),
  /** Share of counted members who spoke: the first tier whose bound is met (`strict`: strictly above). */
  z.object({
    kind: z.literal('speakers'),
    tiers: z.array(
      z.object({ minPercent: z.number(), strict: z.boolean().default(false), points: z.number() }),
    ),
  }),
  /** Share of last month's items achieved (partly achieved counts `partialWeight`). */
  z.object({
    kind: z.literal('previous_items'),
    partialWeight: z.number().min(0).max(1),
    tiers: z.array(z.object({ minPercent: z.number(), points: z.number() })),
    noItemsPoints: z.number(),
  }),
  /** A recorded fact: full points when true, else zero. */
  z.object({ kind: z.literal('fact'), fact: z.string() }),
]);
export type Measure = z.infer<typeof measureSchema>;

export const rubricItemSchema = z.object({
  key: z.string(),
  title: z.string(),
  max: z.number().positive(),
  /** Only for meetings of these kinds (e.g. the thematic content points). */
  kinds: z.array(z.string()).optional(),
  measure: measureSchema.optional(),
});

export const rubricSchema = z.object({
  criteria: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      max: z.number().positive(),
      items: z.array(rubricItemSchema).min(1),
    }),
  ),
  bands: z.array(z.object({ key: z.string(), label: z.string(), min: z.number() })),
  /** Items that must be at full marks for the top band, else the next band applies. */
  topBandRequiresFull: z.array(z.string()),
  /** When items do not apply (no thematic part), rescale to 100 or band on the applicable maximum. */
  notApplicable: z.enum(['rescale', 'applicable_max']),
});
export type Rubric = z.infer<typeof rubricSchema>;
export type RubricItem = z.infer<typeof rubricItemSchema>;

/** Evidence measured from the records of one meeting. */
export interface Evidence {
  kind: string;
  lengthMinutes: number | null;
  minMinutes: number;
  attendancePercent: number | null;
  present: number;
  base: number;
  unexcused: number;
  /** Longest run this year of consecutive excused absences among counted members. */
  longestExcusedRun: number;
  speakers: number;
  previousItems: { achieved: number; partial: number; notAchieved: number; open: number };
  facts: Record<string, boolean>;
  /** Human words for facts, used in evidence lines. */
  factNotes?: Record<string, string>;
  /** Facts known only from a hand tick (self-declared), shown as such beside their points. */
  selfDeclaredFacts?: string[];
}

export interface ItemScore {
  key: string;
  criterion: string;
  title: string;
  max: number;
  applicable: boolean;
  measured: boolean;
  points: number | null;
  evidence: string;
  /** The points rest on a step ticked by hand (self-declared), not on a record. */
  selfDeclared?: boolean;
}
