/**
 * Texts of issue 10's finishing touches, in Vietnamese: the dues base and remittance forms, closing
 * a review campaign, the links to the review and the member's reminder.
 */
export const VI_YEAR_FINISH = {
  // The dues base ("Mức đóng")
  baseAction: 'Mức đóng',
  baseTitle: (name: string) => `Mức đóng đảng phí — ${name}`,
  baseCategory: 'Đối tượng đóng đảng phí',
  baseRatePercent: (label: string, percent: string) => `${label} (${percent} mức căn cứ)`,
  baseRateFixed: (label: string, amount: string) => `${label} (${amount} mỗi tháng)`,
  baseAmount: 'Mức căn cứ (lương, phụ cấp, thu nhập)',
  baseAmountHint: 'Số tiền đồng mỗi tháng, ví dụ 7.500.000 đ',
  baseFrom: 'Áp dụng từ tháng',
  baseNoAmount: 'Đối tượng này đóng một mức cố định, không cần mức căn cứ.',
  basePreview: (due: string) => `Số phải nộp mỗi tháng: ${due}`,
  basePreviewNote: 'Tính theo bộ quy định của tháng đang xem; chibo tính lại khi lưu.',
  baseSave: 'Lưu mức đóng',
  baseSaved: (due: string) => `Đã lưu mức đóng: ${due} mỗi tháng.`,
  cancel: 'Hủy',
  memberBaseLink: 'Ghi mức đóng đảng phí',
  // The remittance ("Nộp lên cấp trên")
  remitTitle: 'Nộp lên cấp trên',
  remitIntro: (collected: string, remitted: string) =>
    `Tháng này đã thu ${collected}, đã nộp lên cấp trên ${remitted}.`,
  remitAmount: 'Số tiền nộp lên',
  remitOn: 'Ngày nộp',
  remitNote: 'Ghi chú (nếu có)',
  remitSave: 'Ghi nộp lên cấp trên',
  remitSaved: (amount: string) => `Đã ghi nộp lên cấp trên ${amount}.`,
  remitList: 'Các lần đã nộp lên',
  remitNone: 'Chưa ghi lần nộp lên nào trong tháng này.',
  remitRow: (amount: string, date: string) => `${amount} — ngày ${date}`,
  // Closing a campaign
  closeAction: 'Kết thúc đợt',
  closeTitle: 'Kết thúc đợt kiểm điểm, xếp loại?',
  closeBody: (year: number, unit: string) =>
    `Sau khi kết thúc, các chi bộ của ${unit} không ghi thêm bản kiểm điểm, kết quả biểu quyết và tự đánh giá của năm ${year}. Việc này không hoàn tác được.`,
  closeConfirm: 'Kết thúc đợt',
  closed: 'Đã kết thúc đợt kiểm điểm, xếp loại.',
  // Links
  unitSession: (year: number) => `Kiểm điểm năm ${year}`,
  unitCampaign: 'Đợt kiểm điểm, xếp loại',
  // The member's home page
  mySelfReview: (year: number) => `Bản kiểm điểm năm ${year}`,
  mySelfReviewDue: (unit: string, due: string) => `${unit} mở đợt kiểm điểm: nộp bản kiểm điểm trước ${due}.`,
  mySelfReviewState: { none: 'Chưa viết', draft: 'Bản nháp', submitted: 'Đã nộp' } as Record<string, string>,
  mySelfReviewOpen: 'Viết bản kiểm điểm',
  mySelfReviewView: 'Xem bản kiểm điểm',
} as const;
