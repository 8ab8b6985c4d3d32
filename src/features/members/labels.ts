/** Vietnamese labels of member statuses and lifecycle events. */
export const STATUS_LABELS = {
  official: 'Chính thức',
  probationary: 'Dự bị',
  exempted: 'Miễn sinh hoạt',
  temporary_out: 'Sinh hoạt tạm thời nơi khác',
  temporary_in: 'Sinh hoạt tạm thời tại đây',
  contact_213: 'Đảng viên 213 (liên hệ nơi cư trú)',
  removed: 'Đã ra khỏi danh sách',
  transferred_out: 'Đã chuyển sinh hoạt',
} as const;

export const END_REASONS = {
  transfer_out: 'Chuyển sinh hoạt chính thức',
  xoa_ten: 'Xóa tên',
  khai_tru: 'Khai trừ',
  tu_tran: 'Từ trần',
  ra_khoi_dang: 'Xin ra khỏi Đảng',
  correction: 'Đính chính',
} as const;
export type EndReason = keyof typeof END_REASONS;

export const START_REASONS = {
  admission: 'Kết nạp',
  transfer_in: 'Chuyển đến',
  initial: 'Có trong danh sách từ đầu',
  import: 'Nhập từ tệp',
} as const;

export const GENDER_LABELS = { nam: 'Nam', nu: 'Nữ' } as const;
