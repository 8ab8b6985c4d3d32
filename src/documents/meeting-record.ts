/**
 * The data a biên bản (minutes) or nghị quyết (resolution) is rendered from: everything already
 * resolved to display values (names, counts), so renderers are pure (data in, bytes out).
 * Dates are ISO (`YYYY-MM-DD`) or ISO date-times with offset; renderers format them the
 * Vietnamese way. Built by the meetings feature from its records (DOMAIN.md §4).
 */
export interface MeetingRecord {
  /** Party header, top left: the superior organisation and the cell, e.g. "ĐẢNG BỘ PHƯỜNG AN HỘI" / "CHI BỘ KHU PHỐ 1". */
  superiorName: string;
  cellName: string;
  /** Place name used in "…, ngày … tháng … năm …", e.g. "An Hội". */
  placeName: string;
  /** Document number, e.g. "05-BB/CB" or "05-NQ/CB"; may be blank ("…"). */
  number?: string;
  kindLabel: string; // "sinh hoạt thường kỳ tháng 11/2026", "sinh hoạt chuyên đề quý IV/2026"
  thematicTopic?: string;
  scheduledAt: string;
  startedAt?: string;
  endedAt?: string;
  place: string;
  chair: { name: string; title: string }; // title e.g. "Bí thư chi bộ"
  secretary: { name: string; title?: string };
  attendance: {
    /**
     * Own members of the cell on the day (= summoned + exempted + away). Optional: records adopted
     * before these counts were kept lack them.
     */
    members?: number;
    /** Exempted members (miễn sinh hoạt): not summoned, not in the attendance rate. */
    exempted?: number;
    /** Own members in temporary membership elsewhere on the day: not summoned here. */
    away?: number;
    /** Members summoned (the base for the attendance rate) = present + absent. */
    summoned: number;
    present: number;
    absentExcused?: number;
    absentUnexcused?: number;
    /** Absent members by name, with the reason given or "không có lý do". */
    absent: { name: string; excused: boolean; reason?: string }[];
    /** Exempted members who attended (counted only as present guests of the meeting). */
    exemptedPresent: number;
    /** Members of other cells attending in temporary membership (not counted). */
    temporaryPresent: number;
    percent: number; // 0..100
  };
  guests: { name: string; title?: string; organisation?: string }[];
  agenda: {
    title: string;
    /** The template step ("previous_results", "next_tasks", …) the item stands for, when it does. */
    stepKey?: string;
    speeches: { speaker: string; summary: string }[];
    conclusion?: string;
    /** The dues item ("Báo cáo thu, nộp đảng phí"): the month's figures from the ledger, once recorded. */
    duesFigures?: string;
  }[];
  /** Results of last month's resolution, item by item (section I of the nghị quyết). */
  previousItems: {
    title: string;
    /** Date of the meeting that set the item (ISO), when it is carried forward from an earlier one. */
    setOn?: string;
    owners: string[];
    deadline?: string;
    result: 'achieved' | 'partial' | 'not_achieved' | 'open';
    note?: string;
  }[];
  /** Next month's tasks with owners and deadlines (sections II–III). */
  tasks: { title: string; owners: string[]; deadline?: string }[];
  votes: {
    subject: string;
    base: number;
    for: number;
    against: number;
    abstain: number;
    passed: boolean;
    /** The rule cited, e.g. "Quá nửa số đảng viên chính thức được triệu tập (Điều lệ Đảng, Điều 9)". */
    rule: string;
  }[];
  /** Free text parts the secretary edits (they override generated paragraphs when present). */
  text: {
    opening?: string;
    situation?: string; // tình hình / kết quả tháng qua
    directions?: string; // phương hướng, nhiệm vụ tháng tới
    conclusion?: string; // kết luận của chủ trì
    other?: string;
  };
  /**
   * Quality self-assessment (rating and points), once the cell has confirmed its score. Never part
   * of the adopted (hashed) content: it is an annex, shown with the time it was confirmed.
   */
  quality?: {
    rating: string;
    points?: number;
    maxPoints?: number;
    /** When the cell confirmed it (ISO date-time). */
    confirmedAt?: string;
    /** The superior's column, when confirmed too. */
    supervisor?: { rating: string; points: number; confirmedAt?: string };
  };
  /** Rendering flag: the document is a draft (not adopted) and is marked "DỰ THẢO". Never stored. */
  draft?: boolean;
  /** Recipients of the nghị quyết ("Nơi nhận"). */
  recipients: string[];
  /** Adoption: the minutes were read back and adopted; signatures by chair and secretary. */
  adoption?: {
    adoptedAt: string;
    chairSignedAt?: string;
    secretarySignedAt?: string;
    version: number;
    contentHash?: string;
    /** Adopted later, at the cell's next meeting (not read back at its own). */
    atMeeting?: { title: string; startedAt: string };
    /** A corrected version (đính chính): when it was adopted and what it corrects. */
    correction?: { at: string; note: string };
  };
}
