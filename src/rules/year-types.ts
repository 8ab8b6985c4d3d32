import { z } from 'zod';

/**
 * The member's year (issue 10, ADR 024): dues rates and the annual review and grading. Both
 * sections default to the national rules so that packs stored before them still parse.
 */

/** The four levels of QĐ 366-QĐ/TW 2025 (Điều 3), best first. Labels live in the pack. */
export const GRADE_LEVELS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;
export type GradeLevel = (typeof GRADE_LEVELS)[number];
export const gradeLevelSchema = z.enum(GRADE_LEVELS);

export const duesCategorySchema = z.object({
  key: z.string().min(1).max(40),
  label: z.string().min(1),
  /** `percent`: rate × the member's base (insured salary, pension); `fixed`: a monthly amount. */
  basis: z.enum(['percent', 'fixed']),
  /** Rate in basis points of the base: 100 = 1 %, 50 = 0,5 %. */
  rateBasisPoints: z.number().int().min(0).max(10_000).optional(),
  /** Monthly amount in đồng for a `fixed` category. */
  amount: z.number().int().min(0).optional(),
});

export const duesRulesSchema = z.object({
  citation: z.string().min(1),
  categories: z.array(duesCategorySchema).min(1),
  /** Category of a member with no base recorded yet. */
  defaultCategory: z.string().min(1),
  /** A percent amount is rounded half-up to a multiple of this many đồng. */
  roundTo: z.number().int().positive(),
  /** Months in a calendar year with dues unpaid without a reason that make a xóa tên risk. */
  unpaidRiskMonths: z.number().int().positive(),
});

const appliesTo = z.array(z.enum(['member', 'organisation'])).min(1);

export const gradingRulesSchema = z.object({
  citation: z.string().min(1),
  /** Best first; `minScore` on the 100-point frame (QĐ 366: ≥90, 70–<90, 50–<70, <50). */
  levels: z
    .array(
      z.object({
        key: gradeLevelSchema,
        label: z.string().min(1),
        /** The words after "x/y đơn vị": "hoàn thành xuất sắc nhiệm vụ". */
        phrase: z.string().min(1),
        minScore: z.number().min(0).max(100),
      }),
    )
    .length(4),
  /**
   * "Số xếp loại xuất sắc không vượt quá 20 % số xếp loại hoàn thành tốt": the count at `level`
   * may not exceed `maxPercent` of the count at any of `ofLevels` (rounded by `rounding`), within
   * each group (`unit`: a member's cell, an organisation's parent) and over the whole set (`total`).
   */
  quotas: z.array(
    z.object({
      level: gradeLevelSchema,
      ofLevels: z.array(gradeLevelSchema).min(1),
      maxPercent: z.number().min(0).max(100),
      rounding: z.enum(['floor', 'half_up', 'ceil']),
      per: z.array(z.enum(['unit', 'total'])).min(1),
      appliesTo,
      citation: z.string().min(1),
    }),
  ),
  /** Facts of the year that cap the level a subject may be given. */
  hardRules: z.array(
    z.object({
      when: z.enum(['disciplined', 'dues_unpaid_months', 'tasks_late_percent', 'tasks_undone']),
      /** The rule applies when the fact's count/percent is strictly above this (0 for "any"). */
      above: z.number().min(0),
      maxLevel: gradeLevelSchema,
      appliesTo,
      citation: z.string().min(1),
    }),
  ),
  /** Members exempted from work and meetings on 31/12 are not reviewed (HD 43). */
  reviewExempted: z.boolean(),
  /** Members admitted fewer than `minMonths` months before 31/12: reviewed but not graded, or graded. */
  newMembers: z.object({
    minMonths: z.number().int().min(0).max(12),
    rule: z.enum(['review_not_graded', 'graded']),
  }),
  /** Sections of the year's bản kiểm điểm (self-review) form. */
  selfReviewSections: z
    .array(z.object({ key: z.string().min(1).max(40), title: z.string().min(1), hint: z.string() }))
    .min(1),
  /** Criteria on which a party organisation scores itself (the points sum to 100). */
  organisationCriteria: z
    .array(
      z.object({
        key: z.string().min(1).max(40),
        title: z.string().min(1),
        maxPoints: z.number().positive(),
      }),
    )
    .min(1),
});

export type DuesRules = z.infer<typeof duesRulesSchema>;
export type GradingRules = z.infer<typeof gradingRulesSchema>;
