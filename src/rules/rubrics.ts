import type { Rubric } from '../domain/scoring/rubric.js';

const judgement = (key: string, title: string, max: number, kinds?: string[]) => ({
  key,
  title,
  max,
  ...(kinds ? { kinds } : {}),
});
const fact = (key: string, title: string, max: number, factKey: string) => ({
  key,
  title,
  max,
  measure: { kind: 'fact' as const, fact: factKey },
});

const LENGTH = {
  key: 'length',
  title: 'Thời gian, thời lượng',
  max: 5,
  // Full = 5; short ≤15 min = 4; 15–30 min = 3; about half = 2; less than half = 1.
  measure: {
    kind: 'length' as const,
    tiers: [
      { maxShortMinutes: 0, points: 5 },
      { maxShortMinutes: 15, points: 4 },
      { maxShortMinutes: 30, points: 3 },
      { minShareOfMinimum: 0.5, points: 2 },
      { points: 1 },
    ],
  },
};
const ATTENDANCE = [
  {
    key: 'attendance_rate',
    title: 'Tỷ lệ đảng viên dự họp',
    max: 4,
    // ≥90% = 4, 75–<90% = 3, 65–<75% = 2, <65% or any unexcused absence = 1.
    measure: {
      kind: 'attendance' as const,
      tiers: [
        { minPercent: 90, points: 4 },
        { minPercent: 75, points: 3 },
        { minPercent: 65, points: 2 },
        { minPercent: 0, points: 1 },
      ],
      unexcusedPoints: 1,
    },
  },
  {
    key: 'no_long_absence',
    title: 'Không có đảng viên vắng có lý do quá 3 lần liên tiếp trong năm',
    max: 1,
    measure: { kind: 'no_long_absence' as const, maxInARow: 3 },
  },
];
const PREPARATION = [
  fact('prep_content', 'Chuẩn bị nội dung sinh hoạt', 3, 'content_prepared'),
  fact('prep_draft', 'Gợi ý thảo luận và dự thảo kết luận (nghị quyết)', 2, 'draft_prepared'),
  fact('prep_committee', 'Chi ủy (bí thư) họp chuẩn bị, có biên bản', 2, 'committee_meeting_held'),
  fact(
    'prep_notified',
    'Thông báo đảng viên và cấp ủy viên cấp trên phụ trách',
    1,
    'members_and_supervisor_notified',
  ),
  fact('prep_documents', 'Đăng tài liệu trước ít nhất 1 ngày', 2, 'documents_on_time'),
];
const SPEAKERS = {
  key: 'speakers',
  title: 'Tỷ lệ đảng viên phát biểu',
  max: 5,
  // >50% = 5, 40–50% = 4, 30–40% = 3, <30% = 2.
  measure: {
    kind: 'speakers' as const,
    tiers: [
      { minPercent: 50, strict: true, points: 5 },
      { minPercent: 40, strict: false, points: 4 },
      { minPercent: 30, strict: false, points: 3 },
      { minPercent: 0, strict: false, points: 2 },
    ],
  },
};
const RUNNING = [
  fact('all_steps', 'Thực hiện đủ các bước sinh hoạt', 5, 'all_agenda_done'),
  judgement('regular_content', 'Nội dung sinh hoạt thường kỳ', 10),
  judgement('thematic_content', 'Nội dung sinh hoạt chuyên đề', 5, ['thematic', 'combined']),
  fact('praise_criticism', 'Biểu dương, phê bình đảng viên', 2, 'praise_criticism_done'),
  SPEAKERS,
  fact('minutes', 'Ghi biên bản', 1, 'minutes_recorded'),
  judgement('ideology_time', 'Dành 15–30 phút sinh hoạt tư tưởng, tự phê bình và phê bình', 1),
  fact('documents_posted', 'Đăng tải tài liệu', 1, 'documents_posted'),
];
const CHAIRING = [
  judgement('flexibility', 'Linh hoạt trong điều hành', 2),
  judgement('guiding', 'Gợi mở, định hướng thảo luận', 4),
  judgement('atmosphere', 'Không khí dân chủ', 3),
  judgement('summing_up', 'Tổng hợp, kết luận', 1),
];
const PRINCIPLES = [
  judgement('democratic_centralism', 'Tập trung dân chủ', 1),
  judgement('self_criticism', 'Tự phê bình và phê bình thẳng thắn', 2),
  judgement('character', 'Tính lãnh đạo, giáo dục, chiến đấu', 1),
  judgement('members_concerns', 'Giải quyết tâm tư, kiến nghị của đảng viên', 1),
];
const RESULTS = {
  key: 'previous_items',
  title: 'Tỷ lệ nội dung nghị quyết tháng trước đạt',
  max: 30,
  // ≥90% = 30; 80–<90 = 27; 70–<80 = 24; 60–<70 = 20; 50–<60 = 15; <50 = 10.
  measure: {
    kind: 'previous_items' as const,
    partialWeight: 0.5,
    noItemsPoints: 30,
    tiers: [
      { minPercent: 90, points: 30 },
      { minPercent: 80, points: 27 },
      { minPercent: 70, points: 24 },
      { minPercent: 60, points: 20 },
      { minPercent: 50, points: 15 },
      { minPercent: 0, points: 10 },
    ],
  },
};
const CLOSING = [
  fact('resolution_adopted', 'Kết luận và nghị quyết được biểu quyết thông qua', 2, 'resolution_passed'),
  fact('minutes_adopted', 'Biên bản được thông qua, nhiệm vụ được phân công', 2, 'minutes_adopted_and_tasks'),
  fact('final_documents', 'Đăng văn bản hoàn chỉnh trong 2 ngày', 1, 'final_documents_on_time'),
];
const BANDS = [
  { key: 'tot', label: 'Tốt', min: 90 },
  { key: 'kha', label: 'Khá', min: 70 },
  { key: 'trung_binh', label: 'Trung bình', min: 50 },
  { key: 'kem', label: 'Kém', min: 0 },
];
// Tốt needs full marks on attendance, length, members' contributions and minutes (Bình Thuận handbook).
const TOP_FULL = ['length', 'attendance_rate', 'no_long_absence', 'speakers', 'minutes'];

/** Default rubric (HD 42-based, Kế hoạch 08-KH/ĐU 19/9/2025): 5/5/10/30/10/5/30/5. */
export const HD42_RUBRIC: Rubric = {
  criteria: [
    { key: 'time', title: 'Thời gian, thời lượng sinh hoạt', max: 5, items: [LENGTH] },
    { key: 'attendance', title: 'Đảng viên dự họp', max: 5, items: ATTENDANCE },
    { key: 'preparation', title: 'Công tác chuẩn bị', max: 10, items: PREPARATION },
    { key: 'running', title: 'Tổ chức sinh hoạt', max: 30, items: RUNNING },
    { key: 'chairing', title: 'Điều hành của bí thư', max: 10, items: CHAIRING },
    { key: 'principles', title: 'Thực hiện nguyên tắc', max: 5, items: PRINCIPLES },
    { key: 'results', title: 'Kết quả thực hiện nghị quyết tháng trước', max: 30, items: [RESULTS] },
    { key: 'closing', title: 'Kết thúc sinh hoạt', max: 5, items: CLOSING },
  ],
  bands: BANDS,
  topBandRequiresFull: TOP_FULL,
  notApplicable: 'rescale',
};

/** Variant with running and chairing merged (5/5/10/40/5/30/5). */
export const MERGED_RUBRIC: Rubric = {
  ...HD42_RUBRIC,
  criteria: [
    HD42_RUBRIC.criteria[0]!,
    HD42_RUBRIC.criteria[1]!,
    HD42_RUBRIC.criteria[2]!,
    { key: 'running', title: 'Tổ chức và điều hành sinh hoạt', max: 40, items: [...RUNNING, ...CHAIRING] },
    HD42_RUBRIC.criteria[5]!,
    HD42_RUBRIC.criteria[6]!,
    HD42_RUBRIC.criteria[7]!,
  ],
};
