import { z } from 'zod';
import { rubricSchema } from '../domain/scoring/rubric.js';
// A day on the calendar: `2099-02-31` was stored as far as the database, which refused it (a 500).
import { isoDate } from '../server/input-schemas.js';
import { DUES_DEFAULT, GRADING_DEFAULT } from './hd43-2025.js';
import { REVIEW_AGENDA, REVIEW_MIN_DURATION_MINUTES, withReviewKind } from './review-meeting.js';
import { duesRulesSchema, gradingRulesSchema } from './year-types.js';

/** A versioned rule pack: every number of the domain that a province or a year may change. */
export const rulePackSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  name: z.string().min(1),
  /** ISO date from which this version applies; a record is judged by the version in force on its date. */
  effectiveFrom: isoDate,
  organisation: z.object({
    minOfficialMembersPerCell: z.number().int().positive(),
    cellCommitteeFromOfficialMembers: z.number().int().positive(),
  }),
  membership: z.object({
    probationMonths: z.number().int().positive(),
    minAdmissionAge: z.number().int().positive(),
    officialRecognitionWorkingDays: z.number().int().positive(),
    temporaryTransferMinMonths: z.number().int().positive(),
    temporaryTransferMaxMonths: z.number().int().positive(),
    transferStartWorkingDays: z.number().int().positive(),
    transferLetterWorkingDays: z.number().int().positive(),
    /**
     * Whether official recognition may be recorded before the probation ends, and the rule
     * cited when it is refused (Quy định 24-QĐ/TW: recognition after the 12 months of probation).
     * Defaults keep packs stored before this field valid.
     */
    earlyRecognition: z.object({ allowed: z.boolean(), citation: z.string().min(1) }).default({
      allowed: false,
      citation: 'Đảng viên dự bị được xét công nhận chính thức khi hết 12 tháng dự bị (Điều lệ Đảng, Điều 5)',
    }),
  }),
  meetings: z.object({
    /** Minimum length per kind (HD 42: ≥90; ≥120 when regular and thematic run together). */
    // `review` (issue 10) is filled in for packs stored before the kind existed.
    minDurationMinutes: z.preprocess(
      (v) => withReviewKind(v, REVIEW_MIN_DURATION_MINUTES),
      z.record(
        z.enum(['regular', 'thematic', 'combined', 'committee', 'extraordinary', 'review']),
        z.number().int().positive(),
      ),
    ),
    /** Documents posted for members at least this many days before (HD 42). */
    documentsLeadDays: z.number().int().nonnegative(),
    /** Finalised documents posted and reported up within this many days after (HD 42). */
    finalDocumentsDays: z.number().int().nonnegative(),
    vote: z.object({ threshold: z.enum(['more_than_half', 'at_least_two_thirds']), citation: z.string() }),
    /** How many months ahead the series generator plans meetings. */
    planAheadMonths: z.number().int().min(1).max(12),
    /** Self check-in opens this many minutes before the scheduled time and closes when the meeting ends. */
    checkinOpensMinutesBefore: z.number().int().nonnegative(),
    /**
     * A meeting may be started only from `opensMinutesBefore` before its scheduled time until
     * `closesMinutesAfter` after it; outside the window it is rescheduled (with a reason) first.
     */
    startWindow: z
      .object({
        opensMinutesBefore: z.number().int().nonnegative(),
        closesMinutesAfter: z.number().int().nonnegative(),
      })
      .default({ opensMinutesBefore: 120, closesMinutesAfter: 720 }),
    /**
     * Minutes after the end during which the minutes may still be adopted as read back at the
     * meeting (the end time then moves to the adoption). Later, they are adopted at the cell's
     * next meeting (HD 42: the minutes are read back and adopted before closing).
     */
    adoptionAfterEndMinutes: z.number().int().nonnegative().default(60),
    /**
     * A generated meeting that falls on a public holiday, a substitute day off or a decided extra
     * day off moves to the next (or previous) day that is none of those.
     */
    onHoliday: z.enum(['next_day', 'previous_day', 'keep']).default('next_day'),
    agenda: z.preprocess(
      (v) => withReviewKind(v, REVIEW_AGENDA),
      z.record(
        z.enum(['regular', 'thematic', 'combined', 'committee', 'extraordinary', 'review']),
        z.array(
          z.object({ section: z.enum(['opening', 'body', 'closing']), key: z.string(), title: z.string() }),
        ),
      ),
    ),
    /** Extra body items by cell type, inserted before the next month's tasks (e.g. expanded participation). */
    agendaExtras: z.record(
      z.string(),
      z.array(
        z.object({ section: z.enum(['opening', 'body', 'closing']), key: z.string(), title: z.string() }),
      ),
    ),
    /** Suggested thematic topics by cell type (`default` for any type). */
    thematicSuggestions: z.record(z.string(), z.array(z.string())),
  }),
  scoring: z.object({
    rubric: rubricSchema,
    /** Which column decides the rating: the superior's once confirmed (else the cell's), the lower, or the average. */
    finalRule: z.enum(['supervisor_if_confirmed', 'lower', 'average']),
  }),
  oversight: z.object({
    /** Attendance below this percent raises an alert (HD 12/2018: >85%). */
    attendanceAlertPercent: z.number().min(0).max(100),
    /** More excused absences in a row than this raises an alert (and costs the attendance point). */
    excusedRunAlert: z.number().int().positive(),
    /** Absent without reason (or dues unpaid) in this many months of a year → xóa tên risk (Điều lệ). */
    removalRiskMonths: z.number().int().positive(),
    /** Minimum supervision visits per year by a superior committee member (Kon Tum: commune level ≥6). */
    minVisitsPerYear: z.number().int().nonnegative(),
    /** Days after the cell's usual day before a missing regular meeting raises an alert. */
    regularMeetingGraceDays: z.number().int().nonnegative(),
    /** How many past months are checked for a regular meeting never held (the alert stays until dealt with). */
    missedMeetingLookbackMonths: z.number().int().min(1).max(36).default(12),
  }),
  /**
   * Who chibo proposes to commend or remind over a period (issue 9, ADR 023): thresholds on the
   * cell's month rows. The committee decides; these only make the proposal list.
   */
  recognition: z
    .object({
      /** Fewest due months in the period for a cell to be proposed for commendation. */
      commendMinDueMonths: z.number().int().min(1).max(120),
      /** Share of due months rated Tốt (percent) for a biểu dương proposal… */
      commendGoodPercent: z.number().min(0).max(100),
      /** …and for a khen thưởng proposal. */
      commendExcellentPercent: z.number().min(0).max(100),
      /** At most this many missed regular meetings for a cell to be commended. */
      commendMaxMissed: z.number().int().nonnegative(),
      /** Missed regular meetings from which a cell is proposed for a reminder. */
      remindMissedMonths: z.number().int().min(1),
      /** Months rated Kém from which a cell is proposed for a reminder. */
      remindWeakMonths: z.number().int().min(1),
      /** Open alerts past their due date by at least this many days count for a reminder… */
      remindAlertOverdueDays: z.number().int().nonnegative(),
      /** …and this many of them make a reminder proposal. */
      remindOverdueAlerts: z.number().int().min(1),
    })
    .default({
      commendMinDueMonths: 3,
      commendGoodPercent: 75,
      commendExcellentPercent: 90,
      commendMaxMissed: 0,
      remindMissedMonths: 1,
      remindWeakMonths: 1,
      remindAlertOverdueDays: 30,
      remindOverdueAlerts: 1,
    }),
  /** Dues (đảng phí) categories and rates (issue 10, ADR 024). */
  dues: duesRulesSchema.default(DUES_DEFAULT),
  /** The annual review and grading of members and organisations (issue 10, ADR 024). */
  grading: gradingRulesSchema.default(GRADING_DEFAULT),
});

export type RulePack = z.infer<typeof rulePackSchema>;
export type MeetingKind = 'regular' | 'thematic' | 'combined' | 'committee' | 'extraordinary' | 'review';
