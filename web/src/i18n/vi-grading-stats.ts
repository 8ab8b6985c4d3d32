/** Vietnamese strings of the grading statistics page and the overview's grading card. */
export const VI_GRADING_STATS = {
  entry: 'Kết quả xếp loại',
  entryHelp: 'Số tổ chức đảng, đảng viên ở mỗi mức xếp loại của năm, theo các quyết định đã ban hành',
  title: (unit: string, year: number) => `Kết quả xếp loại năm ${year} — ${unit}`,
  year: 'Năm đánh giá, xếp loại',
  basis:
    'Theo các quyết định xếp loại đã ban hành và còn hiệu lực (quyết định đã được điều chỉnh thì tính theo quyết định điều chỉnh). Mỗi tỷ lệ tính riêng trên tổng số, làm tròn đến hai chữ số thập phân.',
  groups: {
    organisations: 'Tổ chức đảng',
    members: 'Đảng viên',
    cadres: 'Cán bộ diện cấp ủy quản lý (tính riêng)',
  },
  chartOf: (what: string, year: number) => `${what}: tỷ lệ mỗi mức xếp loại năm ${year}`,
  level: 'Mức xếp loại',
  count: 'Số lượng',
  share: 'Tỷ lệ',
  ratio: 'Tử số / mẫu số',
  total: 'Tổng số',
  sentences: 'Các câu thống kê của báo cáo',
  none: (what: string) => `Chưa có ${what} nào được xếp loại.`,
  notGraded: (orgs: string, members: string) =>
    `Chưa có quyết định xếp loại: ${orgs} tổ chức đảng, ${members} đảng viên.`,
  downloads: 'Tải báo cáo',
  docx: 'Báo cáo (Word)',
  xlsx: 'Các bảng (Excel)',
  downloadHelp: 'Báo cáo kết quả đánh giá, xếp loại theo thể thức văn bản của Đảng (HD 36)',
  card: {
    title: (year: number) => `Xếp loại năm ${year}`,
    open: 'Xem chi tiết kết quả xếp loại',
    empty: (year: number) => `Chưa có quyết định xếp loại năm ${year}.`,
  },
  back: 'Về trang đơn vị',
} as const;
