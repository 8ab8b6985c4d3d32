/**
 * Texts of the member screens added with issue 7 (status rules from the rule pack), in
 * Vietnamese. Imported directly where used; `vi.ts` stays as it is.
 */
export const MEMBERS_EXTRA = {
  /**
   * The server refuses a temporary transfer under 3 months or of 1 year or more (rule pack,
   * DOMAIN.md §3); the longer study period is not yet in the pack, so the screen says so.
   */
  temporaryOutExplain:
    'Đảng viên sinh hoạt tạm thời ở nơi khác từ 3 tháng đến dưới 1 năm nhưng vẫn được tính ở chi bộ này. ' +
    'Trường hợp đi học trên 1 năm, hãy liên hệ văn phòng đảng ủy.',
  transferExplain:
    'Đảng viên chuyển hẳn sang chi bộ khác. Chọn chi bộ nơi đến trong hệ thống, hoặc ghi tên tổ chức đảng nơi đến ' +
    'nếu ở ngoài hệ thống. Quá trình sinh hoạt ở đây được giữ lại.',
} as const;
