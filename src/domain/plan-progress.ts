/**
 * Implementation plans (issue 11 part B, ADR 025): the indicators a target binds to and the
 * status of a target against its threshold and deadline. Pure, no I/O; shared by the server, the
 * review documents and the web.
 *
 * The status rule (ADR 025):
 * - `no_data` when nothing is measured yet (the denominator is 0, or a manual target has no value);
 * - `met` once the value reaches the threshold (≥ for `gte`, ≤ for `lte`);
 * - otherwise, after the deadline, `missed`;
 * - otherwise (on or before the deadline) `on_track` when the value reaches the time-proportional
 *   path to the threshold, else `at_risk`. The path of a `gte` target on day d is
 *   threshold × elapsed, elapsed = (d − start + 1) / (deadline − start + 1) in whole days, start
 *   the first day of the plan's period, clamped to [0, 1]: halfway through, half the threshold is
 *   on track; on the deadline day only the threshold itself is. A `lte` target (a ceiling, e.g.
 *   "≤ 5% chi bộ bỏ sinh hoạt") has no path: above the ceiling before the deadline is `at_risk`.
 */

export const INDICATOR_KEYS = [
  'regular_monthly',
  'regular_on_time',
  'thematic_quarterly',
  'attendance',
  'rated_good',
  'members_with_tasks',
  'tasks_completed',
  'visits',
  'dissemination',
  'grades_good',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** Short labels (tables, the progress list). */
export const INDICATOR_LABELS: Record<IndicatorKey, string> = {
  regular_monthly: 'Tỷ lệ lượt chi bộ sinh hoạt thường kỳ hằng tháng',
  regular_on_time: 'Tỷ lệ chi bộ sinh hoạt đúng kỳ mọi tháng',
  thematic_quarterly: 'Tỷ lệ chi bộ sinh hoạt chuyên đề mỗi quý',
  attendance: 'Tỷ lệ đảng viên dự sinh hoạt',
  rated_good: 'Tỷ lệ buổi sinh hoạt xếp loại Tốt',
  members_with_tasks: 'Tỷ lệ đảng viên được phân công nhiệm vụ',
  tasks_completed: 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn',
  visits: 'Tỷ lệ lượt dự, giám sát của cấp ủy viên phụ trách',
  dissemination: 'Tỷ lệ chi bộ đã quán triệt văn bản',
  grades_good: 'Tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên',
};

/** What each indicator counts, in the words of the committee (the picker explains it). */
export const INDICATOR_HELP: Record<IndicatorKey, string> = {
  regular_monthly:
    'Số lượt chi bộ - tháng đã tổ chức sinh hoạt thường kỳ trên số lượt phải tổ chức, từ đầu kỳ kế hoạch đến tháng hiện tại.',
  regular_on_time:
    'Số chi bộ tháng nào cũng sinh hoạt thường kỳ đúng hạn trên số chi bộ có tháng đến hạn trong kỳ.',
  thematic_quarterly:
    'Số chi bộ có sinh hoạt chuyên đề ít nhất một lần mỗi quý trên số chi bộ có quý đã kết thúc trong kỳ.',
  attendance: 'Số lượt đảng viên có mặt trên tổng số phải dự các buổi sinh hoạt thường kỳ trong kỳ.',
  rated_good:
    'Số lượt chi bộ - tháng được cấp ủy viên cấp trên phụ trách xếp loại Tốt trên số lượt được cấp ủy viên chấm điểm.',
  members_with_tasks:
    'Số lượt đảng viên được chi bộ phân công nhiệm vụ cụ thể trên số lượt đảng viên - tháng.',
  tasks_completed: 'Số nhiệm vụ đến hạn đã được báo cáo hoàn thành trên số nhiệm vụ đến hạn trong kỳ.',
  visits: 'Số lượt cấp ủy viên phụ trách dự, giám sát sinh hoạt chi bộ trên số lượt tối thiểu theo quy định.',
  dissemination: 'Số chi bộ đã quán triệt văn bản chỉ đạo đã chọn tại buổi sinh hoạt trên tổng số chi bộ.',
  grades_good:
    'Số đảng viên xếp loại hoàn thành tốt nhiệm vụ hoặc hoàn thành xuất sắc nhiệm vụ trên số đảng viên được xếp loại, năm của hạn chỉ tiêu.',
};

export const TARGET_STATUSES = ['met', 'on_track', 'at_risk', 'missed', 'no_data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  met: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

/** Worst first: the order of the per-unit tables. */
export const STATUS_SEVERITY: Record<TargetStatus, number> = {
  missed: 0,
  at_risk: 1,
  no_data: 2,
  on_track: 3,
  met: 4,
};

export type Comparator = 'gte' | 'lte';

export const COMPARATOR_LABELS: Record<Comparator, string> = { gte: 'Đạt từ', lte: 'Không quá' };

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** The share of [start, deadline] elapsed on `asOf`, both ends inclusive, clamped to [0, 1]. */
export function elapsedShare(start: string, deadline: string, asOf: string): number {
  const total = dayNumber(deadline) - dayNumber(start) + 1;
  if (total <= 0) return 1;
  const done = dayNumber(asOf) - dayNumber(start) + 1;
  return Math.min(1, Math.max(0, done / total));
}

export interface StatusInput {
  /** The measured (or typed) value; null when there is nothing to measure. */
  value: number | null;
  threshold: number;
  comparator: Comparator;
  /** First day of the plan's period (YYYY-MM-DD). */
  start: string;
  /** The target's deadline (YYYY-MM-DD). */
  deadline: string;
  /** The day the status is read on (YYYY-MM-DD). */
  asOf: string;
}

/** The status of a target (the rule of the module comment). */
export function targetStatus(s: StatusInput): TargetStatus {
  if (s.value === null || !Number.isFinite(s.value)) return 'no_data';
  const reached = s.comparator === 'gte' ? s.value >= s.threshold : s.value <= s.threshold;
  if (reached) return 'met';
  if (s.asOf.slice(0, 10) > s.deadline.slice(0, 10)) return 'missed';
  if (s.comparator === 'lte') return 'at_risk';
  const path = s.threshold * elapsedShare(s.start, s.deadline, s.asOf);
  // A path like 94,117…% is compared at the values' precision (2 decimals), never lost to float noise.
  return s.value + 1e-9 >= Math.round(path * 100) / 100 ? 'on_track' : 'at_risk';
}

/** The last month a bound target is measured over: the current month, or the deadline's if earlier. */
export function measuredUntil(periodFrom: string, deadline: string, asOf: string): string {
  const cur = asOf.slice(0, 7);
  const dl = deadline.slice(0, 7);
  const last = cur < dl ? cur : dl;
  return last < periodFrom ? periodFrom : last;
}

/** The last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
