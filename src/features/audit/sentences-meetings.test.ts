import { expect, describe as group, it } from 'vitest';
import { type Case, sentence, tableCodes, WHO } from '../../../test/support/audit-sentences.js';

/** One row per action code about meetings, records, tasks, scores, supervision and alerts (every code outside the registry part), each with the exact sentence it must read as. */
const CASES: Record<string, Case> = {
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
  'recognition.decide': {
    entityType: 'org_unit',
    entityId: '100',
    after: { kind: 'bieu_duong', number: '46-QĐ/ĐU', decidedOn: '2026-11-05', reason: 'Tốt 11/12 tháng' },
    expected: `${WHO} ghi quyết định biểu dương số 46-QĐ/ĐU ngày 05/11/2026 đối với Chi bộ Khu phố 1 (lý do: Tốt 11/12 tháng)`,
  },
  'meeting.model_mark': {
    entityType: 'meeting',
    entityId: '10',
    after: { markedByUnitId: 102, topic: 'Chuyển đổi số' },
    expected: `${WHO} chọn buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" làm sinh hoạt mẫu (chủ đề "Chuyển đổi số")`,
  },
  'meeting.model_unmark': {
    entityType: 'meeting',
    entityId: '10',
    before: { markedByUnitId: 102 },
    expected: `${WHO} bỏ chọn buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" khỏi danh sách sinh hoạt mẫu`,
  },
  'overview.export': {
    entityType: 'org_unit',
    entityId: '102',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { from: '2025-01', to: '2025-12', rows: 19, fileName: 'Tong-quan.xlsx' },
    expected: `${WHO} xuất bảng tổng quan của Đảng bộ phường An Hội ra Excel (từ tháng 01/2025 đến tháng 12/2025, 19 dòng)`,
  },
  // Periodic reviews (src/features/reviews/service.ts)
  'review.create': {
    entityType: 'review',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { title: 'Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU', from: '2024-01', to: '2026-12' },
    expected: `${WHO} lập dự thảo báo cáo "Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU" của Đảng bộ phường An Hội`,
  },
  'review.update': {
    entityType: 'review',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    before: { number: null, signerName: null },
    after: { number: '45-BC/ĐU', signerName: 'Nguyễn Văn Bình', sections: ['opening'] },
    expected: `${WHO} sửa dự thảo báo cáo của Đảng bộ phường An Hội: số, ký hiệu, họ tên người ký, các phần nội dung`,
  },
  'review.issue': {
    entityType: 'review',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { version: 3, contentHash: 'ab', number: '45-BC/ĐU', date: '2026-12-01' },
    expected: `${WHO} ban hành báo cáo số 45-BC/ĐU của Đảng bộ phường An Hội (phiên bản 3)`,
  },
  'review.download': {
    entityType: 'review',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { format: 'docx', draft: true },
    expected: `${WHO} tải báo cáo sơ kết, tổng kết của Đảng bộ phường An Hội (docx, dự thảo)`,
  },
  'grading.report_export': {
    entityType: 'org_unit',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { year: 2025, format: 'xlsx' },
    expected: `${WHO} tải báo cáo kết quả đánh giá, xếp loại năm 2025 của Đảng bộ phường An Hội (Excel)`,
  },
  // The year's review (src/features/grading: campaigns, self-review, session)
  'grading_campaign.open': {
    entityType: 'grading_campaign',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: {
      year: 2025,
      selfReviewDue: '2025-12-10',
      cellSessionDue: '2025-12-20',
      decisionDue: '2026-01-15',
    },
    expected: `${WHO} mở đợt kiểm điểm, đánh giá, xếp loại năm 2025 của Đảng bộ phường An Hội (nộp bản kiểm điểm trước 10/12/2025, chi bộ họp trước 20/12/2025, quyết định trước 15/01/2026)`,
  },
  'grading_campaign.close': {
    entityType: 'grading_campaign',
    entityId: '5',
    orgUnitName: 'Đảng bộ phường An Hội',
    after: { year: 2025, title: 'Kiểm điểm, đánh giá, xếp loại chất lượng năm 2025', status: 'closed' },
    expected: `${WHO} kết thúc đợt kiểm điểm, đánh giá, xếp loại năm 2025 của Đảng bộ phường An Hội: các chi bộ không ghi thêm bản kiểm điểm, kết quả biểu quyết của năm này`,
  },
  'grading.self_review_save': {
    entityType: 'member',
    entityId: '1',
    after: { year: 2025, proposedLevel: 'tot', status: 'draft', revision: 1 },
    expected: `${WHO} lưu bản nháp kiểm điểm năm 2025 của đảng viên Lê Thị Ánh, mức "Hoàn thành tốt nhiệm vụ"`,
  },
  'grading.self_review_submit': {
    entityType: 'member',
    entityId: '1',
    after: { year: 2025, proposedLevel: 'xuat_sac', status: 'submitted', revision: 2 },
    expected: `${WHO} nộp bản kiểm điểm năm 2025 của đảng viên Lê Thị Ánh, mức "Hoàn thành xuất sắc nhiệm vụ"`,
  },
  'grading.self_review_return': {
    entityType: 'member',
    entityId: '1',
    after: { year: 2025, note: 'Bổ sung phần hạn chế', revision: 3 },
    expected: `${WHO} trả lại bản kiểm điểm năm 2025 cho đảng viên Lê Thị Ánh để sửa: Bổ sung phần hạn chế`,
  },
  'grading.self_review_download': {
    entityType: 'member',
    entityId: '1',
    after: { year: 2025, format: 'docx' },
    expected: `${WHO} tải bản kiểm điểm năm 2025 của đảng viên Lê Thị Ánh (Word)`,
  },
  'grading.vote_record': {
    entityType: 'member',
    entityId: '2',
    after: { year: 2025, base: 12, votes: { tot: 10, hoan_thanh: 2 }, proposedLevel: 'tot', meetingId: null },
    expected: `${WHO} ghi kết quả chi bộ biểu quyết xếp loại năm 2025 của đảng viên Trần Văn Bình trên 12 đảng viên chính thức, chi ủy đề xuất mức "Hoàn thành tốt nhiệm vụ"`,
  },
  'grading.self_assessment_record': {
    entityType: 'org_unit',
    entityId: '100',
    after: { year: 2025, total: 89.75, proposedLevel: 'tot', meetingId: null },
    expected: `${WHO} ghi kết quả Chi bộ Khu phố 1 tự đánh giá, xếp loại năm 2025: 89,75 điểm, mức "Hoàn thành tốt nhiệm vụ"`,
  },
  'dues.record': {
    entityType: 'org_unit',
    entityId: '100',
    after: { month: '2026-11', count: 28, due: 1310000, paid: 1250000, entries: [] },
    expected: `${WHO} ghi đảng phí tháng 11/2026 của Chi bộ Khu phố 1 cho 28 đảng viên: đã thu 1.250.000 đ/1.310.000 đ`,
  },
  'dues.base_set': {
    entityType: 'member',
    entityId: '1',
    after: { category: 'salary', baseAmount: 7500000, from: '2026-01', monthlyDue: 75000 },
    expected: `${WHO} ghi mức đóng đảng phí của đảng viên Lê Thị Ánh từ tháng 1/2026: 75.000 đ mỗi tháng`,
  },
  'dues.remit': {
    entityType: 'org_unit',
    entityId: '100',
    after: { month: '2026-10', amount: 655000, remittedOn: '2026-11-15', remittanceId: 3 },
    expected: `${WHO} ghi Chi bộ Khu phố 1 nộp lên cấp trên 655.000 đ đảng phí tháng 10/2026 ngày 15/11/2026`,
  },
  'dues.export': {
    entityType: 'org_unit',
    entityId: '100',
    after: { month: '2026-11', rows: 36, cells: 1, due: 1022000, paid: 1017000 },
    expected: `${WHO} tải bảng kê thu, nộp đảng phí tháng 11/2026 của Chi bộ Khu phố 1 (36 đảng viên)`,
  },
};

group('audit sentences: meetings and their follow-up', () => {
  it('has a tested sentence for every entry of its part of the table, and an entry for every tested code', () => {
    expect(Object.keys(CASES).sort()).toEqual(tableCodes(false));
  });

  for (const [action, { expected, ...row }] of Object.entries(CASES)) {
    it(action, () => expect(sentence(action, row)).toBe(expected));
  }
});
