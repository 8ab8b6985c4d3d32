import type { DuesRules, GradingRules } from './year-types.js';

/**
 * National defaults for the member's year (ADR 024). Sources: QĐ 01-QĐ/TW 2026 (đảng phí:
 * 1 % of insured salary, 0,5 % of pension, 5.000 đ for students), QĐ 366-QĐ/TW 30/8/2025 and
 * HD 43-HD/BTCTW 31/10/2025 (review and grading). What DOMAIN.md marks [R]/[U] — the quota,
 * the rounding of amounts, the fixed amount for members without income, the new-member rule —
 * is data a province changes in its own pack.
 */
export const DUES_DEFAULT: DuesRules = {
  citation: 'Quy định 01-QĐ/TW năm 2026 về chế độ đảng phí',
  categories: [
    { key: 'salary', label: 'Hưởng lương, tiền công (đóng BHXH)', basis: 'percent', rateBasisPoints: 100 },
    { key: 'pension', label: 'Hưởng lương hưu', basis: 'percent', rateBasisPoints: 50 },
    { key: 'allowance', label: 'Hưởng trợ cấp BHXH hằng tháng', basis: 'percent', rateBasisPoints: 50 },
    { key: 'student', label: 'Học sinh, sinh viên', basis: 'fixed', amount: 5000 },
    { key: 'other', label: 'Khác (không có thu nhập thường xuyên)', basis: 'fixed', amount: 5000 },
  ],
  defaultCategory: 'other',
  roundTo: 1000,
  unpaidRiskMonths: 3,
};

export const GRADING_DEFAULT: GradingRules = {
  citation: 'Quy định 366-QĐ/TW ngày 30/8/2025; Hướng dẫn 43-HD/BTCTW ngày 31/10/2025',
  levels: [
    {
      key: 'xuat_sac',
      label: 'Hoàn thành xuất sắc nhiệm vụ',
      phrase: 'hoàn thành xuất sắc nhiệm vụ',
      minScore: 90,
    },
    { key: 'tot', label: 'Hoàn thành tốt nhiệm vụ', phrase: 'hoàn thành tốt nhiệm vụ', minScore: 70 },
    { key: 'hoan_thanh', label: 'Hoàn thành nhiệm vụ', phrase: 'hoàn thành nhiệm vụ', minScore: 50 },
    {
      key: 'khong_hoan_thanh',
      label: 'Không hoàn thành nhiệm vụ',
      phrase: 'không hoàn thành nhiệm vụ',
      minScore: 0,
    },
  ],
  quotas: [
    {
      level: 'xuat_sac',
      ofLevels: ['xuat_sac', 'tot'],
      maxPercent: 20,
      rounding: 'floor',
      per: ['unit', 'total'],
      appliesTo: ['member', 'organisation'],
      citation:
        'Số xếp loại "Hoàn thành xuất sắc nhiệm vụ" không vượt quá 20% số xếp loại "Hoàn thành tốt nhiệm vụ" (HD 43-HD/BTCTW)',
    },
  ],
  hardRules: [
    {
      when: 'disciplined',
      above: 0,
      maxLevel: 'hoan_thanh',
      appliesTo: ['member', 'organisation'],
      citation:
        'Bị thi hành kỷ luật trong năm thì không xếp loại "Hoàn thành tốt nhiệm vụ" trở lên (QĐ 366-QĐ/TW)',
    },
    {
      when: 'dues_unpaid_months',
      above: 2,
      maxLevel: 'khong_hoan_thanh',
      appliesTo: ['member'],
      citation: 'Không đóng đảng phí 3 tháng trong năm mà không có lý do chính đáng (Điều lệ Đảng, Điều 8)',
    },
    {
      when: 'tasks_late_percent',
      above: 0,
      maxLevel: 'hoan_thanh',
      appliesTo: ['member'],
      citation:
        '"Hoàn thành tốt nhiệm vụ" đòi hỏi 100% nhiệm vụ được giao hoàn thành đúng hạn (QĐ 366-QĐ/TW)',
    },
    {
      when: 'tasks_late_percent',
      above: 20,
      maxLevel: 'khong_hoan_thanh',
      appliesTo: ['member'],
      citation: '"Hoàn thành nhiệm vụ" cho phép không quá 20% nhiệm vụ hoàn thành chậm (QĐ 366-QĐ/TW)',
    },
  ],
  reviewExempted: false,
  newMembers: { minMonths: 6, rule: 'review_not_graded' },
  selfReviewSections: [
    {
      key: 'politics_ethics',
      title: 'Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật',
      hint: 'Chấp hành chủ trương của Đảng, pháp luật của Nhà nước; nêu gương; giữ mối liên hệ với nhân dân.',
    },
    {
      key: 'tasks',
      title: 'Về kết quả thực hiện chức trách, nhiệm vụ được giao',
      hint: 'Nhiệm vụ chi bộ phân công trong năm, kết quả, số lượng hoàn thành đúng hạn.',
    },
    {
      key: 'party_life',
      title: 'Về việc sinh hoạt đảng, đóng đảng phí, thực hiện nhiệm vụ đảng viên nơi cư trú',
      hint: 'Số buổi dự sinh hoạt, vắng có lý do; đóng đảng phí đầy đủ, đúng hạn.',
    },
    {
      key: 'shortcomings',
      title: 'Hạn chế, khuyết điểm và nguyên nhân',
      hint: 'Những việc chưa làm được; nguyên nhân chủ quan, khách quan.',
    },
    {
      key: 'remedies',
      title: 'Phương hướng, biện pháp khắc phục',
      hint: 'Việc sẽ làm trong năm tới, thời hạn.',
    },
  ],
  organisationCriteria: [
    {
      key: 'leadership',
      title: 'Lãnh đạo thực hiện nhiệm vụ chính trị của địa phương, cơ quan, đơn vị',
      maxPoints: 30,
    },
    { key: 'ideology', title: 'Công tác chính trị, tư tưởng; đạo đức, lối sống', maxPoints: 15 },
    { key: 'organisation', title: 'Công tác tổ chức, cán bộ, đảng viên', maxPoints: 20 },
    { key: 'party_life', title: 'Chất lượng sinh hoạt chi bộ (nền nếp, nội dung, tỷ lệ dự)', maxPoints: 20 },
    { key: 'inspection', title: 'Công tác kiểm tra, giám sát, kỷ luật đảng', maxPoints: 10 },
    { key: 'mass_work', title: 'Công tác dân vận; lãnh đạo các đoàn thể', maxPoints: 5 },
  ],
};
