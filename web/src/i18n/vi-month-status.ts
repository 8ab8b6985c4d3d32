/**
 * Texts of the month status pages (issue 12, part 5): the cells' grid loaded page by page and the
 * table of the units directly under a committee, one line per unit, in Vietnamese.
 */
export const MONTH_STATUS = {
  shownCells: (shown: string, total: string) => `Đang hiện ${shown} / ${total} chi bộ`,
  shownUnits: (shown: string, total: string) => `Đang hiện ${shown} / ${total} đơn vị trực thuộc`,
  more: (n: string) => `Xem thêm (còn ${n})`,
  chartWhenAll: 'Biểu đồ hiện khi đã tải hết các chi bộ (bấm "Xem thêm").',
  children: {
    title: 'Tình hình các đơn vị trực thuộc theo tháng',
    intro:
      'Mỗi ô: số chi bộ đã sinh hoạt thường kỳ / số chi bộ đến hạn trong tháng. Bấm tên đơn vị để xem chi tiết.',
    unit: 'Đơn vị',
    cells: (n: string) => `${n} chi bộ`,
    held: (held: string, due: string) => `${held}/${due}`,
    heldLong: (month: string, held: string, due: string, percent: string) =>
      `Tháng ${month}: ${held}/${due} chi bộ đã sinh hoạt (${percent})`,
    pending: (month: string, n: string) => `Tháng ${month}: ${n} chi bộ chưa đến hạn`,
    none: (month: string) => `Tháng ${month}: chưa có số liệu`,
    empty: 'Đơn vị chưa có đơn vị trực thuộc.',
    legend:
      'Màu ô theo tỉ lệ chi bộ đã sinh hoạt: xanh từ 90%, vàng từ 70%, đỏ dưới 70%; ô trắng: chưa đến hạn.',
  },
};
