/**
 * One Vietnamese sentence per audit row: who did what to which named object. The table below
 * holds one entry per action code written by `audit()` anywhere in src/ — adding a code is one
 * line here (sentences.test.ts fails until it is added). Unknown codes get a neutral sentence.
 */

import { ROLE_LABELS } from '../../server/access.js';
import { ATTENDANCE_LABELS, PREP_STEPS, TASK_RESULTS } from '../meetings/labels.js';
import { END_REASONS } from '../members/labels.js';
import { UNIT_KINDS } from '../org/labels.js';
import { RECOGNITION_KINDS } from '../recognition/schema.js';
import type { ChangeRow } from './changes.js';
import { SentenceContext, type SentenceRow } from './context.js';
import { ENTITY_TYPES, SCORERS } from './labels.js';
import type { Names } from './names.js';
import { ACTIVITY_PLAN_ACTIONS } from './sentences-activity-plans.js';
import { API_TOKEN_ACTIONS } from './sentences-api-tokens.js';
import { CELL_BODY_ACTIONS } from './sentences-cell-body.js';
import { DIRECTIVE_ACTIONS } from './sentences-directives.js';
import { DUES_ACTIONS } from './sentences-dues.js';
import { GRADING_DECIDE_ACTIONS } from './sentences-grading-decide.js';
import { GRADING_REVIEW_ACTIONS } from './sentences-grading-review.js';
import { GRADING_STATS_ACTIONS } from './sentences-grading-stats.js';
import { INSPECTION_ACTIONS } from './sentences-inspections.js';
import { PLAN_ACTIONS } from './sentences-plans.js';
import { excerpt } from './values.js';

export interface ActionSpec {
  /** Short Vietnamese name of the action (badge beside the sentence). */
  label: string;
  sentence: (c: SentenceContext) => string;
}

const act = (label: string, sentence: (c: SentenceContext) => string): ActionSpec => ({ label, sentence });

const label = (map: Record<string, string>, v: unknown): string | undefined =>
  typeof v === 'string' ? map[v] : undefined;

/** "nơi khác" when neither a unit of the tree nor a free-text organisation was given. */
function destination(c: SentenceContext, unitKey: string): string {
  if (c.a[unitKey] != null) return c.unitName(c.a[unitKey]);
  return c.text('otherOrg') ?? 'nơi khác';
}

function period(c: SentenceContext): string {
  const from = c.date(c.a.validFrom);
  const to = c.date(c.a.validTo);
  if (from && to) return ` (từ ngày ${from} đến ngày ${to})`;
  if (from) return ` (từ ngày ${from})`;
  if (to) return ` (đến ngày ${to})`;
  return '';
}

function scoreSpecs(scorer: 'cell' | 'supervisor'): Record<string, ActionSpec> {
  const what = SCORERS[scorer]!;
  const short = scorer === 'cell' ? 'điểm tự chấm' : 'điểm cấp trên chấm';
  return {
    [`score.${scorer}.save`]: act(`Lưu ${short}`, (c) => `${c.who} lưu ${what} cho ${c.meeting()}`),
    [`score.${scorer}.confirm`]: act(`Xác nhận ${short}`, (c) => {
      const band = c.text('band');
      return `${c.who} xác nhận ${what} cho ${c.meeting()}: ${c.num(c.a.total)} điểm${band ? `, xếp loại ${band}` : ''}`;
    }),
    [`score.${scorer}.revise`]: act(
      `Chấm lại ${short}`,
      (c) =>
        `${c.who} mở bản chấm lại (lần ${c.num(c.a.revision)}) ${what} cho ${c.meeting()}${c.because('note')}`,
    ),
  };
}

function agendaItemSentence(c: SentenceContext): string {
  const item = c.a.itemId != null ? `mục "${c.names.agendaItems.get(Number(c.a.itemId)) ?? '…'}"` : 'một mục';
  const where = `trong chương trình ${c.meeting()}`;
  if (c.a.title !== undefined) return `${c.who} đổi tên ${item} ${where} thành "${c.text('title') ?? ''}"`;
  if (c.a.conclusion !== undefined)
    return c.text('conclusion')
      ? `${c.who} ghi kết luận cho ${item} ${where}`
      : `${c.who} xóa kết luận của ${item} ${where}`;
  if (c.a.done === true) return `${c.who} đánh dấu đã thực hiện ${item} ${where}`;
  if (c.a.done === false) return `${c.who} bỏ đánh dấu đã thực hiện ${item} ${where}`;
  return `${c.who} cập nhật ${item} ${where}`;
}

function moveSentence(c: SentenceContext): string {
  const timeChanged = c.a.scheduledAt !== c.b.scheduledAt;
  const placeChanged = c.a.place !== c.b.place;
  const at = (x: Record<string, unknown>, withPlace: boolean) => {
    const t = c.dateTime(x.scheduledAt) ?? '…';
    const p = typeof x.place === 'string' && x.place ? x.place : undefined;
    return withPlace && p ? `${t} tại ${p}` : t;
  };
  if (timeChanged)
    return `${c.who} dời ${c.meeting()} từ ${at(c.b, placeChanged)} sang ${at(c.a, placeChanged)}`;
  const from = c.text('place', 'b') ?? 'chưa có địa điểm';
  return `${c.who} đổi địa điểm ${c.meeting()} từ ${from} sang ${c.text('place') ?? 'chưa có địa điểm'}`;
}

function userUpdateSentence(c: SentenceContext): string {
  const parts: string[] = [];
  if (c.a.displayName !== undefined && c.a.displayName !== c.b.displayName)
    parts.push(`đổi tên hiển thị thành "${c.text('displayName') ?? ''}"`);
  if (c.a.active === false && c.b.active !== false) parts.push('khóa tài khoản');
  if (c.a.active === true && c.b.active === false) parts.push('mở khóa tài khoản');
  if (c.a.passwordReset === true) parts.push('đặt lại mật khẩu');
  if (c.a.username !== undefined) parts.push(`đổi tên đăng nhập thành "${c.text('username') ?? ''}"`);
  if (c.a.memberId !== undefined)
    parts.push(c.a.memberId === null ? 'bỏ gắn hồ sơ đảng viên' : `gắn với hồ sơ ${c.comrade(c.a.memberId)}`);
  return parts.length > 0
    ? `${c.who} sửa ${c.account}: ${parts.join(', ')}`
    : `${c.who} lưu ${c.account} (không có thay đổi)`;
}

function signSentence(c: SentenceContext): string {
  const as = c.a.asChair && c.a.asSecretary ? 'chủ trì và thư ký' : c.a.asChair ? 'chủ trì' : 'thư ký';
  return `${c.who} ký biên bản ${c.meeting()} với tư cách ${as} (phiên bản ${c.num(c.a.version)})`;
}

/** `tài khoản "bithu1" (…)`, or the name typed when it matches no account. */
function loginTarget(c: SentenceContext): string {
  return c.row.entityId ? c.account : `tên đăng nhập "${c.text('username') ?? '…'}"`;
}

/** action code → label and sentence. Keep one entry per line where it fits. */
export const AUDIT_ACTIONS: Record<string, ActionSpec> = {
  // Members (src/features/members)
  'member.create': act('Thêm đảng viên', (c) => `${c.who} thêm đảng viên ${c.memberName()} vào ${c.unit}`),
  'member.update': act(
    'Sửa thông tin đảng viên',
    (c) => `${c.who} sửa thông tin đảng viên ${c.memberName()}${c.fields}`,
  ),
  'member.recognize_official': act(
    'Công nhận đảng viên chính thức',
    (c) => `${c.who} công nhận ${c.comrade()} là đảng viên chính thức${c.fromDate()}${c.decision}`,
  ),
  'member.exempt': act(
    'Miễn sinh hoạt',
    (c) =>
      `${c.who} ghi nhận ${c.comrade()} được miễn công tác và sinh hoạt đảng${c.fromDate()}${c.because()}${c.decision}`,
  ),
  'member.end_exemption': act(
    'Thôi miễn sinh hoạt',
    (c) =>
      `${c.who} ghi nhận ${c.comrade()} thôi miễn sinh hoạt, trở lại sinh hoạt đảng${c.fromDate()}${c.decision}`,
  ),
  'member.temporary_out': act('Sinh hoạt tạm thời', (c) => {
    const until = c.date(c.a.until);
    return `${c.who} ghi nhận ${c.comrade()} sinh hoạt tạm thời tại ${destination(c, 'hostUnitId')}${c.fromDate()}${until ? ` đến ngày ${until}` : ''}${c.decision}`;
  }),
  'member.end_temporary': act(
    'Kết thúc sinh hoạt tạm thời',
    (c) =>
      `${c.who} ghi nhận ${c.comrade()} kết thúc sinh hoạt tạm thời, trở về sinh hoạt tại ${c.unit}${c.fromDate()}`,
  ),
  'member.transfer': act(
    'Chuyển sinh hoạt chính thức',
    (c) =>
      `${c.who} chuyển sinh hoạt đảng chính thức của ${c.comrade()} từ ${c.unit} đến ${destination(c, 'toUnitId')}${c.fromDate()}${c.decision}`,
  ),
  'member.contact_213': act(
    'Đăng ký đảng viên 213',
    (c) =>
      `${c.who} ghi nhận ${c.comrade()} liên hệ với ${c.unitName(c.a.unitId)} nơi cư trú (đảng viên 213)${c.fromDate()}`,
  ),
  'member.end_contact_213': act(
    'Kết thúc 213',
    (c) => `${c.who} ghi nhận ${c.comrade()} kết thúc liên hệ nơi cư trú (đảng viên 213)${c.fromDate()}`,
  ),
  'member.remove': act('Xóa tên / ra khỏi danh sách', (c) => {
    const how = label(END_REASONS, c.a.reason);
    return `${c.who} đưa ${c.comrade()} ra khỏi danh sách đảng viên của ${c.unit}${how ? ` (${how.toLocaleLowerCase('vi')})` : ''}${c.fromDate()}${c.decision}`;
  }),
  'member.import': act(
    'Nhập đảng viên từ tệp',
    (c) =>
      `${c.who} nhập đảng viên từ tệp vào ${c.unit}: thêm mới ${c.num(c.a.created)}, cập nhật ${c.num(c.a.updated)} người`,
  ),
  'member.import_create': act(
    'Thêm đảng viên (nhập từ tệp)',
    (c) => `${c.who} thêm đảng viên ${c.memberName()} vào ${c.unit} khi nhập từ tệp`,
  ),
  'member.import_update': act(
    'Cập nhật đảng viên (nhập từ tệp)',
    (c) => `${c.who} cập nhật thông tin đảng viên ${c.memberName()} khi nhập từ tệp${c.fields}`,
  ),

  'member.export': act(
    'Xuất danh sách đảng viên',
    (c) =>
      `${c.who} xuất danh sách đảng viên của ${c.entityUnit} ra Excel (${c.num(c.a.count)} người, tính đến ngày ${c.date(c.a.date) ?? '…'})`,
  ),
  // src/features/exports (ADR 028): the download above is audited as 'member.export'
  'member.export_request': act(
    'Yêu cầu xuất danh sách đảng viên (chạy nền)',
    (c) =>
      `${c.who} yêu cầu xuất danh sách đảng viên của ${c.entityUnit} ra Excel chạy nền (${c.num(c.a.count)} người, tính đến ngày ${c.date(c.a.date) ?? '…'})`,
  ),
  // src/features/oversight/overview-routes.ts (ADR 021)
  'overview.export': act('Xuất bảng tổng quan', (c) => {
    const month = (v: unknown) =>
      typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? `${v.slice(5)}/${v.slice(0, 4)}` : '…';
    return `${c.who} xuất bảng tổng quan của ${c.entityUnit} ra Excel (từ tháng ${month(c.a.from)} đến tháng ${month(c.a.to)}, ${c.num(c.a.rows)} dòng)`;
  }),
  // Organisation tree and rule packs (src/features/org, src/features/scoring/pack-routes.ts)
  'unit.create': act('Thêm đơn vị', (c) => {
    const kind = label(UNIT_KINDS, c.a.kind);
    const parent = c.a.parent_id != null ? ` trực thuộc ${c.unitName(c.a.parent_id)}` : '';
    return `${c.who} thêm đơn vị ${c.entityUnit}${kind ? ` (${kind.toLocaleLowerCase('vi')})` : ''}${parent}`;
  }),
  'unit.update': act(
    'Sửa thông tin đơn vị',
    (c) => `${c.who} sửa thông tin đơn vị ${c.entityUnit}${c.fields}`,
  ),
  'unit.move': act(
    'Chuyển đơn vị',
    (c) =>
      `${c.who} chuyển đơn vị ${c.entityUnit} từ trực thuộc ${c.unitName(c.b.parentId)} sang trực thuộc ${c.unitName(c.a.parentId)}`,
  ),
  'unit.archive': act(
    'Lưu trữ đơn vị',
    (c) => `${c.who} đưa đơn vị ${c.entityUnit} và các đơn vị trực thuộc vào lưu trữ`,
  ),
  'unit.unarchive': act('Khôi phục đơn vị', (c) => `${c.who} khôi phục đơn vị ${c.entityUnit} từ lưu trữ`),
  'unit.rule_pack': act('Chọn bộ quy định', (c) =>
    c.a.packId
      ? `${c.who} chọn bộ quy định "${c.pack(c.a.packId)}" cho ${c.entityUnit} và các đơn vị trực thuộc`
      : `${c.who} cho ${c.entityUnit} áp dụng bộ quy định theo cấp trên`,
  ),
  'rule_pack.load': act('Nạp bộ quy định', (c) => {
    const [id, version] = (c.row.entityId ?? '').split('@');
    const from = c.date(c.a.effectiveFrom);
    return `${c.who} nạp bộ quy định "${c.text('name') ?? c.pack(id)}"${version ? ` (phiên bản ${version})` : ''}${from ? `, áp dụng từ ngày ${from}` : ''}`;
  }),

  // Accounts (src/features/users, src/features/auth, calendar links)
  'user.create': act('Tạo tài khoản', (c) => {
    const member = c.a.memberId != null ? `, gắn với hồ sơ ${c.comrade(c.a.memberId)}` : '';
    return `${c.who} tạo ${c.account}${member}`;
  }),
  'user.create_admin': act('Tạo tài khoản quản trị', (c) => `${c.who} tạo ${c.account} quản trị hệ thống`),
  'user.update': act('Sửa tài khoản', userUpdateSentence),
  'user.grant': act(
    'Giao quyền',
    (c) =>
      `${c.who} giao quyền "${label(ROLE_LABELS, c.a.role) ?? c.text('role') ?? ''}" tại ${c.unitName(c.a.orgUnitId)} cho ${c.account}${period(c)}`,
  ),
  'user.revoke': act(
    'Thu hồi quyền',
    (c) =>
      `${c.who} thu hồi quyền "${label(ROLE_LABELS, c.b.role) ?? c.text('role', 'b') ?? ''}" tại ${c.unit} của ${c.account}`,
  ),
  // Logins (src/features/auth/service.ts, password-change.ts; ADR 016)
  'login.success': act('Đăng nhập', (c) => `${c.who} đăng nhập`),
  'login.failure': act(
    'Đăng nhập không thành công',
    (c) => `Đăng nhập không thành công vào ${loginTarget(c)}${c.because()}`,
  ),
  'login.lockout': act(
    'Tạm khóa đăng nhập',
    (c) =>
      `Hệ thống tạm khóa đăng nhập ${loginTarget(c)} đến ${c.dateTime(c.a.lockedUntil) ?? '…'} sau ${c.num(c.a.failures)} lần nhập sai mật khẩu`,
  ),
  'user.logout': act('Đăng xuất', (c) => `${c.who} đăng xuất`),
  'user.password_lockout': act(
    'Tạm khóa đổi mật khẩu',
    (c) =>
      `${c.who} nhập sai mật khẩu hiện tại ${c.num(c.a.failures)} lần; việc đổi mật khẩu bị tạm khóa đến ${c.dateTime(c.a.lockedUntil) ?? '…'}`,
  ),
  'user.password_change': act('Đổi mật khẩu', (c) => `${c.who} đổi mật khẩu của mình`),
  // Refusals that answer alike wherever the holder is (src/server/refusals.ts, ADR 015)
  'user.username_refused': act(
    'Từ chối tên đăng nhập trùng',
    (c) => `${c.who} nhập tên đăng nhập "${c.text('username') ?? ''}" đã có người dùng; hệ thống từ chối`,
  ),
  'member.identity_refused': act(
    'Từ chối số định danh trùng',
    (c) =>
      `${c.who} nhập ${c.a.nationalId !== undefined ? 'số CCCD' : 'số thẻ đảng viên'} đã gắn với hồ sơ khác; hệ thống từ chối`,
  ),
  'calendar.token_create': act(
    'Tạo đường dẫn lịch',
    (c) => `${c.who} tạo đường dẫn lịch (iCalendar) riêng của mình`,
  ),
  'calendar.token_revoke': act(
    'Thu hồi đường dẫn lịch',
    (c) => `${c.who} thu hồi đường dẫn lịch (iCalendar) của mình`,
  ),

  // Planning and preparing meetings (src/features/meetings/plan.ts, agenda.ts, documents.ts)
  'meeting_series.save': act('Đặt lịch sinh hoạt thường kỳ', (c) => {
    const place = c.text('place');
    return `${c.who} đặt lịch sinh hoạt thường kỳ của ${c.unit}: ngày ${c.num(c.a.day_of_month)} hằng tháng, lúc ${c.text('start_time') ?? '…'}${place ? `, tại ${place}` : ''}`;
  }),
  'thematic_plan.save': act('Lưu kế hoạch sinh hoạt chuyên đề', (c) => {
    const items = Array.isArray(c.a.items) ? (c.a.items as Record<string, unknown>[]) : [];
    const topics = items.map((i) => `quý ${i.quarter}: "${i.topic}"`).join('; ');
    return `${c.who} lưu kế hoạch sinh hoạt chuyên đề năm ${c.text('year') ?? '…'} của ${c.unit}${topics ? ` — ${topics}` : ''}`;
  }),
  'meeting.create': act('Lên lịch buổi sinh hoạt', (c) => {
    const at = c.dateTime(c.a.scheduledAt);
    const place = c.text('place');
    return `${c.who} lên lịch ${c.meeting()} của ${c.unit}${at ? ` lúc ${at}` : ''}${place ? ` tại ${place}` : ''}`;
  }),
  'meeting.update': act(
    'Sửa thông tin buổi sinh hoạt',
    (c) => `${c.who} cập nhật thông tin chuẩn bị ${c.meeting()}${c.fields}`,
  ),
  'meeting.move': act('Dời buổi sinh hoạt', moveSentence),
  'meeting.cancel': act('Hủy buổi sinh hoạt', (c) => `${c.who} hủy ${c.meeting()}${c.because()}`),
  'meeting.invite': act('Gửi giấy mời', (c) => {
    const sup = typeof c.a.supervisors === 'number' && c.a.supervisors > 0;
    return `${c.who} gửi giấy mời dự ${c.meeting()} đến ${c.num(c.a.members)} đảng viên${sup ? ` và ${c.num(c.a.supervisors)} cấp ủy viên phụ trách` : ''}`;
  }),
  'meeting.invitation_print': act(
    'In giấy mời',
    (c) =>
      `${c.who} in giấy mời và danh sách ký nhận ${c.meeting()} (${c.num(c.a.people)} người, ${c.num(c.a.paper)} giấy mời in)`,
  ),
  'meeting.prep_step': act(
    'Ghi bước chuẩn bị',
    (c) =>
      `${c.who} ghi nhận đã xong bước chuẩn bị "${label(PREP_STEPS, c.a.step) ?? c.text('step') ?? ''}" của ${c.meeting()}`,
  ),
  'meeting.agenda': act(
    'Lập chương trình',
    (c) =>
      `${c.who} lập chương trình ${c.meeting()} gồm ${Array.isArray(c.row.after) ? c.row.after.length : 0} mục`,
  ),
  'meeting.agenda_item': act('Cập nhật mục chương trình', agendaItemSentence),
  'meeting.document_post': act('Đăng tài liệu', (c) => {
    const doc = c.a.documentId != null ? c.names.documents.get(Number(c.a.documentId)) : undefined;
    const what = c.a.purpose === 'final' ? 'văn bản hoàn chỉnh' : 'tài liệu';
    return `${c.who} đăng ${what} "${doc ?? c.text('fileName') ?? '…'}" cho ${c.meeting()}`;
  }),
  'meeting.document_remove': act(
    'Gỡ tài liệu',
    (c) =>
      `${c.who} gỡ tài liệu "${c.names.documents.get(Number(c.a.documentId)) ?? '…'}" khỏi ${c.meeting()}`,
  ),

  'meeting.document_download': act(
    'Tải tài liệu',
    (c) =>
      `${c.who} tải tài liệu "${c.names.documents.get(Number(c.a.documentId)) ?? c.text('fileName') ?? '…'}" của ${c.meeting()}`,
  ),
  // Running a meeting (src/features/meetings/running.ts, start.ts)
  'meeting.start': act('Bắt đầu buổi sinh hoạt', (c) => {
    const at = c.dateTime(c.a.startedAt);
    return `${c.who} bắt đầu ${c.meeting()}${at ? ` lúc ${at}` : ''}`;
  }),
  'meeting.reschedule_start': act('Dời lịch và bắt đầu buổi sinh hoạt', (c) => {
    const from = c.dateTime(c.b.scheduledAt);
    const at = c.dateTime(c.a.startedAt);
    return `${c.who} dời ${c.meeting()}${from ? ` từ ${from}` : ''} và bắt đầu${at ? ` lúc ${at}` : ''}${c.because()}`;
  }),
  'meeting.revert_start': act(
    'Hủy thao tác bắt đầu',
    (c) => `${c.who} hủy thao tác bắt đầu ${c.meeting()}, đưa về trạng thái chưa họp${c.because()}`,
  ),
  'meeting.end': act('Kết thúc buổi sinh hoạt', (c) => {
    const at = c.dateTime(c.a.endedAt);
    return `${c.who} kết thúc ${c.meeting()}${at ? ` lúc ${at}` : ''}`;
  }),
  'meeting.attendance': act('Điểm danh', (c) => {
    const status = label(ATTENDANCE_LABELS, c.a.status) ?? c.text('status') ?? '';
    const reason = c.text('reason');
    return `${c.who} điểm danh ${c.comrade(c.a.memberId)} tại ${c.meeting()}: ${status}${reason ? ` (${reason})` : ''}`;
  }),
  'meeting.check_in': act('Tự điểm danh', (c) => `${c.who} tự điểm danh có mặt tại ${c.meeting()}`),
  'meeting.check_in_lockout': act(
    'Tạm chặn tự điểm danh',
    (c) =>
      `${c.who} nhập sai mã điểm danh ${c.num(c.a.failures)} lần tại ${c.meeting()}, phải chờ đến ${c.dateTime(c.a.lockedUntil) ?? '…'} mới thử lại được`,
  ),
  'meeting.guest_add': act('Thêm khách mời', (c) => {
    const title = c.text('title');
    const org = c.text('organisation');
    const role = c.a.isSupervisor === true ? ', cấp ủy viên cấp trên phụ trách' : '';
    return `${c.who} thêm khách mời ${c.text('name') ?? '…'}${title ? `, ${title}` : ''}${org ? ` (${org})` : ''}${role} vào ${c.meeting()}`;
  }),
  'meeting.speech_add': act('Ghi ý kiến phát biểu', (c) => {
    const who = c.a.memberId != null ? c.comrade(c.a.memberId) : (c.text('speaker') ?? 'khách mời');
    return `${c.who} ghi ý kiến phát biểu của ${who} tại ${c.meeting()}`;
  }),
  'meeting.vote': act('Ghi kết quả biểu quyết', (c) => {
    const base = typeof c.a.base === 'number' ? `/${c.num(c.a.base)}` : '';
    const outcome = c.a.passed === true ? 'thông qua' : c.a.passed === false ? 'không thông qua' : '';
    return `${c.who} ghi kết quả biểu quyết "${c.text('subject') ?? '…'}" tại ${c.meeting()}: tán thành ${c.num(c.a.for)}${base}, không tán thành ${c.num(c.a.against)}, không biểu quyết ${c.num(c.a.abstain)}${outcome ? ` — ${outcome}` : ''}`;
  }),
  'meeting.task_add': act('Giao nhiệm vụ', (c) => {
    const deadline = c.date(c.a.deadline);
    // A task may go to an organisation of the locality, with or without members (ADR 025 part E).
    const org = c.text('organisationName');
    const none = Array.isArray(c.a.ownerIds) && c.a.ownerIds.length === 0;
    const to =
      org && none ? `tổ chức "${org}"` : `${c.comrades(c.a.ownerIds)}${org ? ` và tổ chức "${org}"` : ''}`;
    return `${c.who} giao ${c.task} cho ${to}${deadline ? `, hạn ${deadline}` : ''} tại ${c.meeting()}`;
  }),
  'task.review': act('Đánh giá nhiệm vụ', (c) => {
    const result = label(TASK_RESULTS, c.a.result) ?? c.text('result') ?? '';
    const note = c.text('note');
    return `${c.who} đánh giá ${c.task} tại ${c.meeting(c.a.meetingId)}: ${result}${note ? ` (${note})` : ''}`;
  }),

  // Minutes (src/features/meetings/record.ts)
  'record.edit': act(
    'Sửa bản nháp biên bản',
    (c) => `${c.who} sửa bản nháp biên bản ${c.meeting()}${c.fields}`,
  ),
  'record.sign': act('Ký biên bản', signSentence),
  'record.adopt': act(
    'Thông qua biên bản',
    (c) =>
      `${c.who} thông qua biên bản ${c.meetingTitle() ?? 'một buổi sinh hoạt đã xóa'} của ${c.unit} (phiên bản ${c.num(c.a.version)})`,
  ),
  'record.correction': act('Mở bản đính chính', (c) => {
    const note = c.text('note');
    return `${c.who} mở bản đính chính biên bản ${c.meetingTitle() ?? 'một buổi sinh hoạt đã xóa'} (phiên bản ${c.num(c.a.version)})${note ? `: ${note}` : ''}`;
  }),

  // Quality scores (src/features/scoring/service.ts: `score.${scorer}.*`)
  ...scoreSpecs('cell'),
  ...scoreSpecs('supervisor'),

  // Oversight (src/features/oversight/supervision.ts)
  'supervision.visit': act('Ghi lần giám sát', (c) => {
    const day = c.date(c.a.visitedOn);
    const at = c.a.meetingId != null ? ` (dự ${c.meeting(c.a.meetingId)})` : '';
    return `${c.who} ghi lần giám sát ${c.unit}${day ? ` ngày ${day}` : ''}${at}`;
  }),
  'recommendation.raise': act(
    'Ghi kiến nghị',
    (c) => `${c.who} ghi kiến nghị của ${c.unit}: "${excerpt(c.text('content') ?? '…')}"`,
  ),
  'recommendation.answer': act('Trả lời kiến nghị', (c) => {
    const n = Number(c.row.entityId);
    const content = c.names.recommendations.get(n);
    const what = content ? `kiến nghị "${excerpt(content)}"` : 'một kiến nghị';
    return `${c.who} trả lời${c.a.close === false ? '' : ' và đóng'} ${what} của ${c.unit}`;
  }),

  'alert.dismiss': act('Đóng cảnh báo', (c) => {
    const note = c.text('note');
    return `${c.who} đóng cảnh báo "${c.text('title') ?? '…'}" của ${c.unit}${note ? `: ${note}` : ''}`;
  }),

  // Working calendar (src/features/calendar)
  'holiday_decision.save': act(
    'Lưu quyết định nghỉ lễ, Tết',
    (c) =>
      `${c.who} ${c.row.before ? 'sửa' : 'ghi'} quyết định nghỉ lễ, Tết năm ${c.row.entityId ?? '…'}${c.fields}`,
  ),
  'holiday_decision.delete': act(
    'Xóa quyết định nghỉ lễ, Tết',
    (c) => `${c.who} xóa quyết định nghỉ lễ, Tết năm ${c.row.entityId ?? '…'}`,
  ),

  // Periodic reviews (src/features/reviews/service.ts)
  'review.create': act(
    'Lập dự thảo báo cáo sơ kết, tổng kết',
    (c) => `${c.who} lập dự thảo báo cáo "${c.text('title') ?? '…'}" của ${c.unit}`,
  ),
  'review.update': act(
    'Sửa dự thảo báo cáo sơ kết, tổng kết',
    (c) => `${c.who} sửa dự thảo báo cáo của ${c.unit}${c.fields}`,
  ),
  'review.issue': act(
    'Ban hành báo cáo sơ kết, tổng kết',
    (c) =>
      `${c.who} ban hành báo cáo số ${c.text('number') ?? '…'} của ${c.unit} (phiên bản ${c.num(c.a.version)})`,
  ),
  'review.download': act(
    'Tải báo cáo sơ kết, tổng kết',
    (c) =>
      `${c.who} tải báo cáo sơ kết, tổng kết của ${c.unit} (${c.text('format') ?? '…'}${c.a.draft ? ', dự thảo' : ''})`,
  ),

  // Demo data (src/features/demo)
  'demo.seed': act('Tạo dữ liệu mẫu', (c) => `${c.who} tạo dữ liệu mẫu cho ${c.unit}`),
  // Backups (src/features/backup/routes.ts)
  'system.backup': act(
    'Tải bản sao lưu',
    (c) => `${c.who} tải bản sao lưu toàn bộ dữ liệu (${c.num(c.a.tables)} bảng, ${c.num(c.a.rows)} dòng)`,
  ),
  // Integrity (src/db/migrations/0009_record_seals.ts): once, at the upgrade to keyed hashes (ADR 017)
  'integrity.seal': act(
    'Niêm phong biên bản, điểm số cũ bằng khóa',
    (c) =>
      `${c.who} niêm phong bằng khóa ${c.text('keyId') ?? '…'} ${c.num(c.a.records)} biên bản đã thông qua và ${c.num(c.a.scores)} điểm đã xác nhận từ trước khi có mã kiểm tra có khóa`,
  ),
  // Commendations, reminders and model meetings (src/features/recognition)
  'recognition.decide': act('Ghi quyết định khen thưởng, nhắc nhở', (c) => {
    const kind = (label(RECOGNITION_KINDS, c.a.kind) ?? 'khen thưởng, nhắc nhở').toLocaleLowerCase('vi');
    const no = c.text('number');
    const day = c.date(c.a.decidedOn);
    return `${c.who} ghi quyết định ${kind}${no ? ` số ${no}` : ''}${day ? ` ngày ${day}` : ''} đối với ${c.entityUnit}${c.because()}`;
  }),
  'meeting.model_mark': act('Chọn sinh hoạt mẫu', (c) => {
    const topic = c.text('topic');
    return `${c.who} chọn ${c.meeting()} làm sinh hoạt mẫu${topic ? ` (chủ đề "${topic}")` : ''}`;
  }),
  'meeting.model_unmark': act(
    'Bỏ chọn sinh hoạt mẫu',
    (c) => `${c.who} bỏ chọn ${c.meeting()} khỏi danh sách sinh hoạt mẫu`,
  ),
  // Dues ledger (src/features/dues)
  ...DUES_ACTIONS,
  // Grading decisions (src/features/grading/decisions.ts)
  ...GRADING_DECIDE_ACTIONS,
  // Grading statistics' reports (src/features/grading/statistics.ts)
  ...GRADING_STATS_ACTIONS,
  // The year's review: campaigns, self-reviews, the cell's session, evidence (src/features/grading)
  ...GRADING_REVIEW_ACTIONS,
  // Inspection and supervision plans (src/features/inspections)
  ...INSPECTION_ACTIONS,
  // Implementation plans (src/features/plans)
  ...PLAN_ACTIONS,
  // The directives library (src/features/directives)
  ...DIRECTIVE_ACTIONS,
  // The cell's yearly programme (src/features/activity-plans)
  ...ACTIVITY_PLAN_ACTIONS,
  // The chi ủy as a body, the locality's organisations (src/features/cell-committee, organisations)
  ...CELL_BODY_ACTIONS,
  // Personal API tokens (src/features/api-tokens)
  ...API_TOKEN_ACTIONS,
};

/** What an unknown code is done on: "buổi sinh hoạt "…"", "đảng viên …", or the entity type's name. */
function objectPhrase(c: SentenceContext): string {
  switch (c.row.entityType) {
    case 'member':
      return `đảng viên ${c.memberName()}`;
    case 'meeting':
      return c.meeting();
    case 'org_unit':
      return `đơn vị ${c.entityUnit}`;
    case 'user':
      return c.account;
    case 'task':
      return c.task;
    default: {
      const type = ENTITY_TYPES[c.row.entityType];
      return type ? type.toLocaleLowerCase('vi') : `đối tượng "${c.row.entityType}"`;
    }
  }
}

export interface Described {
  /** Short Vietnamese name of the action. */
  actionLabel: string;
  summary: string;
}

/** The sentence and the short label of one row; a neutral sentence for a code without an entry. */
export function describe(row: SentenceRow, names: Names, changes: readonly ChangeRow[]): Described {
  const c = new SentenceContext(row, names, changes);
  const spec = AUDIT_ACTIONS[row.action];
  if (!spec) {
    return {
      actionLabel: 'Thao tác khác',
      summary: `${c.who} thực hiện thao tác "${row.action}" trên ${objectPhrase(c)}`,
    };
  }
  return { actionLabel: spec.label, summary: spec.sentence(c) };
}
