/** What the offline notice says (ADR 040). */
export const VI_OFFLINE = {
  offline: 'Bạn đang ngoại tuyến',
  copyAt: (when: string) => `Bạn đang ngoại tuyến — bản lưu lúc ${when}`,
  hint: 'Lịch họp, tài liệu và biên bản đã lưu trên máy. Có mạng, trang tự cập nhật.',
};
