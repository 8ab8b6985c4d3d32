import { DUES_DEFAULT, GRADING_DEFAULT } from './hd43-2025.js';
import { REVIEW_AGENDA, REVIEW_MIN_DURATION_MINUTES } from './review-meeting.js';
import { HD42_RUBRIC } from './rubrics.js';
import type { RulePack } from './types.js';

const OPENING = [
  { section: 'opening', key: 'purpose_guests', title: 'Tuyên bố lý do, giới thiệu đại biểu' },
  { section: 'opening', key: 'secretary', title: 'Cử thư ký hội nghị' },
  {
    section: 'opening',
    key: 'attendance',
    title: 'Báo cáo số đảng viên có mặt, vắng mặt (có lý do, không lý do)',
  },
  { section: 'opening', key: 'agenda', title: 'Thông qua chương trình sinh hoạt' },
  { section: 'opening', key: 'dues', title: 'Báo cáo thu, nộp đảng phí' },
] as const;
const CLOSING = [
  { section: 'closing', key: 'conclusion', title: 'Chủ trì kết luận' },
  { section: 'closing', key: 'vote', title: 'Biểu quyết thông qua nghị quyết (kết luận)' },
  { section: 'closing', key: 'self_score', title: 'Tự đánh giá chất lượng buổi sinh hoạt' },
  { section: 'closing', key: 'minutes', title: 'Thư ký đọc lại biên bản, chi bộ thông qua' },
] as const;
const REGULAR_BODY = [
  { section: 'body', key: 'news', title: 'Thông tin thời sự, chủ trương, chính sách mới' },
  { section: 'body', key: 'disseminate', title: 'Quán triệt nghị quyết, chỉ thị của cấp trên' },
  { section: 'body', key: 'ideology', title: 'Tình hình tư tưởng của đảng viên' },
  {
    section: 'body',
    key: 'previous_results',
    title: 'Kết quả thực hiện nghị quyết tháng trước (từng nội dung)',
  },
  { section: 'body', key: 'praise_criticism', title: 'Biểu dương, phê bình đảng viên' },
  { section: 'body', key: 'discussion', title: 'Thảo luận, tự phê bình và phê bình (15–30 phút)' },
  { section: 'body', key: 'next_tasks', title: 'Nhiệm vụ tháng tới: phân công người thực hiện, thời hạn' },
] as const;
const THEMATIC_BODY = [
  { section: 'body', key: 'topic_presentation', title: 'Trình bày chuyên đề' },
  { section: 'body', key: 'topic_discussion', title: 'Thảo luận chuyên đề, liên hệ bản thân và đơn vị' },
] as const;

const MEETINGS: RulePack['meetings'] = {
  minDurationMinutes: {
    regular: 90,
    thematic: 90,
    combined: 120,
    committee: 60,
    extraordinary: 60,
    review: REVIEW_MIN_DURATION_MINUTES,
  },
  documentsLeadDays: 1,
  finalDocumentsDays: 2,
  vote: {
    threshold: 'more_than_half',
    citation: 'Quá nửa số đảng viên chính thức được triệu tập (Điều lệ Đảng, Điều 9)',
  },
  planAheadMonths: 3,
  checkinOpensMinutesBefore: 30,
  startWindow: { opensMinutesBefore: 120, closesMinutesAfter: 720 },
  adoptionAfterEndMinutes: 60,
  onHoliday: 'next_day',
  agenda: {
    regular: [...OPENING, ...REGULAR_BODY, ...CLOSING],
    thematic: [...OPENING.slice(0, 4), ...THEMATIC_BODY, ...CLOSING],
    combined: [...OPENING, ...REGULAR_BODY, ...THEMATIC_BODY, ...CLOSING],
    committee: [
      { section: 'opening', key: 'purpose', title: 'Tuyên bố lý do' },
      { section: 'body', key: 'assess_month', title: 'Đánh giá kết quả tháng qua' },
      {
        section: 'body',
        key: 'agree_content',
        title: 'Thống nhất nội dung, dự thảo nghị quyết buổi sinh hoạt chi bộ',
      },
      { section: 'body', key: 'key_issues', title: 'Chọn vấn đề trọng tâm để chi bộ thảo luận, biểu quyết' },
      { section: 'closing', key: 'conclusion', title: 'Kết luận' },
    ],
    extraordinary: [
      ...OPENING.slice(0, 4),
      { section: 'body', key: 'matter', title: 'Nội dung cần giải quyết' },
      ...CLOSING,
    ],
    // The annual review session (issue 10, HD 43): self-reviews, the vote on each member, the
    // cell's own assessment.
    review: [...REVIEW_AGENDA],
  },
  // Seed 003: residential and rural cells widen participation (front, mass organisations,
  // village police, militia), and units given tasks report monthly.
  agendaExtras: {
    khu_dan_cu: [
      {
        section: 'body',
        key: 'local_reports',
        title: 'Trưởng khu phố, các đoàn thể, công an khu vực báo cáo tình hình (sinh hoạt mở rộng)',
      },
    ],
    nong_thon: [
      {
        section: 'body',
        key: 'local_reports',
        title: 'Trưởng ấp, các đoàn thể, công an, dân quân báo cáo tình hình (sinh hoạt mở rộng)',
      },
    ],
    co_quan: [
      { section: 'body', key: 'unit_tasks', title: 'Lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan' },
    ],
    truong_hoc: [{ section: 'body', key: 'unit_tasks', title: 'Lãnh đạo thực hiện nhiệm vụ năm học' }],
  },
  thematicSuggestions: {
    default: [
      'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW)',
      'Những điều đảng viên không được làm (Quy định 37-QĐ/TW)',
      'Nâng cao kỹ năng số cho đảng viên, sử dụng Sổ tay đảng viên điện tử',
      'Trách nhiệm nêu gương của cán bộ, đảng viên',
    ],
    khu_dan_cu: [
      'Xây dựng tổ dân phố văn minh, đô thị sạch đẹp',
      'Phát huy vai trò đảng viên trong giữ gìn an ninh trật tự khu dân cư',
    ],
    nong_thon: [
      'Đảng viên đi đầu xây dựng nông thôn mới',
      'Chuyển đổi cơ cấu cây trồng, vật nuôi và kinh tế hộ',
    ],
    co_quan: [
      'Cải cách hành chính, nâng cao chất lượng phục vụ người dân',
      'Phòng, chống tham nhũng, tiêu cực, lãng phí',
    ],
    truong_hoc: [
      'Đổi mới phương pháp dạy học, nâng cao chất lượng giáo dục',
      'Xây dựng trường học hạnh phúc',
    ],
    benh_vien: ['Nâng cao y đức, tinh thần phục vụ người bệnh', 'Chuyển đổi số trong khám chữa bệnh'],
    doanh_nghiep_nha_nuoc: ['Nâng cao hiệu quả sản xuất kinh doanh, bảo toàn vốn nhà nước'],
    doanh_nghiep_ngoai_nha_nuoc: ['Vai trò của đảng viên trong xây dựng quan hệ lao động hài hòa'],
    hoc_sinh_sinh_vien: ['Rèn luyện đạo đức, lối sống của đảng viên sinh viên'],
    quan_doi: ['Xây dựng đơn vị vững mạnh toàn diện "mẫu mực, tiêu biểu"'],
    cong_an: ['Xây dựng lực lượng Công an nhân dân chính quy, tinh nhuệ, hiện đại; vì nhân dân phục vụ'],
  },
};

/**
 * Default national pack. Sources: Điều lệ Đảng (chi bộ ≥3 official members; chi ủy from 9),
 * Quy định 24-QĐ/TW (12-month probation), HD 42-HD/BTCTW 28/10/2025 (meeting cycle).
 * Later issues add the meeting, scoring and grading sections to this pack.
 */
export const HD42_2025: RulePack = {
  id: 'hd42-2025',
  version: '2025.10.28',
  name: 'Mặc định toàn quốc (Điều lệ Đảng, HD 42-HD/BTCTW 2025)',
  effectiveFrom: '2025-10-28',
  organisation: {
    minOfficialMembersPerCell: 3,
    cellCommitteeFromOfficialMembers: 9,
  },
  membership: {
    probationMonths: 12,
    minAdmissionAge: 18,
    officialRecognitionWorkingDays: 30,
    temporaryTransferMinMonths: 3,
    temporaryTransferMaxMonths: 12,
    transferStartWorkingDays: 60,
    transferLetterWorkingDays: 30,
    earlyRecognition: {
      allowed: false,
      citation:
        'Đảng viên dự bị được xét công nhận chính thức khi hết 12 tháng dự bị (Điều lệ Đảng, Điều 5; Quy định 24-QĐ/TW)',
    },
  },
  meetings: MEETINGS,
  scoring: { rubric: HD42_RUBRIC, finalRule: 'supervisor_if_confirmed' },
  oversight: {
    attendanceAlertPercent: 85,
    excusedRunAlert: 3,
    removalRiskMonths: 3,
    minVisitsPerYear: 6,
    regularMeetingGraceDays: 0,
    missedMeetingLookbackMonths: 12,
  },
  recognition: {
    commendMinDueMonths: 3,
    commendGoodPercent: 75,
    commendExcellentPercent: 90,
    commendMaxMissed: 0,
    remindMissedMonths: 1,
    remindWeakMonths: 1,
    remindAlertOverdueDays: 30,
    remindOverdueAlerts: 1,
  },
  dues: DUES_DEFAULT,
  grading: GRADING_DEFAULT,
};
