import { expect, describe as group, it } from 'vitest';
import { type Case, sentence, tableCodes, WHO } from '../../../test/support/audit-sentences.js';

/** One row per action code about members, units, rule packs, accounts, sign-ins and the system, each with the exact sentence it must read as. */
const CASES: Record<string, Case> = {
  'member.create': {
    entityType: 'member',
    entityId: '1',
    after: { full_name: 'Lê Thị Ánh', national_id: '001190000123' },
    expected: `${WHO} thêm đảng viên Lê Thị Ánh vào Chi bộ Khu phố 1`,
  },
  'member.update': {
    entityType: 'member',
    entityId: '1',
    before: { full_name: 'Lê Thị Ánh', phone: '0901000001', address: 'Tổ 1' },
    after: { full_name: 'Lê Thị Ánh', phone: '0901000002', address: 'Tổ 2' },
    expected: `${WHO} sửa thông tin đảng viên Lê Thị Ánh: số điện thoại, nơi ở hiện nay`,
  },
  'member.recognize_official': {
    entityType: 'member',
    entityId: '1',
    after: {
      type: 'recognize_official',
      date: '2026-03-01',
      decisionNo: '15-QĐ/ĐU',
      decisionDate: '2026-02-25',
    },
    expected: `${WHO} công nhận đồng chí Lê Thị Ánh là đảng viên chính thức từ ngày 01/03/2026 (quyết định số 15-QĐ/ĐU ngày 25/02/2026)`,
  },
  'member.exempt': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'exempt', date: '2026-04-01', reason: 'tuổi cao, sức yếu' },
    expected: `${WHO} ghi nhận đồng chí Lê Thị Ánh được miễn công tác và sinh hoạt đảng từ ngày 01/04/2026 (lý do: tuổi cao, sức yếu)`,
  },
  'member.end_exemption': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'end_exemption', date: '2026-09-01' },
    expected: `${WHO} ghi nhận đồng chí Lê Thị Ánh thôi miễn sinh hoạt, trở lại sinh hoạt đảng từ ngày 01/09/2026`,
  },
  'member.temporary_out': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'temporary_out', date: '2026-05-01', until: '2026-11-01', hostUnitId: 101 },
    expected: `${WHO} ghi nhận đồng chí Lê Thị Ánh sinh hoạt tạm thời tại Chi bộ Khu phố 2 từ ngày 01/05/2026 đến ngày 01/11/2026`,
  },
  'member.end_temporary': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'end_temporary', date: '2026-10-15' },
    expected: `${WHO} ghi nhận đồng chí Lê Thị Ánh kết thúc sinh hoạt tạm thời, trở về sinh hoạt tại Chi bộ Khu phố 1 từ ngày 15/10/2026`,
  },
  'member.transfer': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'transfer', date: '2026-06-01', otherOrg: 'Đảng bộ xã Tân Lập, tỉnh Phú Thọ' },
    expected: `${WHO} chuyển sinh hoạt đảng chính thức của đồng chí Lê Thị Ánh từ Chi bộ Khu phố 1 đến Đảng bộ xã Tân Lập, tỉnh Phú Thọ từ ngày 01/06/2026`,
  },
  'member.contact_213': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'contact_213', date: '2026-02-01', unitId: 101 },
    expected: `${WHO} ghi nhận đồng chí Lê Thị Ánh liên hệ với Chi bộ Khu phố 2 nơi cư trú (đảng viên 213) từ ngày 01/02/2026`,
  },
  'member.end_contact_213': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'end_contact_213', date: '2026-12-01' },
    expected: `${WHO} ghi nhận đồng chí Lê Thị Ánh kết thúc liên hệ nơi cư trú (đảng viên 213) từ ngày 01/12/2026`,
  },
  'member.remove': {
    entityType: 'member',
    entityId: '1',
    after: { type: 'remove', date: '2026-07-01', reason: 'tu_tran' },
    expected: `${WHO} đưa đồng chí Lê Thị Ánh ra khỏi danh sách đảng viên của Chi bộ Khu phố 1 (từ trần) từ ngày 01/07/2026`,
  },
  'member.import': {
    entityType: 'org_unit',
    entityId: '100',
    after: { created: 12, updated: 3 },
    expected: `${WHO} nhập đảng viên từ tệp vào Chi bộ Khu phố 1: thêm mới 12, cập nhật 3 người`,
  },
  'member.import_create': {
    entityType: 'member',
    entityId: '2',
    after: { fullName: 'Trần Văn Bình' },
    expected: `${WHO} thêm đảng viên Trần Văn Bình vào Chi bộ Khu phố 1 khi nhập từ tệp`,
  },
  'member.import_update': {
    entityType: 'member',
    entityId: '2',
    before: { ethnicity: null },
    after: { ethnicity: 'Tày' },
    expected: `${WHO} cập nhật thông tin đảng viên Trần Văn Bình khi nhập từ tệp: dân tộc`,
  },
  'member.export': {
    entityType: 'org_unit',
    entityId: '102',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { date: '2026-11-10', count: 1234, fileName: 'Danh sach dang vien.xlsx' },
    expected: `${WHO} xuất danh sách đảng viên của Đảng bộ phường An Hội ra Excel (1.234 người, tính đến ngày 10/11/2026)`,
  },
  'member.export_request': {
    entityType: 'org_unit',
    entityId: '102',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { jobId: 7, date: '2026-11-10', count: 174240 },
    expected: `${WHO} yêu cầu xuất danh sách đảng viên của Đảng bộ phường An Hội ra Excel chạy nền (174.240 người, tính đến ngày 10/11/2026)`,
  },
  'unit.create': {
    entityType: 'org_unit',
    entityId: '101',
    after: { id: 101, parent_id: 102, name: 'Chi bộ Khu phố 2', kind: 'chi_bo', cell_type: 'khu_dan_cu' },
    expected: `${WHO} thêm đơn vị Chi bộ Khu phố 2 (chi bộ) trực thuộc Đảng bộ phường An Hội`,
  },
  'unit.update': {
    entityType: 'org_unit',
    entityId: '101',
    before: { name: 'Chi bộ Khu phố II', code: null },
    after: { name: 'Chi bộ Khu phố 2', code: 'KP2' },
    expected: `${WHO} sửa thông tin đơn vị Chi bộ Khu phố 2: tên đơn vị, mã đơn vị`,
  },
  'unit.move': {
    entityType: 'org_unit',
    entityId: '101',
    before: { parentId: 102, path: '/1/102/101/' },
    after: { parentId: 103, path: '/1/103/101/' },
    expected: `${WHO} chuyển đơn vị Chi bộ Khu phố 2 từ trực thuộc Đảng bộ phường An Hội sang trực thuộc Đảng bộ phường Bình Minh`,
  },
  'unit.archive': {
    entityType: 'org_unit',
    entityId: '101',
    expected: `${WHO} đưa đơn vị Chi bộ Khu phố 2 và các đơn vị trực thuộc vào lưu trữ`,
  },
  'unit.unarchive': {
    entityType: 'org_unit',
    entityId: '101',
    expected: `${WHO} khôi phục đơn vị Chi bộ Khu phố 2 từ lưu trữ`,
  },
  'unit.rule_pack': {
    entityType: 'org_unit',
    entityId: '102',
    before: { packId: null },
    after: { packId: 'hd42-2025' },
    expected: `${WHO} chọn bộ quy định "Hướng dẫn 42-HD/BTCTW (2025)" cho Đảng bộ phường An Hội và các đơn vị trực thuộc`,
  },
  'rule_pack.load': {
    entityType: 'rule_pack',
    entityId: 'hd42-2025@2027.01.01',
    after: { name: 'Hướng dẫn 42 (bản 2027)', effectiveFrom: '2027-01-01' },
    expected: `${WHO} nạp bộ quy định "Hướng dẫn 42 (bản 2027)" (phiên bản 2027.01.01), áp dụng từ ngày 01/01/2027`,
  },
  'user.create': {
    entityType: 'user',
    entityId: '30',
    after: { username: 'thuky1', displayName: 'Lê Thị Ánh', memberId: 1 },
    expected: `${WHO} tạo tài khoản "thuky1" (Lê Thị Ánh), gắn với hồ sơ đồng chí Lê Thị Ánh`,
  },
  'user.create_admin': {
    entityType: 'user',
    entityId: '31',
    actor: null,
    expected: 'Hệ thống tạo tài khoản "admin" quản trị hệ thống',
  },
  'user.update': {
    entityType: 'user',
    entityId: '30',
    before: { displayName: 'Lê Thị Ánh', active: true },
    after: { active: false, passwordReset: true },
    expected: `${WHO} sửa tài khoản "thuky1" (Lê Thị Ánh): khóa tài khoản, đặt lại mật khẩu`,
  },
  'user.grant': {
    entityType: 'user',
    entityId: '30',
    after: { role: 'cell_committee', orgUnitId: 100, validFrom: '2026-01-01', validTo: '2030-12-31' },
    expected: `${WHO} giao quyền "Chi ủy viên" tại Chi bộ Khu phố 1 cho tài khoản "thuky1" (Lê Thị Ánh) (từ ngày 01/01/2026 đến ngày 31/12/2030)`,
  },
  'user.revoke': {
    entityType: 'user',
    entityId: '30',
    before: { role: 'cell_committee' },
    expected: `${WHO} thu hồi quyền "Chi ủy viên" tại Chi bộ Khu phố 1 của tài khoản "thuky1" (Lê Thị Ánh)`,
  },
  'login.success': {
    entityType: 'user',
    entityId: '30',
    actor: { username: 'thuky1', displayName: 'Lê Thị Ánh' },
    after: { username: 'thuky1' },
    expected: 'Lê Thị Ánh (thuky1) đăng nhập',
  },
  'login.failure': {
    entityType: 'user',
    entityId: '30',
    actor: null,
    after: { username: 'thuky1', reason: 'sai mật khẩu' },
    expected: 'Đăng nhập không thành công vào tài khoản "thuky1" (Lê Thị Ánh) (lý do: sai mật khẩu)',
  },
  'login.lockout': {
    entityType: 'user',
    entityId: null,
    actor: null,
    after: { username: 'khong.co', failures: 5, lockedUntil: '2026-11-10T13:05:00.000Z' },
    expected:
      'Hệ thống tạm khóa đăng nhập tên đăng nhập "khong.co" đến 20:05 10/11/2026 sau 5 lần nhập sai mật khẩu',
  },
  'user.logout': {
    entityType: 'user',
    entityId: '30',
    actor: { username: 'thuky1', displayName: 'Lê Thị Ánh' },
    expected: 'Lê Thị Ánh (thuky1) đăng xuất',
  },
  'user.password_lockout': {
    entityType: 'user',
    entityId: '30',
    actor: { username: 'thuky1', displayName: 'Lê Thị Ánh' },
    after: { failures: 5, lockedUntil: '2026-11-10T13:05:00.000Z' },
    expected:
      'Lê Thị Ánh (thuky1) nhập sai mật khẩu hiện tại 5 lần; việc đổi mật khẩu bị tạm khóa đến 20:05 10/11/2026',
  },
  'user.password_change': {
    entityType: 'user',
    entityId: '30',
    actor: { username: 'thuky1', displayName: 'Lê Thị Ánh' },
    expected: 'Lê Thị Ánh (thuky1) đổi mật khẩu của mình',
  },
  'user.username_refused': {
    entityType: 'user',
    entityId: null,
    after: { username: 'nguyenvana' },
    expected: `${WHO} nhập tên đăng nhập "nguyenvana" đã có người dùng; hệ thống từ chối`,
  },
  'member.identity_refused': {
    entityType: 'member',
    entityId: null,
    after: { nationalId: '001190000123' },
    expected: `${WHO} nhập số CCCD đã gắn với hồ sơ khác; hệ thống từ chối`,
  },
  'calendar.token_create': {
    entityType: 'user',
    entityId: '30',
    actor: { username: 'thuky1', displayName: 'thuky1' },
    expected: 'thuky1 tạo đường dẫn lịch (iCalendar) riêng của mình',
  },
  'calendar.token_revoke': {
    entityType: 'user',
    entityId: '30',
    expected: `${WHO} thu hồi đường dẫn lịch (iCalendar) của mình`,
  },
  'demo.seed': {
    entityType: 'org_unit',
    entityId: '102',
    actor: null,
    orgUnitName: 'Đảng bộ phường An Hội',
    expected: 'Hệ thống tạo dữ liệu mẫu cho Đảng bộ phường An Hội',
  },
  'system.backup': {
    entityType: 'system',
    after: { tables: 34, rows: 19687 },
    expected: `${WHO} tải bản sao lưu toàn bộ dữ liệu (34 bảng, 19.687 dòng)`,
  },
  'integrity.seal': {
    entityType: 'system',
    actor: null,
    orgUnitName: null,
    after: { records: 1250, scores: 980, keyId: '3f2a9c0d1e7b5a4c' },
    expected:
      'Hệ thống niêm phong bằng khóa 3f2a9c0d1e7b5a4c 1.250 biên bản đã thông qua và 980 điểm đã xác nhận từ trước khi có mã kiểm tra có khóa',
  },
  // Evidence of the year's review (src/features/grading/evidence-routes.ts)
  'member.discipline_add': {
    entityType: 'member',
    entityId: '3',
    after: { id: 4, form: 'khien_trach', decidedOn: '2025-07-01', decisionNo: '12-QĐ/ĐU', reason: 'Vi phạm' },
    expected: `${WHO} ghi quyết định kỷ luật khiển trách đảng viên Phạm Thị Cúc ngày 01/07/2025`,
  },
  'member.commendation_add': {
    entityType: 'member',
    entityId: '3',
    after: { id: 5, title: 'Giấy khen', decidedOn: '2025-09-02' },
    expected: `${WHO} ghi khen thưởng "Giấy khen" cho đảng viên Phạm Thị Cúc ngày 02/09/2025`,
  },
  // Personal API tokens (src/features/api-tokens, ADR 039)
  'api_token.create': {
    entityType: 'user',
    entityId: '30',
    actor: { username: 'thuky1', displayName: 'Lê Thị Ánh' },
    after: {
      tokenId: 7,
      name: 'Đồng bộ CSDL',
      prefix: 'chibo_pat_Ab12Cd',
      expiresAt: '2027-12-03T03:00:00.000Z',
    },
    expected:
      'Lê Thị Ánh (thuky1) tạo mã truy cập API "Đồng bộ CSDL" (chibo_pat_Ab12Cd…) của mình, hiệu lực đến 10:00 03/12/2027',
  },
  'api_token.revoke': {
    entityType: 'user',
    entityId: '30',
    after: { tokenId: 7, name: 'Đồng bộ CSDL', prefix: 'chibo_pat_Ab12Cd' },
    expected: `${WHO} thu hồi mã truy cập API "Đồng bộ CSDL" (chibo_pat_Ab12Cd…) của tài khoản "thuky1" (Lê Thị Ánh)`,
  },
  'api_token.revoke_all': {
    entityType: 'user',
    entityId: '30',
    after: { reason: 'password_reset', count: 2, prefixes: ['chibo_pat_Ab12Cd', 'chibo_pat_Xy34Zw'] },
    expected: `${WHO} đặt lại mật khẩu: 2 mã truy cập API của tài khoản "thuky1" (Lê Thị Ánh) bị thu hồi`,
  },
};

group('audit sentences: members, organisation, accounts, system', () => {
  it('has a tested sentence for every entry of its part of the table, and an entry for every tested code', () => {
    expect(Object.keys(CASES).sort()).toEqual(tableCodes('registry'));
  });

  for (const [action, { expected, ...row }] of Object.entries(CASES)) {
    it(action, () => expect(sentence(action, row)).toBe(expected));
  }
});
