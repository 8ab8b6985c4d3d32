/** Vietnamese labels for meetings (sinh hoạt chi bộ). */
export const MEETING_KINDS = {
  regular: 'Sinh hoạt thường kỳ',
  thematic: 'Sinh hoạt chuyên đề',
  combined: 'Sinh hoạt thường kỳ kết hợp chuyên đề',
  committee: 'Họp chi ủy',
  extraordinary: 'Sinh hoạt bất thường',
  review: 'Sinh hoạt kiểm điểm, đánh giá, xếp loại',
} as const;
export type MeetingKindKey = keyof typeof MEETING_KINDS;
export const MEETING_KIND_KEYS = Object.keys(MEETING_KINDS) as [MeetingKindKey, ...MeetingKindKey[]];

export const MEETING_STATUSES = {
  planned: 'Đã lên kế hoạch',
  in_progress: 'Đang họp',
  held: 'Đã họp',
  cancelled: 'Đã hủy',
} as const;
export type MeetingStatus = keyof typeof MEETING_STATUSES;

export const ATTENDANCE_LABELS = {
  present: 'Có mặt',
  late: 'Đến muộn',
  left_early: 'Về sớm',
  absent_excused: 'Vắng có lý do',
  absent_unexcused: 'Vắng không lý do',
} as const;

/** HD 42 preparation checklist, in order. */
export const PREP_STEPS = {
  assign_preparer: 'Phân công người chuẩn bị nội dung, dự thảo nghị quyết',
  prep_meeting: 'Chi ủy (bí thư) họp chuẩn bị',
  content: 'Xây dựng nội dung sinh hoạt',
  draft_resolution: 'Dự thảo nghị quyết',
  documents_posted: 'Đăng tài liệu cho đảng viên (trước ít nhất 1 ngày)',
  invitation_sent: 'Thông báo thời gian, địa điểm, nội dung cho đảng viên',
  supervisor_notified: 'Thông báo cấp ủy viên cấp trên phụ trách',
} as const;
export type PrepStep = keyof typeof PREP_STEPS;
export const PREP_STEP_KEYS = Object.keys(PREP_STEPS) as [PrepStep, ...PrepStep[]];

export const TASK_RESULTS = {
  open: 'Chưa đánh giá',
  achieved: 'Đạt',
  partial: 'Đạt một phần',
  not_achieved: 'Không đạt',
} as const;
export type TaskResult = keyof typeof TASK_RESULTS;
