/** The one error type of chibo: a stable code, an HTTP status and a Vietnamese message. */
export const ERRORS = {
  UNAUTHENTICATED: { status: 401, message: 'Bạn cần đăng nhập để tiếp tục.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  SESSION_EXPIRED: { status: 401, message: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.' },
  CSRF_MISMATCH: {
    status: 403,
    message: 'Yêu cầu không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang.',
  },
  FORBIDDEN: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  NOT_FOUND: { status: 404, message: 'Không tìm thấy.' },
  VALIDATION_FAILED: { status: 400, message: 'Dữ liệu không hợp lệ.' },
  RATE_LIMITED: { status: 429, message: 'Bạn thử quá nhiều lần. Vui lòng đợi một phút rồi thử lại.' },
  CONFLICT: { status: 409, message: 'Dữ liệu đã bị thay đổi hoặc trùng lặp.' },
  UNIT_CYCLE: {
    status: 409,
    message: 'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
  },
  UNIT_ARCHIVED: { status: 409, message: 'Đơn vị đã lưu trữ, không thể thay đổi.' },
  UNIT_HAS_ACTIVE_MEMBERS: { status: 409, message: 'Đơn vị còn đảng viên đang sinh hoạt, chưa thể lưu trữ.' },
  DUPLICATE_CARD_NUMBER: { status: 409, message: 'Số thẻ đảng viên đã có trong hệ thống.' },
  DUPLICATE_NATIONAL_ID: { status: 409, message: 'Số CCCD đã có trong hệ thống.' },
  USERNAME_TAKEN: { status: 409, message: 'Tên đăng nhập đã được dùng.' },
  INVALID_STATUS_CHANGE: {
    status: 409,
    message: 'Không thể ghi nhận thay đổi này với tình trạng hiện tại của đảng viên.',
  },
  IMPORT_FILE_INVALID: { status: 400, message: 'Tệp nhập không đọc được.' },
  IMPORT_HAS_ERRORS: { status: 409, message: 'Tệp còn dòng lỗi, chưa thể ghi vào hệ thống.' },
  IMPORT_NOT_READY: { status: 409, message: 'Bản nhập chưa sẵn sàng để ghi.' },
  MEETING_ALREADY_HELD: { status: 409, message: 'Buổi sinh hoạt đã kết thúc, không thể thay đổi phần này.' },
  MEETING_ALREADY_STARTED: { status: 409, message: 'Buổi sinh hoạt đã bắt đầu.' },
  MEETING_NOT_STARTED: { status: 409, message: 'Buổi sinh hoạt chưa bắt đầu.' },
  MEETING_CANCELLED: { status: 409, message: 'Buổi sinh hoạt đã hủy.' },
  MEETING_START_OUTSIDE_WINDOW: {
    status: 409,
    message:
      'Chưa đến giờ (hoặc đã quá giờ) bắt đầu buổi sinh hoạt theo lịch; hãy dời lịch trước khi bắt đầu.',
  },
  MEETING_HAS_RECORDS: {
    status: 409,
    message:
      'Buổi sinh hoạt đã có ghi nhận (điểm danh, ý kiến, biểu quyết…), không thể trở lại trạng thái chưa họp.',
  },
  RECORD_ADOPTION_LATE: {
    status: 409,
    message:
      'Đã quá thời gian thông qua biên bản tại buổi sinh hoạt; hãy thông qua biên bản này tại buổi sinh hoạt kế tiếp của chi bộ.',
  },
  PROBATION_NOT_ENDED: { status: 409, message: 'Đảng viên chưa hết thời gian dự bị.' },
  TEMPORARY_TRANSFER_TOO_SHORT: {
    status: 400,
    message: 'Thời gian sinh hoạt tạm thời ngắn hơn mức tối thiểu theo quy định.',
  },
  TEMPORARY_TRANSFER_TOO_LONG: {
    status: 400,
    message: 'Thời gian sinh hoạt tạm thời dài hơn mức tối đa theo quy định.',
  },
  CHECKIN_CLOSED: { status: 409, message: 'Chỉ điểm danh được khi buổi sinh hoạt đang diễn ra.' },
  CHECKIN_CODE_INVALID: { status: 400, message: 'Mã điểm danh không đúng.' },
  NOT_ON_ROSTER: { status: 403, message: 'Bạn không có trong danh sách của buổi sinh hoạt này.' },
  RECORD_LOCKED: { status: 409, message: 'Biên bản đã được thông qua và khóa; hãy tạo bản đính chính.' },
  RECORD_NOT_SIGNED: {
    status: 409,
    message: 'Biên bản cần chữ ký của chủ trì (và thư ký) trước khi thông qua.',
  },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    message: 'Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPEG, PNG).',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Tệp quá lớn.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'Tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    message: 'Tài khoản tạm khóa đăng nhập vì nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau.',
  },
  PASSWORD_CHECK_LOCKED: {
    status: 429,
    message: 'Bạn đã nhập sai mật khẩu hiện tại nhiều lần. Vui lòng thử lại sau.',
  },
  CHECKIN_LOCKED: {
    status: 429,
    message:
      'Bạn đã nhập sai mã điểm danh nhiều lần. Vui lòng chờ rồi thử lại, hoặc báo thư ký điểm danh giúp.',
  },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Địa chỉ này không nhận phương thức yêu cầu.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Kiểu dữ liệu gửi lên (Content-Type) không được hỗ trợ; hãy gửi JSON (application/json).',
  },
  ARCHIVE_TOO_LARGE: {
    status: 413,
    message:
      'Tệp Word/Excel này khi giải nén quá lớn hoặc nén bất thường (nghi là “bom nén”), nên không được nhận.',
  },
  IMPORT_TOO_MANY_ROWS: { status: 413, message: 'Tệp có nhiều dòng hơn giới hạn của một lần nhập.' },
  // Issue 12 (ADR 026): bounds are errors that say what to do instead, never a silent cut.
  EXPORT_TOO_LARGE: {
    status: 413,
    message: 'Danh sách quá lớn để tải ngay. Hãy dùng "Xuất tệp (chạy nền)" rồi tải về khi xong.',
  },
  EXPORT_NOT_READY: { status: 409, message: 'Tệp xuất chưa sẵn sàng. Vui lòng đợi đến khi xong.' },
  EXPORT_EXPIRED: { status: 410, message: 'Tệp xuất đã hết hạn và bị xóa. Hãy xuất lại.' },
  EXPORT_TOO_MANY_JOBS: {
    status: 429,
    message: 'Bạn đang có tệp xuất chưa chạy xong. Vui lòng đợi các tệp đó xong rồi xuất tiếp.',
  },
  TREE_TOO_LARGE: {
    status: 413,
    message: 'Cây đơn vị quá lớn để tải một lần. Hãy mở từng cấp (danh sách đơn vị trực thuộc).',
  },
  IMPORT_INTERRUPTED: {
    status: 409,
    message: 'Máy chủ đã dừng hoặc khởi động lại khi đang xử lý bản nhập này; hãy tải tệp lên lại.',
  },
  IMPORT_CHECK_FAILED: {
    status: 413,
    message:
      'Không kiểm tra xong tệp trong giới hạn thời gian và bộ nhớ cho phép; hãy chia tệp thành nhiều phần nhỏ hơn.',
  },
  BACKUP_FILE_INVALID: { status: 400, message: 'Tệp sao lưu không dùng được.' },
  RESTORE_REFUSED: { status: 409, message: 'Không khôi phục được vào cơ sở dữ liệu này.' },
  // Grading decisions (issue 10, src/features/grading/decisions.ts)
  GRADING_QUOTA_EXCEEDED: {
    status: 422,
    message: 'Số xếp loại vượt mức tối đa theo quy định; chưa ban hành được quyết định.',
  },
  GRADING_RULE_BROKEN: {
    status: 422,
    message: 'Có mức xếp loại trái quy định (kỷ luật, đảng phí, nhiệm vụ); chưa ban hành được quyết định.',
  },
  GRADING_INCOMPLETE: {
    status: 409,
    message: 'Còn đối tượng chưa được chọn mức xếp loại; chưa ban hành được quyết định.',
  },
  GRADING_DECISION_LOCKED: {
    status: 409,
    message:
      'Quyết định xếp loại đã ban hành và được khóa; chỉ thay đổi bằng quyết định điều chỉnh có lý do.',
  },
  GRADING_NOT_GRADED: {
    status: 400,
    message: 'Đảng viên này được kiểm điểm nhưng không xếp loại trong năm (theo quy định).',
  },
  // Directives (issue 11 part A, src/features/directives/*)
  DIRECTIVE_LOCKED: {
    status: 409,
    message:
      'Văn bản đã ban hành: không sửa được số, ngày, cơ quan ban hành, trích yếu hay tệp đính kèm; muốn thay thì thu hồi (ghi lý do) và ban hành văn bản mới.',
  },
  DIRECTIVE_WITHDRAWN: { status: 409, message: 'Văn bản đã bị thu hồi.' },
  DIRECTIVE_NOT_PUBLISHED: { status: 409, message: 'Văn bản chưa ban hành.' },
  DIRECTIVE_ALREADY_DISSEMINATED: {
    status: 409,
    message: 'Chi bộ đã ghi nhận quán triệt văn bản này rồi.',
  },
  DIRECTIVE_REMIND_TOO_SOON: {
    status: 409,
    message: 'Hôm nay đã nhắc các chi bộ về văn bản này; mỗi ngày chỉ nhắc một lần.',
  },
  // The chi ủy as a body (issue 11 part E, src/features/cell-committee)
  CELL_COMMITTEE_BELOW_THRESHOLD: {
    status: 422,
    message: 'Chi bộ chưa đủ số đảng viên chính thức để bầu chi ủy; chỉ ghi được bí thư, phó bí thư.',
  },
  INTERNAL: { status: 500, message: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export const notFound = (what?: string) =>
  new AppError('NOT_FOUND', what ? `Không tìm thấy ${what}.` : undefined);
export const forbidden = () => new AppError('FORBIDDEN');
