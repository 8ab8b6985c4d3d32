/**
 * The statistics section of a periodic review, written as the committees' reports write it
 * (seeds 000–002): "48/56 chi bộ duy trì sinh hoạt thường kỳ đúng định kỳ, chiếm tỷ lệ 85,71%".
 * Every percentage is the ratio's own, half-up to two decimals (ADR 021), so a reader can check
 * "x/y" with a calculator; none is adjusted to make a sum come out at 100%.
 */
import { formatDate, formatNumber, percentHalfUp } from '../domain/format.js';
import { gradingSentence } from '../domain/grading.js';
import {
  BAND_LABELS,
  BANDS,
  type Ratio,
  RECOGNITION_KINDS,
  type RecognitionKind,
  type ReviewGradingYear,
  type ReviewIndicators,
  type ReviewPlan,
  type ReviewRecognition,
  type ReviewStatistics,
} from './review-data.js';

/** "19,64%", or "—" without a denominator. The overview's own percent is used when it has one. */
export function percentText(r: Ratio): string {
  if (r.denominator === 0) return '—';
  const p = r.percent ?? percentHalfUp(r.numerator, r.denominator);
  return `${formatNumber(p, 2)}%`;
}

/** "11/56" with Vietnamese thousands: "857/5.262". */
export function fractionText(r: Ratio): string {
  return `${formatNumber(r.numerator)}/${formatNumber(r.denominator)}`;
}

/** "11/56 đơn vị hoàn thành …, chiếm tỷ lệ 19,64%" — or, with nothing to count, "chưa có số liệu về …". */
export function ratioSentence(r: Ratio, what: string, none?: string): string {
  if (r.denominator === 0) return none ?? `chưa có số liệu về ${what.replace(/^\S+\s/u, '')}`;
  return `${fractionText(r)} ${what}, chiếm tỷ lệ ${percentText(r)}`;
}

/** "tháng 01/2023" from "2023-01". */
export function monthText(ym: string): string {
  const [y, m] = ym.split('-');
  return `tháng ${m}/${y}`;
}

export function periodText(p: { from: string; to: string }): string {
  return p.from === p.to ? monthText(p.from) : `từ ${monthText(p.from)} đến ${monthText(p.to)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

function ratingsClause(ratings: Record<(typeof BANDS)[number], Ratio>): string {
  return BANDS.map((b) => {
    const r = ratings[b];
    return `${BAND_LABELS[b]} ${fractionText(r)} lượt, chiếm tỷ lệ ${percentText(r)}`;
  }).join('; ');
}

const KIND_VERBS: Record<RecognitionKind, string> = {
  khen_thuong: 'khen thưởng',
  bieu_duong: 'biểu dương',
  nhac_nho: 'nhắc nhở',
};

function decisionRef(r: ReviewRecognition): string {
  const number = r.number?.trim().replace(/^số\s*/iu, '');
  const parts = [number ? `Quyết định số ${number}` : 'quyết định', `ngày ${formatDate(r.decidedOn)}`];
  return `${r.subjectName} (${parts.join(' ')})`;
}

/** "khen thưởng 2 đơn vị: Chi bộ A (Quyết định số 12-QĐ/ĐU ngày 01/02/2025), Chi bộ B (…)". */
export function recognitionSentences(recognitions: readonly ReviewRecognition[]): string[] {
  if (recognitions.length === 0)
    return ['Trong kỳ chưa có quyết định khen thưởng, biểu dương hay nhắc nhở đơn vị nào được ghi nhận.'];
  const out: string[] = [];
  for (const kind of RECOGNITION_KINDS) {
    const of = recognitions.filter((r) => r.kind === kind);
    if (of.length === 0) continue;
    const units = new Set(of.map((r) => r.subjectName)).size;
    out.push(
      `${capitalise(KIND_VERBS[kind])} ${formatNumber(units)} đơn vị` +
        `${of.length > units ? ` (${formatNumber(of.length)} lượt)` : ''}: ${of.map(decisionRef).join('; ')}.`,
    );
  }
  return out;
}

/**
 * The statistics paragraphs of section I, in the order of the issue: cells and members, the
 * regular routine, thematic meetings, attendance, tasks, quality ratings, supervision, and the
 * units commended and reminded.
 */
export function statisticsSentences(s: ReviewStatistics, unitLabel: string): string[] {
  const x: ReviewIndicators = s.totals;
  const lines: string[] = [];
  lines.push(
    `Trong thời gian ${periodText(s.period)} (${formatNumber(s.period.months)} tháng), ${unitLabel} có ` +
      `${formatNumber(x.cells.numerator)} chi bộ với ${formatNumber(x.members.numerator)} đảng viên ` +
      `(tính đến ${monthText(s.period.to)}).`,
  );
  lines.push(
    `Về sinh hoạt thường kỳ: ${ratioSentence(x.regularOnTime, 'chi bộ duy trì sinh hoạt thường kỳ đúng định kỳ', 'chưa có tháng nào đến hạn sinh hoạt thường kỳ')}; ` +
      `${ratioSentence(x.regularMissed, 'chi bộ có tháng không tổ chức sinh hoạt thường kỳ', 'không có chi bộ nào bỏ sinh hoạt')}; ` +
      `tổng số ${ratioSentence(x.regularMonths, 'lượt chi bộ - tháng đã tổ chức sinh hoạt trên số phải tổ chức', 'chưa có lượt sinh hoạt nào đến hạn')}.`,
  );
  lines.push(
    `Về sinh hoạt chuyên đề: ${ratioSentence(x.thematicQuarters, 'chi bộ tổ chức sinh hoạt chuyên đề ít nhất một lần mỗi quý', 'chưa có quý nào kết thúc trong kỳ')}.`,
  );
  lines.push(
    `Về dự sinh hoạt: ${ratioSentence(x.attendance, 'lượt đảng viên có mặt trên tổng số phải dự các buổi sinh hoạt thường kỳ', 'chưa có buổi sinh hoạt thường kỳ nào được ghi nhận')}.`,
  );
  lines.push(
    `Về phân công nhiệm vụ: ${ratioSentence(x.membersWithTasks, 'lượt đảng viên được chi bộ phân công nhiệm vụ cụ thể', 'chưa có số liệu phân công nhiệm vụ')}; ` +
      `${ratioSentence(x.tasksCompleted, 'nhiệm vụ đến hạn đã được báo cáo hoàn thành', 'chưa có nhiệm vụ nào đến hạn trong kỳ')}.`,
  );
  const cellScored = x.ratingCell.tot.denominator;
  lines.push(
    cellScored === 0
      ? 'Về chất lượng sinh hoạt: chưa có buổi sinh hoạt nào được chi bộ đánh giá, xếp loại trong kỳ.'
      : `Về chất lượng sinh hoạt, theo chi bộ tự đánh giá (${formatNumber(cellScored)} lượt chi bộ - tháng được xếp loại): ${ratingsClause(x.ratingCell)}.`,
  );
  const supScored = x.ratingSupervisor.tot.denominator;
  lines.push(
    supScored === 0
      ? 'Cấp ủy viên cấp trên phụ trách chưa chấm điểm buổi sinh hoạt nào trong kỳ.'
      : `Theo đánh giá của cấp ủy viên cấp trên phụ trách (${formatNumber(supScored)} lượt): ${ratingsClause(x.ratingSupervisor)}.`,
  );
  lines.push(
    `Về dự sinh hoạt, giám sát của cấp ủy viên phụ trách: ${ratioSentence(x.visits, 'lượt dự, giám sát theo mức tối thiểu quy định', 'chưa có mức tối thiểu phải dự trong kỳ')}.`,
  );
  lines.push(...gradingYearSentences(s.grading ?? []));
  lines.push(...planSentences(s.plans ?? []));
  lines.push(...recognitionSentences(s.recognitions));
  return lines;
}

/**
 * "Về đánh giá, xếp loại năm 2025: tổ chức đảng: 11/56 đơn vị hoàn thành xuất sắc nhiệm vụ,
 * chiếm tỷ lệ 19,64%; …" — one sentence per year of the period that has grading decisions.
 */
export function gradingYearSentences(years: readonly ReviewGradingYear[]): string[] {
  const part = (rows: ReviewGradingYear['members'], what: string, noun: string) =>
    rows[0] && rows[0].denominator > 0
      ? `${what}: ${rows.map((r) => gradingSentence(r, noun)).join('; ')}`
      : null;
  return years.map((y) => {
    const parts = [
      part(y.organisations, 'tổ chức đảng', 'đơn vị'),
      part(y.members, 'đảng viên', 'đảng viên'),
      part(y.cadres, 'cán bộ diện cấp ủy quản lý', 'cán bộ'),
    ].filter(Boolean);
    return `Về đánh giá, xếp loại chất lượng năm ${y.year}: ${parts.join('; ')}.`;
  });
}

/** "100%", "94,12%", "12": a target's level or result, a percent for a bound target. */
function levelText(n: number, percent: boolean): string {
  return `${formatNumber(n, Number.isInteger(n) ? 0 : 2)}${percent ? '%' : ''}`;
}

/**
 * The unit's implementation plans against results (issue 11 part B): a line per plan, then a line
 * per target — "Chỉ tiêu: 100% chi bộ sinh hoạt đúng kỳ — kết quả 94,12% (16/17) — Có nguy cơ
 * không đạt".
 */
export function planSentences(plans: readonly ReviewPlan[]): string[] {
  const out: string[] = [];
  for (const p of plans) {
    out.push(
      `Về thực hiện kế hoạch “${p.title}” (${periodText({ from: p.periodFrom, to: p.periodTo })}): ${formatNumber(p.targets.length)} chỉ tiêu.`,
    );
    for (const t of p.targets) {
      const bound = t.indicator !== null;
      const result =
        t.value === null
          ? 'chưa có số liệu'
          : bound
            ? `kết quả ${formatNumber(t.value, 2)}%${t.denominator ? ` (${formatNumber(t.numerator ?? 0)}/${formatNumber(t.denominator)})` : ''}`
            : `kết quả ${levelText(t.value, false)}`;
      const level = `${t.comparator === 'lte' ? 'không quá ' : ''}${levelText(t.threshold, bound)}`;
      out.push(
        `Chỉ tiêu: ${t.title} (mức ${level}, hạn ${formatDate(t.deadline)}) — ${result} — ${t.statusLabel}.`,
      );
    }
  }
  return out;
}
