/**
 * Places for the demo organisation: provinces (hometowns, with the 3-digit code that opens a
 * citizen-ID number), streets of phường An Hội, and the outside organisations that members
 * come from, go to or keep contact with. All names are fictional in combination.
 */

/** [province as written in "quê quán", CCCD province code, weight]. Mostly the Mekong Delta. */
export const PROVINCES: readonly (readonly [string, string, number])[] = [
  ['Bến Tre', '083', 55],
  ['Tiền Giang', '082', 8],
  ['Vĩnh Long', '086', 6],
  ['Trà Vinh', '084', 5],
  ['Long An', '080', 3],
  ['Đồng Tháp', '087', 3],
  ['Thành phố Hồ Chí Minh', '079', 3],
  ['Cần Thơ', '092', 2],
  ['An Giang', '089', 2],
  ['Sóc Trăng', '094', 1.5],
  ['Kiên Giang', '091', 1],
  ['Cà Mau', '096', 1],
  ['Bạc Liêu', '095', 0.5],
  ['Hậu Giang', '093', 0.5],
  ['Nghệ An', '040', 2],
  ['Hà Tĩnh', '042', 1.5],
  ['Thanh Hóa', '038', 1.5],
  ['Quảng Nam', '049', 1],
  ['Quảng Ngãi', '051', 1],
  ['Bình Định', '052', 1],
  ['Hà Nội', '001', 1],
  ['Nam Định', '036', 0.8],
  ['Thái Bình', '034', 0.8],
  ['Thừa Thiên Huế', '046', 0.6],
  ['Quảng Trị', '045', 0.5],
  ['Hải Phòng', '031', 0.4],
  ['Cao Bằng', '004', 0.2],
  ['Hòa Bình', '017', 0.2],
  ['Lạng Sơn', '020', 0.2],
];

/** Ethnic groups usual for a hometown, with the chance that a member from there belongs to it. */
export const ETHNIC_BY_PROVINCE: Readonly<Record<string, readonly [string, number]>> = {
  'Trà Vinh': ['Khmer', 0.4],
  'Sóc Trăng': ['Khmer', 0.5],
  'Cao Bằng': ['Tày', 0.8],
  'Hòa Bình': ['Mường', 0.8],
  'Lạng Sơn': ['Nùng', 0.7],
};

export const STREETS_BY_KHU_PHO: Readonly<Record<string, readonly string[]>> = {
  'Khu phố 1': ['Nguyễn Đình Chiểu', 'Đồng Khởi', 'Hai Bà Trưng'],
  'Khu phố 2': ['Hùng Vương', 'Trần Quốc Tuấn', 'Lê Lợi'],
  'Khu phố 3': ['Nguyễn Huệ', 'Phan Ngọc Tòng', 'Cách Mạng Tháng Tám'],
  'Khu phố 4': ['Nguyễn Văn Tư', 'Trương Định', 'Lê Quý Đôn'],
  'Khu phố 5': ['30 Tháng 4', 'Nguyễn Trung Trực', 'Ngô Quyền'],
};

/** Neighbouring wards where members of the ward's agencies may live. */
export const OTHER_WARDS: readonly (readonly [string, readonly string[]])[] = [
  ['Phú Khương', ['Nguyễn Thị Định', 'Đoàn Hoàng Minh', 'Võ Nguyên Giáp']],
  ['Bến Tre', ['Hùng Vương', 'Lý Thường Kiệt', 'Trần Hưng Đạo']],
  ['Sơn Đông', ['Nguyễn Văn Cừ', 'Phạm Ngọc Thảo']],
  ['Phú Tân', ['Lạc Long Quân', 'Nguyễn Văn Trỗi']],
];

/** Own cells of "213" members who live in the ward and keep contact with a residential cell. */
export const CONTACT_213_ORGS: readonly string[] = [
  'Chi bộ Sở Tài chính tỉnh Bến Tre',
  'Chi bộ Sở Giáo dục và Đào tạo tỉnh Bến Tre',
  'Chi bộ Sở Y tế tỉnh Bến Tre',
  'Chi bộ Sở Nông nghiệp và Môi trường tỉnh Bến Tre',
  'Chi bộ Kho bạc Nhà nước khu vực Bến Tre',
  'Chi bộ Văn phòng Tỉnh ủy Bến Tre',
  'Chi bộ Bệnh viện Nguyễn Đình Chiểu',
  'Chi bộ Trường Cao đẳng Bến Tre',
  'Chi bộ Báo Đồng Khởi',
  'Chi bộ Ngân hàng Nhà nước chi nhánh tỉnh Bến Tre',
  'Chi bộ Công ty Điện lực Bến Tre',
  'Chi bộ Trường THPT Chuyên Bến Tre',
];

/** Where members go for a temporary transfer outside the tree: study, or work elsewhere. */
export const TEMPORARY_OUT_ORGS: readonly string[] = [
  'Chi bộ Trường Chính trị tỉnh Bến Tre',
  'Chi bộ Khu phố 5, phường Tân Định, Thành phố Hồ Chí Minh',
  'Chi bộ Ấp Thạnh Phú, xã Giồng Trôm, tỉnh Bến Tre',
];

/** Previous cells of members who transferred in officially. */
export const TRANSFER_IN_ORGS: readonly string[] = [
  'Chi bộ Khu phố 3, phường Phú Khương, tỉnh Bến Tre',
  'Chi bộ Ấp Phú Hữu, xã Châu Thành, tỉnh Bến Tre',
  'Chi bộ Trường THPT Chuyên Bến Tre',
  'Đảng bộ phường Sơn Đông, tỉnh Bến Tre',
  'Chi bộ Khu phố 6, phường Rạch Giá, tỉnh An Giang',
  'Chi bộ Tổ dân phố 12, phường Bến Thành, Thành phố Hồ Chí Minh',
];
