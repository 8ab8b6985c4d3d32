/**
 * Vietnamese text of the audit page (Nhật ký thay đổi). The sentences and the field labels of
 * each entry come from the server (src/features/audit), so the page and the API read the same.
 */
export const viAudit = {
  title: 'Nhật ký thay đổi',
  intro: 'Mỗi dòng ghi ai đã làm gì, với đối tượng nào, lúc nào. Mới nhất ở trên cùng.',
  unit: 'Đơn vị',
  kind: 'Loại đối tượng',
  allKinds: 'Tất cả',
  at: 'Thời gian',
  who: 'Người thực hiện',
  what: 'Nội dung',
  where: 'Đơn vị',
  details: 'Chi tiết',
  showDetails: 'Xem chi tiết',
  hideDetails: 'Ẩn chi tiết',
  before: 'Trước',
  after: 'Sau',
  value: 'Giá trị',
  field: 'Thông tin',
  noChanges: 'Không có thông tin thay đổi nào khác ngoài nội dung trên.',
  raw: 'Dữ liệu gốc',
  rawHelp: 'Chỉ quản trị hệ thống thấy: mã thao tác và dữ liệu trước/sau đúng như đã ghi.',
  rawAction: 'Mã thao tác',
  system: 'Hệ thống',
  open: 'Mở',
  empty: 'Chưa có thay đổi nào được ghi lại.',
  emptyFiltered: 'Không có thay đổi nào với loại đối tượng này.',
  noPermission: 'Bạn không có quyền xem nhật ký.',
  count: (n: string) => `${n} thay đổi`,
  /** Kinds of object (`entityType`) for the filter. */
  entityTypes: {
    member: 'Đảng viên',
    meeting: 'Buổi sinh hoạt',
    task: 'Nhiệm vụ',
    org_unit: 'Đơn vị',
    user: 'Tài khoản',
    meeting_series: 'Lịch sinh hoạt thường kỳ',
    recommendation: 'Kiến nghị',
    rule_pack: 'Bộ quy định',
    alert: 'Cảnh báo',
  } as Record<string, string>,
};
