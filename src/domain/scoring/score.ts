import { formatNumber } from '../format.js';
import type { Evidence, ItemScore, Rubric, RubricItem } from './rubric.js';

const pct = (x: number) => `${formatNumber(x, 1)}%`;

/** Points and the evidence sentence for one measured item. */
export function measureItem(item: RubricItem, e: Evidence): { points: number; evidence: string } {
  const m = item.measure!;
  switch (m.kind) {
    case 'length': {
      if (e.lengthMinutes === null) return { points: 0, evidence: 'Không có thời điểm bắt đầu/kết thúc' };
      const short = Math.max(0, e.minMinutes - e.lengthMinutes);
      const share = e.lengthMinutes / e.minMinutes;
      const tier =
        m.tiers.find((t) => t.maxShortMinutes !== undefined && short <= t.maxShortMinutes) ??
        m.tiers.find((t) => t.minShareOfMinimum !== undefined && share >= t.minShareOfMinimum) ??
        m.tiers[m.tiers.length - 1]!;
      const what =
        short === 0 ? `đủ ${e.minMinutes} phút` : `thiếu ${short} phút so với ${e.minMinutes} phút`;
      return { points: tier.points, evidence: `${e.lengthMinutes} phút, ${what}` };
    }
    case 'attendance': {
      if (e.attendancePercent === null) return { points: 0, evidence: 'Chưa có điểm danh' };
      const tier = m.tiers.find((t) => e.attendancePercent! >= t.minPercent) ?? { points: m.unexcusedPoints };
      const points = e.unexcused > 0 ? Math.min(tier.points, m.unexcusedPoints) : tier.points;
      const unexcused = e.unexcused > 0 ? `; ${e.unexcused} vắng không lý do` : '';
      return { points, evidence: `Có mặt ${e.present}/${e.base} = ${pct(e.attendancePercent)}${unexcused}` };
    }
    case 'no_long_absence': {
      const ok = e.longestExcusedRun <= m.maxInARow;
      return {
        points: ok ? item.max : 0,
        evidence: ok
          ? `Không ai vắng có lý do quá ${m.maxInARow} lần liên tiếp trong năm`
          : `Có đảng viên vắng có lý do ${e.longestExcusedRun} lần liên tiếp trong năm`,
      };
    }
    case 'speakers': {
      const share = e.base === 0 ? 0 : (e.speakers * 100) / e.base;
      const tier =
        m.tiers.find((t) => (t.strict ? share > t.minPercent : share >= t.minPercent)) ??
        m.tiers[m.tiers.length - 1]!;
      return { points: tier.points, evidence: `${e.speakers}/${e.base} đảng viên phát biểu = ${pct(share)}` };
    }
    case 'previous_items': {
      const p = e.previousItems;
      const total = p.achieved + p.partial + p.notAchieved + p.open;
      if (total === 0)
        return { points: m.noItemsPoints, evidence: 'Tháng trước không có nội dung nghị quyết để đánh giá' };
      const share = ((p.achieved + p.partial * m.partialWeight) * 100) / total;
      const tier = m.tiers.find((t) => share >= t.minPercent) ?? m.tiers[m.tiers.length - 1]!;
      const partial = p.partial > 0 ? `, ${p.partial} đạt một phần` : '';
      return {
        points: tier.points,
        evidence: `${p.achieved} trên ${total} nội dung đạt${partial} = ${pct(share)}`,
      };
    }
    case 'fact': {
      const yes = e.facts[m.fact] === true;
      return { points: yes ? item.max : 0, evidence: e.factNotes?.[m.fact] ?? (yes ? 'Có' : 'Không') };
    }
  }
}

export interface MeetingScore {
  items: ItemScore[];
  criteria: { key: string; title: string; max: number; applicableMax: number; points: number }[];
  /** Sum of points over the applicable items. */
  raw: number;
  applicableMax: number;
  /** Score on 100 (rescaled when items do not apply and the pack says so). */
  total: number;
  band: { key: string; label: string };
  /** Why the band is lower than the score alone would give (Tốt needs full marks on some items). */
  bandNote?: string;
  complete: boolean;
}

/**
 * Scores a meeting: measured items from the evidence, judgement items from `judgement`
 * (missing ones count as not yet entered: the score is then incomplete). Judgement points are
 * clamped to 0..max; nothing is back-filled from a chosen total.
 */
export function scoreMeeting(rubric: Rubric, e: Evidence, judgement: Record<string, number>): MeetingScore {
  const items: ItemScore[] = [];
  for (const c of rubric.criteria) {
    for (const it of c.items) {
      const applicable = !it.kinds || it.kinds.includes(e.kind);
      if (!applicable) {
        items.push({
          key: it.key,
          criterion: c.key,
          title: it.title,
          max: it.max,
          applicable,
          measured: Boolean(it.measure),
          points: null,
          evidence: 'Không áp dụng cho loại buổi sinh hoạt này',
        });
      } else if (it.measure) {
        const r = measureItem(it, e);
        items.push({
          key: it.key,
          criterion: c.key,
          title: it.title,
          max: it.max,
          applicable,
          measured: true,
          points: Math.min(it.max, Math.max(0, r.points)),
          evidence: r.evidence,
          ...(it.measure.kind === 'fact' && e.selfDeclaredFacts?.includes(it.measure.fact)
            ? { selfDeclared: true }
            : {}),
        });
      } else {
        const v = judgement[it.key];
        const points = v === undefined || Number.isNaN(v) ? null : Math.min(it.max, Math.max(0, v));
        items.push({
          key: it.key,
          criterion: c.key,
          title: it.title,
          max: it.max,
          applicable,
          measured: false,
          points,
          evidence: points === null ? 'Chưa chấm' : 'Người chấm đánh giá',
        });
      }
    }
  }
  const criteria = rubric.criteria.map((c) => {
    const own = items.filter((i) => i.criterion === c.key);
    return {
      key: c.key,
      title: c.title,
      max: c.max,
      applicableMax: own.filter((i) => i.applicable).reduce((s, i) => s + i.max, 0),
      points: own.reduce((s, i) => s + (i.points ?? 0), 0),
    };
  });
  const raw = items.reduce((s, i) => s + (i.points ?? 0), 0);
  const applicableMax = items.filter((i) => i.applicable).reduce((s, i) => s + i.max, 0);
  const fullMax = items.reduce((s, i) => s + i.max, 0);
  const total =
    rubric.notApplicable === 'rescale' && applicableMax > 0
      ? Math.round(((raw * fullMax) / applicableMax) * 10) / 10
      : raw;
  // Bands are on 100 points (or on the applicable maximum, scaled to 100, per the pack).
  const onHundred =
    rubric.notApplicable === 'rescale' ? (total * 100) / fullMax : (raw * 100) / (applicableMax || 1);
  const bands = [...rubric.bands].sort((a, b) => b.min - a.min);
  let bandIndex = bands.findIndex((b) => onHundred >= b.min);
  if (bandIndex < 0) bandIndex = bands.length - 1;
  let bandNote: string | undefined;
  if (bandIndex === 0) {
    const short = items.filter(
      (i) => rubric.topBandRequiresFull.includes(i.key) && i.applicable && i.points !== i.max,
    );
    if (short.length > 0) {
      bandNote = `Chưa đạt tối đa: ${short.map((i) => i.title).join(', ')} — xếp loại ${bands[1]!.label}`;
      bandIndex = 1;
    }
  }
  const band = bands[bandIndex]!;
  return {
    items,
    criteria,
    raw,
    applicableMax,
    total,
    band: { key: band.key, label: band.label },
    bandNote,
    complete: items.every((i) => !i.applicable || i.points !== null),
  };
}
