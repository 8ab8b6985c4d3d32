/**
 * What a periodic review report (sơ kết / tổng kết) is rendered from: the HD 36 form fields, the
 * narrative sections staff write, and the statistics of the period (from the overview service,
 * ADR 021). Pure data: the renderers (review-docx.ts, review-pdf.ts, review-xlsx.ts) take it in
 * and give bytes out, so a benchmark can time them without a database.
 */
import type { GradeRow } from '../domain/grading.js';

/** One indicator of ADR 021: `percent` = numerator / denominator × 100, half-up to 2 decimals, null on 0. */
export interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export const BANDS = ['tot', 'kha', 'trung_binh', 'kem'] as const;
export type Band = (typeof BANDS)[number];

export const BAND_LABELS: Record<Band, string> = {
  tot: 'Tốt',
  kha: 'Khá',
  trung_binh: 'Trung bình',
  kem: 'Kém',
};

/** The indicators a review reports (the keys and meanings of ADR 021's overview). */
export interface ReviewIndicators {
  cells: Ratio;
  members: Ratio;
  regularOnTime: Ratio;
  regularMissed: Ratio;
  regularMonths: Ratio;
  thematicQuarters: Ratio;
  attendance: Ratio;
  membersWithTasks: Ratio;
  tasksCompleted: Ratio;
  ratingCell: Record<Band, Ratio>;
  ratingSupervisor: Record<Band, Ratio>;
  visits: Ratio;
}

export interface ReviewUnitRef {
  id: number;
  name: string;
  kind: string;
}

export const RECOGNITION_KINDS = ['khen_thuong', 'bieu_duong', 'nhac_nho'] as const;
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];

/** A commendation or reminder decided in the period (table recognition_decisions, ADR 021). */
export interface ReviewRecognition {
  kind: RecognitionKind;
  subjectName: string;
  number: string | null;
  /** ISO date. */
  decidedOn: string;
  reason: string;
}

export interface ReviewStatistics {
  unit: ReviewUnitRef;
  period: { from: string; to: string; months: number };
  /** When the figures were read (ISO date-time). */
  asOf: string;
  totals: ReviewIndicators;
  /** One row per calendar year of the period (the first and last may be partial). */
  years: { label: string; from: string; to: string; indicators: ReviewIndicators }[];
  /** One row per direct subordinate unit, each aggregating its whole subtree. */
  units: { unit: ReviewUnitRef; indicators: ReviewIndicators }[];
  recognitions: ReviewRecognition[];
  /** The grading of each year of the period that has current decisions (issue 10; absent: none). */
  grading?: ReviewGradingYear[];
  /** The unit's implementation plans overlapping the period, targets against results (issue 11; absent: none). */
  plans?: ReviewPlan[];
}

/** A plan's targets against results (src/features/plans/progress.ts `reviewPlans`). */
export interface ReviewPlan {
  id: number;
  title: string;
  periodFrom: string;
  periodTo: string;
  targets: {
    title: string;
    indicator: string | null;
    comparator: 'gte' | 'lte';
    threshold: number;
    deadline: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    status: string;
    statusLabel: string;
  }[];
}

/** A year's grading in the subtree: a row per level for organisations, members and cadres. */
export interface ReviewGradingYear {
  year: number;
  organisations: GradeRow[];
  members: GradeRow[];
  cadres: GradeRow[];
}

/** The narrative sections staff write; each is plain text, one paragraph per line. */
export const SECTION_KEYS = [
  'opening',
  'strengths',
  'weaknesses',
  'causes',
  'lessons',
  'directions',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export type ReviewSections = Partial<Record<SectionKey, string>>;

/** The HD 36 form fields of the report (every one optional while drafting). */
export interface ReviewMeta {
  /** "Số 45-BC/ĐU" or just "45-BC/ĐU". */
  number?: string | null;
  /** "Phường An Hội" (place before the date). */
  place?: string | null;
  /** ISO date of the report. */
  date?: string | null;
  /** "T/M BAN THƯỜNG VỤ". */
  onBehalfOf?: string | null;
  /** "BÍ THƯ", "PHÓ BÍ THƯ". */
  signerTitle?: string | null;
  signerName?: string | null;
  /** One recipient per item, e.g. "Ban Thường vụ Thành ủy (để báo cáo)". */
  recipients?: string[];
}

export interface ReviewData {
  /** The committee above the issuing one ("ĐẢNG BỘ TỈNH BẾN TRE"), null at the top of the tree. */
  superiorName: string | null;
  /** The issuing committee ("ĐẢNG ỦY PHƯỜNG AN HỘI"). */
  issuerName: string;
  title: string;
  subject: string | null;
  meta: ReviewMeta;
  sections: ReviewSections;
  statistics: ReviewStatistics;
  /** A draft is marked "DỰ THẢO" on every page. */
  draft: boolean;
  /** The issued version and its content hash, printed at the end of an issued report. */
  issued?: { version: number; contentHash: string; issuedAt: string };
}
