import { expect, describe as group, it } from 'vitest';
import { labelledChanges } from './changes.js';
import type { SentenceRow } from './context.js';
import { emptyNames, type Names } from './names.js';
import { AUDIT_ACTIONS, describe } from './sentences.js';

function pageNames(): Names {
  const n = emptyNames();
  n.members.set(1, 'Lê Thị Ánh').set(2, 'Trần Văn Bình').set(3, 'Phạm Thị Cúc');
  n.meetings.set(10, 'Sinh hoạt thường kỳ tháng 11/2026').set(11, 'Sinh hoạt thường kỳ tháng 12/2026');
  n.units
    .set(100, 'Chi bộ Khu phố 1')
    .set(101, 'Chi bộ Khu phố 2')
    .set(102, 'Đảng bộ phường An Hội')
    .set(103, 'Đảng bộ phường Bình Minh');
  n.tasks.set(20, { title: 'Vận động hộ dân đóng quỹ khuyến học', meetingId: 10 });
  n.users
    .set(30, { username: 'thuky1', displayName: 'Lê Thị Ánh' })
    .set(31, { username: 'admin', displayName: null });
  n.agendaItems.set(40, 'Đánh giá kết quả tháng qua');
  n.documents.set(50, 'Dự thảo nghị quyết tháng 11');
  n.recommendations.set(60, 'Đề nghị hỗ trợ kinh phí sửa nhà văn hóa khu phố');
  n.rulePacks.set('hd42-2025', 'Hướng dẫn 42-HD/BTCTW (2025)');
  return n;
}

type Case = Partial<SentenceRow> & { expected: string };

const WHO = 'Nguyễn Văn An (bithu1)';

/** One row per action code, each with the exact sentence it must read as. */
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
  'meeting_series.save': {
    entityType: 'meeting_series',
    entityId: '7',
    after: { id: 7, unit_id: 100, day_of_month: 10, start_time: '19:30', place: 'Nhà văn hóa khu phố 1' },
    expected: `${WHO} đặt lịch sinh hoạt thường kỳ của Chi bộ Khu phố 1: ngày 10 hằng tháng, lúc 19:30, tại Nhà văn hóa khu phố 1`,
  },
  'thematic_plan.save': {
    entityType: 'org_unit',
    entityId: '100',
    after: {
      year: 2026,
      items: [{ quarter: 4, topic: 'Học tập và làm theo tư tưởng Hồ Chí Minh', month: 11 }],
    },
    expected: `${WHO} lưu kế hoạch sinh hoạt chuyên đề năm 2026 của Chi bộ Khu phố 1 — quý 4: "Học tập và làm theo tư tưởng Hồ Chí Minh"`,
  },
  'meeting.create': {
    entityType: 'meeting',
    entityId: '10',
    after: { kind: 'regular', scheduledAt: '2026-11-10T19:30:00+07:00', place: 'Nhà văn hóa khu phố 1' },
    expected: `${WHO} lên lịch buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" của Chi bộ Khu phố 1 lúc 19:30 10/11/2026 tại Nhà văn hóa khu phố 1`,
  },
  'meeting.update': {
    entityType: 'meeting',
    entityId: '10',
    before: { title: 'Sinh hoạt tháng 11', place: 'Nhà văn hóa' },
    after: { title: 'Sinh hoạt thường kỳ tháng 11/2026', place: 'Nhà văn hóa' },
    expected: `${WHO} cập nhật thông tin chuẩn bị buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": tên buổi sinh hoạt`,
  },
  'meeting.move': {
    entityType: 'meeting',
    entityId: '10',
    before: { scheduledAt: '2026-11-10T19:30:00+07:00', place: 'Nhà văn hóa' },
    after: { scheduledAt: '2026-11-12T19:30:00+07:00', place: 'Nhà văn hóa' },
    expected: `${WHO} dời buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" từ 19:30 10/11/2026 sang 19:30 12/11/2026`,
  },
  'meeting.cancel': {
    entityType: 'meeting',
    entityId: '10',
    after: { reason: 'bão số 9' },
    expected: `${WHO} hủy buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" (lý do: bão số 9)`,
  },
  'meeting.invite': {
    entityType: 'meeting',
    entityId: '10',
    after: { members: 24, supervisors: 1 },
    expected: `${WHO} gửi giấy mời dự buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" đến 24 đảng viên và 1 cấp ủy viên phụ trách`,
  },
  'meeting.invitation_print': {
    entityType: 'meeting',
    entityId: '10',
    after: { people: 26, paper: 4 },
    expected: `${WHO} in giấy mời và danh sách ký nhận buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" (26 người, 4 giấy mời in)`,
  },
  'meeting.prep_step': {
    entityType: 'meeting',
    entityId: '10',
    after: { step: 'prep_meeting', note: null },
    expected: `${WHO} ghi nhận đã xong bước chuẩn bị "Chi ủy (bí thư) họp chuẩn bị" của buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.agenda': {
    entityType: 'meeting',
    entityId: '10',
    after: [
      { section: 'opening', title: 'Khai mạc' },
      { section: 'body', title: 'Đánh giá kết quả tháng qua' },
      { section: 'closing', title: 'Bế mạc' },
    ],
    expected: `${WHO} lập chương trình buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" gồm 3 mục`,
  },
  'meeting.agenda_item': {
    entityType: 'meeting',
    entityId: '10',
    after: { itemId: 40, done: true },
    expected: `${WHO} đánh dấu đã thực hiện mục "Đánh giá kết quả tháng qua" trong chương trình buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.document_post': {
    entityType: 'meeting',
    entityId: '10',
    after: { documentId: 50, fileName: 'du-thao.docx', purpose: 'material' },
    expected: `${WHO} đăng tài liệu "Dự thảo nghị quyết tháng 11" cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.document_remove': {
    entityType: 'meeting',
    entityId: '10',
    after: { documentId: 50 },
    expected: `${WHO} gỡ tài liệu "Dự thảo nghị quyết tháng 11" khỏi buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.document_download': {
    entityType: 'meeting',
    entityId: '10',
    after: { documentId: 50, fileName: 'du-thao.docx' },
    expected: `${WHO} tải tài liệu "Dự thảo nghị quyết tháng 11" của buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.start': {
    entityType: 'meeting',
    entityId: '10',
    after: { startedAt: '2026-11-10T12:32:00.000Z' },
    expected: `${WHO} bắt đầu buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" lúc 19:32 10/11/2026`,
  },
  'meeting.reschedule_start': {
    entityType: 'meeting',
    entityId: '10',
    before: { scheduledAt: '2026-11-10T12:30:00.000Z' },
    after: {
      startedAt: '2026-11-11T12:30:00.000Z',
      scheduledAt: '2026-11-11T12:30:00.000Z',
      reason: 'mưa lớn',
    },
    expected: `${WHO} dời buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" từ 19:30 10/11/2026 và bắt đầu lúc 19:30 11/11/2026 (lý do: mưa lớn)`,
  },
  'meeting.revert_start': {
    entityType: 'meeting',
    entityId: '10',
    before: { status: 'in_progress', startedAt: '2026-11-10T12:30:00.000Z' },
    after: { status: 'planned', reason: 'bấm nhầm' },
    expected: `${WHO} hủy thao tác bắt đầu buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026", đưa về trạng thái chưa họp (lý do: bấm nhầm)`,
  },
  'meeting.end': {
    entityType: 'meeting',
    entityId: '10',
    after: { endedAt: '2026-11-10T14:35:00.000Z' },
    expected: `${WHO} kết thúc buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" lúc 21:35 10/11/2026`,
  },
  'meeting.attendance': {
    entityType: 'meeting',
    entityId: '10',
    before: { status: null, category: 'member' },
    after: { memberId: 1, status: 'absent_excused', reason: 'ốm' },
    expected: `${WHO} điểm danh đồng chí Lê Thị Ánh tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": Vắng có lý do (ốm)`,
  },
  'meeting.check_in': {
    entityType: 'meeting',
    entityId: '10',
    actor: { username: 'dv.binh', displayName: 'Trần Văn Bình' },
    after: { memberId: 2 },
    expected:
      'Trần Văn Bình (dv.binh) tự điểm danh có mặt tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"',
  },
  'meeting.check_in_lockout': {
    entityType: 'meeting',
    entityId: '10',
    actor: { username: 'dv.binh', displayName: 'Trần Văn Bình' },
    after: { memberId: 2, failures: 5, lockedUntil: '2026-11-10T13:05:00.000Z' },
    expected:
      'Trần Văn Bình (dv.binh) nhập sai mã điểm danh 5 lần tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026", phải chờ đến 20:05 10/11/2026 mới thử lại được',
  },
  'meeting.guest_add': {
    entityType: 'meeting',
    entityId: '10',
    after: {
      name: 'Hoàng Văn Giám',
      title: 'Đảng ủy viên',
      organisation: 'Đảng ủy phường',
      isSupervisor: true,
    },
    expected: `${WHO} thêm khách mời Hoàng Văn Giám, Đảng ủy viên (Đảng ủy phường), cấp ủy viên cấp trên phụ trách vào buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.speech_add': {
    entityType: 'meeting',
    entityId: '10',
    after: { speaker: 'Trần Văn Bình', memberId: 2, summary: 'Đề nghị làm rõ kinh phí' },
    expected: `${WHO} ghi ý kiến phát biểu của đồng chí Trần Văn Bình tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'meeting.vote': {
    entityType: 'meeting',
    entityId: '10',
    after: {
      subject: 'Thông qua nghị quyết',
      isResolution: true,
      for: 20,
      against: 1,
      abstain: 2,
      base: 25,
      passed: true,
    },
    expected: `${WHO} ghi kết quả biểu quyết "Thông qua nghị quyết" tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": tán thành 20/25, không tán thành 1, không biểu quyết 2 — thông qua`,
  },
  'meeting.task_add': {
    entityType: 'task',
    entityId: '20',
    after: { title: 'Vận động hộ dân đóng quỹ khuyến học', ownerIds: [1, 2, 3], deadline: '2026-11-30' },
    expected: `${WHO} giao nhiệm vụ "Vận động hộ dân đóng quỹ khuyến học" cho các đồng chí Lê Thị Ánh, Trần Văn Bình và Phạm Thị Cúc, hạn 30/11/2026 tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'task.review': {
    entityType: 'task',
    entityId: '20',
    before: { result: 'open' },
    after: { result: 'partial', note: 'còn 3 hộ', meetingId: 11 },
    expected: `${WHO} đánh giá nhiệm vụ "Vận động hộ dân đóng quỹ khuyến học" tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 12/2026": Đạt một phần (còn 3 hộ)`,
  },
  'record.edit': {
    entityType: 'meeting',
    entityId: '10',
    before: { text: { situation: 'Cũ' } },
    after: { text: { situation: 'Mới', conclusion: 'Kết luận' } },
    expected: `${WHO} sửa bản nháp biên bản buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": biên bản: tình hình, kết quả tháng qua, biên bản: kết luận của chủ trì`,
  },
  'record.sign': {
    entityType: 'meeting',
    entityId: '10',
    after: { asChair: true, asSecretary: false, version: 1 },
    expected: `${WHO} ký biên bản buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" với tư cách chủ trì (phiên bản 1)`,
  },
  'record.adopt': {
    entityType: 'meeting',
    entityId: '10',
    after: { version: 1, hash: 'ab12' },
    expected: `${WHO} thông qua biên bản "Sinh hoạt thường kỳ tháng 11/2026" của Chi bộ Khu phố 1 (phiên bản 1)`,
  },
  'record.correction': {
    entityType: 'meeting',
    entityId: '10',
    after: { version: 2, note: 'Sửa số đảng viên có mặt' },
    expected: `${WHO} mở bản đính chính biên bản "Sinh hoạt thường kỳ tháng 11/2026" (phiên bản 2): Sửa số đảng viên có mặt`,
  },
  'score.cell.save': {
    entityType: 'meeting',
    entityId: '10',
    after: { content_quality: 8 },
    expected: `${WHO} lưu điểm tự chấm của chi bộ cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'score.cell.confirm': {
    entityType: 'meeting',
    entityId: '10',
    after: { total: 85.5, band: 'Tốt' },
    expected: `${WHO} xác nhận điểm tự chấm của chi bộ cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": 85,5 điểm, xếp loại Tốt`,
  },
  'score.cell.revise': {
    entityType: 'meeting',
    entityId: '10',
    after: { revision: 2, note: 'chấm nhầm mục phát biểu' },
    expected: `${WHO} mở bản chấm lại (lần 2) điểm tự chấm của chi bộ cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" (lý do: chấm nhầm mục phát biểu)`,
  },
  'score.supervisor.save': {
    entityType: 'meeting',
    entityId: '10',
    after: {},
    expected: `${WHO} lưu điểm chấm của cấp ủy viên phụ trách cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
  },
  'score.supervisor.confirm': {
    entityType: 'meeting',
    entityId: '10',
    after: { total: 78, band: 'Khá' },
    expected: `${WHO} xác nhận điểm chấm của cấp ủy viên phụ trách cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": 78 điểm, xếp loại Khá`,
  },
  'score.supervisor.revise': {
    entityType: 'meeting',
    entityId: '10',
    after: { revision: 3, note: 'bổ sung minh chứng' },
    expected: `${WHO} mở bản chấm lại (lần 3) điểm chấm của cấp ủy viên phụ trách cho buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" (lý do: bổ sung minh chứng)`,
  },
  'supervision.visit': {
    entityType: 'org_unit',
    entityId: '100',
    after: { visitedOn: '2026-11-10', meetingId: 10, comments: 'Tốt' },
    expected: `${WHO} ghi lần giám sát Chi bộ Khu phố 1 ngày 10/11/2026 (dự buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026")`,
  },
  'recommendation.raise': {
    entityType: 'recommendation',
    entityId: '60',
    after: { content: 'Đề nghị hỗ trợ kinh phí sửa nhà văn hóa khu phố' },
    expected: `${WHO} ghi kiến nghị của Chi bộ Khu phố 1: "Đề nghị hỗ trợ kinh phí sửa nhà văn hóa khu phố"`,
  },
  'recommendation.answer': {
    entityType: 'recommendation',
    entityId: '60',
    after: { answer: 'Đảng ủy sẽ bố trí trong quý I', close: true },
    expected: `${WHO} trả lời và đóng kiến nghị "Đề nghị hỗ trợ kinh phí sửa nhà văn hóa khu phố" của Chi bộ Khu phố 1`,
  },
  'holiday_decision.save': {
    entityType: 'holiday_decision',
    entityId: '2027',
    before: null,
    after: { reference: 'Thông báo 1234/TB-BLĐTBXH', extraDaysOff: ['2027-02-04'] },
    expected: `${WHO} ghi quyết định nghỉ lễ, Tết năm 2027: văn bản căn cứ, ngày nghỉ thêm`,
  },
  'holiday_decision.delete': {
    entityType: 'holiday_decision',
    entityId: '2027',
    before: { reference: 'Thông báo 1234/TB-BLĐTBXH' },
    expected: `${WHO} xóa quyết định nghỉ lễ, Tết năm 2027`,
  },
  'alert.dismiss': {
    entityType: 'alert',
    entityId: '5',
    after: {
      kind: 'missed_regular',
      title: 'Chưa sinh hoạt thường kỳ tháng 10/2026',
      note: 'Bão, đã họp bù ngày 05/11',
    },
    expected: `${WHO} đóng cảnh báo "Chưa sinh hoạt thường kỳ tháng 10/2026" của Chi bộ Khu phố 1: Bão, đã họp bù ngày 05/11`,
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
};

function sentence(action: string, c: Partial<SentenceRow>, names = pageNames()): string {
  const row: SentenceRow = {
    action,
    entityType: c.entityType ?? 'meeting',
    entityId: c.entityId ?? null,
    orgUnitName: c.orgUnitName === undefined ? 'Chi bộ Khu phố 1' : c.orgUnitName,
    actor: c.actor === undefined ? { username: 'bithu1', displayName: 'Nguyễn Văn An' } : c.actor,
    before: c.before ?? null,
    after: c.after ?? null,
  };
  const changes = labelledChanges(row, names, { identity: true, contact: true });
  return describe(row, names, changes).summary;
}

group('audit sentences', () => {
  it('has a tested sentence for every entry of the table, and an entry for every tested code', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
  });

  for (const [action, { expected, ...row }] of Object.entries(CASES)) {
    it(action, () => expect(sentence(action, row)).toBe(expected));
  }

  it('every entry has a short Vietnamese label', () => {
    for (const [code, spec] of Object.entries(AUDIT_ACTIONS)) {
      expect(spec.label, code).toMatch(/^\p{Lu}/u);
      expect(spec.label, code).not.toMatch(/[a-z]+\.[a-z]/);
    }
  });

  it('falls back to the snapshot in the row, then to a neutral phrase, when a name is gone', () => {
    const empty = emptyNames();
    expect(
      sentence(
        'member.update',
        {
          entityType: 'member',
          entityId: '9',
          before: { full_name: 'Đỗ Văn Cũ' },
          after: { full_name: 'Đỗ Văn Mới' },
        },
        empty,
      ),
    ).toBe(`${WHO} sửa thông tin đảng viên Đỗ Văn Mới: họ và tên`);
    expect(
      sentence('record.adopt', { entityType: 'meeting', entityId: '99', after: { version: 1 } }, empty),
    ).toBe(`${WHO} thông qua biên bản một buổi sinh hoạt đã xóa của Chi bộ Khu phố 1 (phiên bản 1)`);
    expect(sentence('meeting.cancel', { entityType: 'meeting', entityId: '99', after: {} }, empty)).toBe(
      `${WHO} hủy một buổi sinh hoạt đã xóa`,
    );
    expect(
      sentence('meeting.attendance', { after: { memberId: 77, status: 'present' }, entityId: '10' }),
    ).toBe(
      `${WHO} điểm danh một đảng viên đã xóa tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": Có mặt`,
    );
  });

  it('reads an unknown code as a neutral Vietnamese sentence on the named object', () => {
    expect(sentence('meeting.something_new', { entityType: 'meeting', entityId: '10' })).toBe(
      `${WHO} thực hiện thao tác "meeting.something_new" trên buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
    );
    const row: SentenceRow = {
      action: 'alert.snooze',
      entityType: 'alert_x',
      entityId: '5',
      orgUnitName: 'Chi bộ Khu phố 1',
      actor: null,
      before: null,
      after: null,
    };
    expect(describe(row, emptyNames(), [])).toEqual({
      actionLabel: 'Thao tác khác',
      summary: 'Hệ thống thực hiện thao tác "alert.snooze" trên đối tượng "alert_x"',
    });
  });

  it('says which hat a signature was given in, and where a meeting moved', () => {
    expect(
      sentence('record.sign', { entityId: '10', after: { asChair: true, asSecretary: true, version: 2 } }),
    ).toBe(
      `${WHO} ký biên bản buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" với tư cách chủ trì và thư ký (phiên bản 2)`,
    );
    expect(
      sentence('meeting.move', {
        entityId: '10',
        before: { scheduledAt: '2026-11-10T19:30:00+07:00', place: 'Nhà văn hóa' },
        after: { scheduledAt: '2026-11-10T19:30:00+07:00', place: 'Hội trường UBND phường' },
      }),
    ).toBe(
      `${WHO} đổi địa điểm buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" từ Nhà văn hóa sang Hội trường UBND phường`,
    );
    expect(
      sentence('member.temporary_out', {
        entityType: 'member',
        entityId: '1',
        after: { date: '2026-05-01', until: '2026-08-01', otherOrg: 'Chi bộ Trường Chính trị tỉnh' },
      }),
    ).toBe(
      `${WHO} ghi nhận đồng chí Lê Thị Ánh sinh hoạt tạm thời tại Chi bộ Trường Chính trị tỉnh từ ngày 01/05/2026 đến ngày 01/08/2026`,
    );
  });
});
