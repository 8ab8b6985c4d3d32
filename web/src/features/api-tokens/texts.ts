/** Vietnamese texts of the "Mã truy cập API" page. */
export const T = {
  title: 'Mã truy cập API',
  intro:
    'Mã truy cập API cho phép một phần mềm khác (ví dụ máy chủ đồng bộ với cơ sở dữ liệu đảng viên) gọi API của chibo thay mặt bạn, với đúng các quyền của tài khoản bạn. Mỗi mã dùng cho một việc; thu hồi ngay khi không dùng nữa hoặc nghi bị lộ.',
  docsHint:
    'Cách dùng: gửi mã trong tiêu đề "Authorization: Bearer <mã>" (xem hướng dẫn docs/api-tokens.md).',
  createTitle: 'Tạo mã mới',
  name: 'Tên gợi nhớ',
  nameHint: 'Dùng vào việc gì, ví dụ "Đồng bộ CSDL đảng viên"',
  nameRequired: 'Hãy đặt tên cho mã truy cập',
  lifetime: 'Thời hạn',
  lifetimes: [
    { value: '30', label: '30 ngày' },
    { value: '90', label: '90 ngày' },
    { value: '180', label: '180 ngày' },
    { value: '365', label: '1 năm' },
    { value: '730', label: '2 năm' },
  ],
  create: 'Tạo mã',
  createdTitle: 'Sao chép mã ngay: mã này sẽ không hiện lại',
  createdBody:
    'chibo chỉ lưu dấu băm của mã, không lưu chính mã. Sau khi đóng khung này, không ai xem lại được mã; nếu làm mất, hãy thu hồi và tạo mã mới. Không gửi mã qua tin nhắn hay thư điện tử.',
  secret: 'Mã truy cập (bí mật)',
  copy: 'Sao chép mã',
  copied: 'Đã sao chép',
  done: 'Tôi đã lưu mã',
  listTitle: 'Các mã của bạn',
  empty: 'Bạn chưa tạo mã truy cập nào.',
  partial: (shown: number, total: number) =>
    `Đang hiện ${shown} trong ${total} mã: mọi mã còn hiệu lực và các mã đã thu hồi hoặc hết hạn gần nhất.`,
  columns: {
    prefix: 'Mã bắt đầu bằng',
    created: 'Ngày tạo',
    lastUsed: 'Dùng lần cuối',
    expires: 'Hết hạn',
    revoked: 'Thu hồi ngày',
  },
  never: 'Chưa dùng',
  noExpiry: 'Không thời hạn',
  status: { active: 'Còn hiệu lực', expired: 'Đã hết hạn', revoked: 'Đã thu hồi' },
  revoke: 'Thu hồi',
  revokeTitle: 'Thu hồi mã truy cập?',
  revokeBody: (name: string) =>
    `Mã "${name}" sẽ ngừng hoạt động ngay; phần mềm đang dùng mã này sẽ bị từ chối. Không thể hoàn tác.`,
  revokeConfirm: 'Thu hồi mã',
  cancel: 'Hủy',
  revokedToast: 'Đã thu hồi mã truy cập.',
};
