/**
 * Vietnamese labels of the audit log: field names as the people who keep the records call them,
 * and the code → label maps of the values those fields hold. The maps of each feature are
 * reused, so a label changed there changes here too.
 */
import { listRulePacks } from '../../rules/index.js';
import { ROLE_LABELS } from '../../server/access.js';
import {
  ATTENDANCE_LABELS,
  MEETING_KINDS,
  MEETING_STATUSES,
  PREP_STEPS,
  TASK_RESULTS,
} from '../meetings/labels.js';
import { END_REASONS, STATUS_LABELS } from '../members/labels.js';
import { CELL_TYPES, UNIT_KINDS } from '../org/labels.js';

/** Kinds of object an audit row is about (`audit_log.entity_type`), for the filter and the phrases. */
export const ENTITY_TYPES: Record<string, string> = {
  member: 'Đảng viên',
  org_unit: 'Đơn vị',
  user: 'Tài khoản',
  meeting: 'Buổi sinh hoạt',
  task: 'Nhiệm vụ',
  meeting_series: 'Lịch sinh hoạt thường kỳ',
  recommendation: 'Kiến nghị',
  rule_pack: 'Bộ quy định',
  member_import: 'Bản nhập',
  holiday_decision: 'Quyết định nghỉ lễ, Tết',
  alert: 'Cảnh báo',
  review: 'Báo cáo sơ kết, tổng kết',
  grading_decision_set: 'Quyết định xếp loại',
  grading_campaign: 'Đợt kiểm điểm, xếp loại',
  plan: 'Kế hoạch thực hiện',
  inspection_plan: 'Kế hoạch kiểm tra, giám sát',
  inspection: 'Cuộc kiểm tra, giám sát',
  inspection_remedy: 'Yêu cầu khắc phục',
  cell_committee_term: 'Chi ủy nhiệm kỳ',
  local_organisation: 'Tổ chức ở địa bàn',
  directive: 'Văn bản chỉ đạo',
  activity_plan: 'Chương trình công tác năm',
};

/** Field labels for the changes table. Keys are as written in `before`/`after` (snake or camel case). */
export const FIELD_LABELS: Record<string, string> = {
  // directive (src/features/directives)
  issuedOn: 'Ngày ban hành',
  issuer: 'Cơ quan ban hành',
  requiresDissemination: 'Yêu cầu quán triệt',
  disseminateBy: 'Hạn quán triệt',
  // member
  full_name: 'Họ và tên',
  fullName: 'Họ và tên',
  birth_date: 'Ngày sinh',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  ethnicity: 'Dân tộc',
  hometown: 'Quê quán',
  admission_date: 'Ngày vào Đảng',
  admissionDate: 'Ngày vào Đảng',
  official_date: 'Ngày chính thức',
  officialDate: 'Ngày chính thức',
  card_number: 'Số thẻ đảng viên',
  cardNumber: 'Số thẻ đảng viên',
  national_id: 'Số CCCD',
  nationalId: 'Số CCCD',
  phone: 'Số điện thoại',
  email: 'Email',
  address: 'Nơi ở hiện nay',
  notes: 'Ghi chú',
  unit_name: 'Chi bộ',
  standing: 'Tình trạng',
  // lifecycle events
  date: 'Ngày',
  until: 'Đến ngày',
  reason: 'Lý do',
  decisionNo: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  otherOrg: 'Tổ chức đảng khác',
  hostUnitId: 'Chi bộ nơi sinh hoạt tạm thời',
  toUnitId: 'Chi bộ chuyển đến',
  unitId: 'Chi bộ',
  note: 'Ghi chú',
  // org unit
  name: 'Tên',
  kind: 'Loại',
  cell_type: 'Loại hình chi bộ',
  cellType: 'Loại hình chi bộ',
  code: 'Mã đơn vị',
  parent_id: 'Trực thuộc',
  parentId: 'Trực thuộc',
  archived_at: 'Lưu trữ từ',
  rule_pack: 'Bộ quy định',
  packId: 'Bộ quy định',
  rulePack: 'Bộ quy định áp dụng',
  // accounts
  username: 'Tên đăng nhập',
  displayName: 'Tên hiển thị',
  memberId: 'Đảng viên',
  active: 'Đang hoạt động',
  passwordReset: 'Đặt lại mật khẩu',
  role: 'Vai trò',
  orgUnitId: 'Đơn vị',
  validFrom: 'Từ ngày',
  validTo: 'Đến ngày',
  // meetings
  title: 'Tên',
  scheduledAt: 'Thời gian',
  place: 'Địa điểm',
  status: 'Trạng thái',
  thematicTopic: 'Chuyên đề',
  startedAt: 'Bắt đầu lúc',
  endedAt: 'Kết thúc lúc',
  members: 'Số đảng viên được mời',
  supervisors: 'Số cấp ủy viên phụ trách được báo',
  people: 'Số người trong danh sách ký nhận',
  paper: 'Số giấy mời in',
  step: 'Bước chuẩn bị',
  items: 'Các mục',
  itemId: 'Mục chương trình',
  agendaItemId: 'Mục chương trình',
  done: 'Đã thực hiện',
  conclusion: 'Kết luận',
  documentId: 'Tài liệu',
  fileName: 'Tên tệp',
  sha256: 'Mã kiểm tra (SHA-256)',
  purpose: 'Loại tài liệu',
  organisation: 'Cơ quan, tổ chức',
  isSupervisor: 'Cấp ủy viên phụ trách',
  speaker: 'Người phát biểu',
  summary: 'Tóm tắt ý kiến',
  subject: 'Nội dung biểu quyết',
  isResolution: 'Biểu quyết nghị quyết',
  method: 'Hình thức biểu quyết',
  for: 'Tán thành',
  against: 'Không tán thành',
  abstain: 'Không biểu quyết',
  base: 'Số đảng viên làm căn cứ',
  passed: 'Thông qua',
  ownerIds: 'Người thực hiện',
  deadline: 'Hạn hoàn thành',
  result: 'Kết quả',
  meetingId: 'Buổi sinh hoạt',
  day_of_month: 'Ngày trong tháng',
  start_time: 'Giờ bắt đầu',
  year: 'Năm',
  // minutes and scores
  version: 'Phiên bản',
  hash: 'Mã băm biên bản (SHA-256)',
  asChair: 'Ký với tư cách chủ trì',
  asSecretary: 'Ký với tư cách thư ký',
  'text.opening': 'Biên bản: phần mở đầu',
  'text.situation': 'Biên bản: tình hình, kết quả tháng qua',
  'text.directions': 'Biên bản: phương hướng, nhiệm vụ tháng tới',
  'text.conclusion': 'Biên bản: kết luận của chủ trì',
  'text.other': 'Biên bản: nội dung khác',
  total: 'Tổng điểm',
  band: 'Xếp loại',
  revision: 'Lần chấm',
  // rule packs, imports, oversight
  effectiveFrom: 'Áp dụng từ ngày',
  created: 'Số đảng viên thêm mới',
  updated: 'Số đảng viên cập nhật',
  visitedOn: 'Ngày giám sát',
  comments: 'Nhận xét',
  content: 'Nội dung',
  answer: 'Nội dung trả lời',
  close: 'Đóng kiến nghị',
  // holiday decisions (src/features/calendar)
  reference: 'Văn bản căn cứ',
  extraDaysOff: 'Ngày nghỉ thêm',
  extraWorkingDays: 'Ngày làm việc bù',
  nationalDayAdjacent: 'Ngày nghỉ liền kề Quốc khánh',
};

/** Labels that differ by the kind of object the row is about. */
export const FIELD_LABELS_BY_ENTITY: Record<string, Record<string, string>> = {
  meeting: { title: 'Tên buổi sinh hoạt', kind: 'Loại buổi sinh hoạt' },
  org_unit: { name: 'Tên đơn vị', kind: 'Loại đơn vị' },
  task: { title: 'Nội dung nhiệm vụ' },
  meeting_series: { place: 'Địa điểm sinh hoạt' },
  review: {
    title: 'Tên báo cáo',
    subject: 'Văn bản được sơ kết, tổng kết',
    number: 'Số, ký hiệu',
    place: 'Địa danh',
    date: 'Ngày ban hành',
    onBehalfOf: 'Thẩm quyền ký',
    signerTitle: 'Chức vụ người ký',
    signerName: 'Họ tên người ký',
    recipients: 'Nơi nhận',
    sections: 'Các phần nội dung',
  },
  // implementation plans and their parts (src/features/plans)
  plan: {
    title: 'Tên',
    goals: 'Mục đích, yêu cầu',
    periodFrom: 'Từ tháng',
    periodTo: 'Đến tháng',
    directiveId: 'Văn bản chỉ đạo',
    indicator: 'Chỉ số đo',
    comparator: 'Cách so sánh',
    threshold: 'Mức chỉ tiêu',
    deadline: 'Hạn chỉ tiêu',
    position: 'Thứ tự',
    dueOn: 'Hạn của mốc',
    doneOn: 'Ngày hoàn thành',
    who: 'Đơn vị, người chịu trách nhiệm',
    unitId: 'Đơn vị được phân công',
    what: 'Nhiệm vụ được giao',
    value: 'Kết quả',
    note: 'Ghi chú',
  },
  cell_committee_term: {
    termLabel: 'Nhiệm kỳ',
    electedOn: 'Ngày bầu',
    endsOn: 'Ngày kết thúc nhiệm kỳ',
    members: 'Thành viên chi ủy',
  },
  local_organisation: {
    name: 'Tên tổ chức',
    kind: 'Loại tổ chức',
    contactName: 'Người liên hệ',
    contactPhone: 'Số điện thoại liên hệ',
    active: 'Đang theo dõi',
  },
};

/** Labels that differ by action: the same key means something more precise there. */
export const FIELD_LABELS_BY_ACTION: Record<string, Record<string, string>> = {
  'member.remove': { reason: 'Hình thức' },
  'member.contact_213': { unitId: 'Chi bộ nơi liên hệ' },
  'meeting.attendance': { status: 'Điểm danh', reason: 'Lý do vắng' },
  'meeting.guest_add': { name: 'Họ và tên', title: 'Chức vụ' },
  'meeting.agenda_item': { title: 'Tên mục' },
  'meeting.task_add': {
    title: 'Nội dung nhiệm vụ',
    organisationId: 'Mã tổ chức được giao',
    organisationName: 'Tổ chức được giao',
  },
  'task.review': {
    meetingId: 'Đánh giá tại buổi sinh hoạt',
    note: 'Nhận xét',
    orgReport: 'Báo cáo của tổ chức',
  },
  'record.correction': { note: 'Nội dung đính chính' },
  'score.cell.revise': { note: 'Lý do chấm lại' },
  'score.supervisor.revise': { note: 'Lý do chấm lại' },
  'meeting.revert_start': { reason: 'Lý do' },
  'meeting.reschedule_start': { reason: 'Lý do dời lịch' },
  // ADR 016: lockouts and exports
  'login.lockout': { failures: 'Số lần nhập sai', lockedUntil: 'Tạm khóa đến' },
  'user.password_lockout': { failures: 'Số lần nhập sai', lockedUntil: 'Tạm khóa đến' },
  'meeting.check_in_lockout': { failures: 'Số lần nhập sai mã', lockedUntil: 'Chờ đến' },
  'member.export': { date: 'Tính đến ngày', count: 'Số đảng viên' },
  // ADR 028: a background export queued (the download is 'member.export')
  'member.export_request': { jobId: 'Mã tệp xuất', date: 'Tính đến ngày', count: 'Số đảng viên' },
  'overview.export': { from: 'Từ tháng', to: 'Đến tháng', rows: 'Số dòng' },
  'alert.dismiss': { title: 'Cảnh báo', note: 'Cách xử lý' },
};

/** Keys hidden for one action only (the code is internal there; the sentence says it in words). */
export const HIDDEN_BY_ACTION: Record<string, readonly string[]> = {
  'alert.dismiss': ['kind'],
};

/**
 * Keys that say nothing to a reader (database ids, sort keys, tree paths, internal flags).
 * Any other key ending in `_id`, `Id` or `Ids` without a label is hidden too (see `isHidden`).
 */
export const HIDDEN_FIELDS = new Set([
  'id',
  'sort_key',
  'path',
  'unit_path',
  'unit_id',
  'sort_order',
  'type',
  'category',
  'guestId',
  'visitId',
  'active_series',
]);

const STANDING_LABELS: Record<string, string> = {
  active: 'Đang sinh hoạt',
  transferred_out: STATUS_LABELS.transferred_out,
  removed: STATUS_LABELS.removed,
  contact_only: STATUS_LABELS.contact_213,
};

/** Code → label maps for enum-valued fields; `kind` and `status` depend on what the row is about. */
export function enumLabels(
  field: string,
  action: string,
  entityType: string,
): Record<string, string> | undefined {
  switch (field) {
    case 'gender':
      return { nam: 'Nam', nu: 'Nữ' };
    case 'standing':
      return STANDING_LABELS;
    case 'kind':
      return entityType === 'org_unit' ? UNIT_KINDS : MEETING_KINDS;
    case 'cell_type':
    case 'cellType':
      return CELL_TYPES;
    case 'status':
      return action === 'meeting.attendance' ? ATTENDANCE_LABELS : MEETING_STATUSES;
    case 'result':
      return TASK_RESULTS;
    case 'role':
      return ROLE_LABELS;
    case 'reason':
      return action === 'member.remove' ? END_REASONS : undefined;
    case 'purpose':
      return DOCUMENT_PURPOSES;
    case 'method':
      return VOTE_METHODS;
    case 'step':
      return PREP_STEPS;
    case 'section':
      return AGENDA_SECTIONS;
    case 'nationalDayAdjacent':
      return { before: 'Ngày 01/9 (trước Quốc khánh)', after: 'Ngày 03/9 (sau Quốc khánh)' };
    default:
      return undefined;
  }
}

export const DOCUMENT_PURPOSES: Record<string, string> = {
  material: 'Tài liệu gửi trước',
  final: 'Văn bản hoàn chỉnh',
};
export const VOTE_METHODS: Record<string, string> = { show_of_hands: 'Giơ tay', app: 'Trên ứng dụng' };
export const AGENDA_SECTIONS: Record<string, string> = {
  opening: 'Phần mở đầu',
  body: 'Phần nội dung',
  closing: 'Phần kết thúc',
};

/** Scoring columns, as the sentences name them (`score.<scorer>.*`). */
export const SCORERS: Record<string, string> = {
  cell: 'điểm tự chấm của chi bộ',
  supervisor: 'điểm chấm của cấp ủy viên phụ trách',
};

let rubricTitles: Map<string, string> | undefined;
/** Titles of rubric items across the built-in packs: a score's judgement is keyed by them. */
export function rubricItemTitle(key: string): string | undefined {
  if (!rubricTitles) {
    rubricTitles = new Map();
    for (const p of listRulePacks())
      for (const c of p.scoring.rubric.criteria) for (const i of c.items) rubricTitles.set(i.key, i.title);
  }
  return rubricTitles.get(key);
}
