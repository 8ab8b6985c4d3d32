/** Strings of the registry's cursor pages and the children list (issue 12 part 1). */
export const viRegistry = {
  more: 'Xem thêm',
  loadingMore: 'Đang tải thêm…',
  shown: (shown: string, total: string) => `Đang hiển thị ${shown} / ${total}`,
  moreMembers: (n: string) => `Xem thêm ${n} đảng viên`,
  moreUnits: (n: string) => `Xem thêm ${n} đơn vị`,
  moreThan: (n: string) => `hơn ${n}`,
  searchHint: 'Gõ tên (có dấu hoặc không dấu), số thẻ đảng viên hoặc số CCCD',
};
