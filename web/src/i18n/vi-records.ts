/**
 * Vietnamese texts of the trustworthy-records work: starting only near the scheduled time, taking
 * a false start back, adopting the minutes at the meeting (or at the next one), self-declared
 * preparation steps, who the invitation did not reach, pending months and closing alerts.
 */
export const RECORDS = {
  start: {
    confirmTitle: 'Bắt đầu buổi sinh hoạt ngay bây giờ?',
    confirmText: (at: string) =>
      `Hệ thống ghi giờ bắt đầu ${at}, chốt danh sách điểm danh theo ngày hôm nay và mở mã điểm danh cho đảng viên.`,
    confirm: 'Bắt đầu',
    tooEarly: (scheduled: string, opens: string) =>
      `Buổi sinh hoạt lên lịch lúc ${scheduled}: chỉ bắt đầu được từ ${opens}.`,
    tooLate: (scheduled: string, closes: string) =>
      `Buổi sinh hoạt lên lịch lúc ${scheduled}: đã quá thời gian bắt đầu (đến ${closes}).`,
    rescheduleHelp:
      'Nếu chi bộ đang họp bây giờ (dời ngày so với lịch), hãy dời lịch sang bây giờ: lý do được ghi lại và gửi tới đảng viên.',
    reschedule: 'Dời lịch sang bây giờ và bắt đầu',
    rescheduleTitle: 'Dời lịch sang bây giờ',
    rescheduleReason: 'Lý do dời lịch',
    rescheduleReasonHelp: 'Ví dụ: Chi bộ họp sớm vì trùng ngày bầu cử ở khu phố.',
    rescheduleNeedsManager: 'Chỉ bí thư (hoặc văn phòng đảng ủy) dời lịch được. Hãy báo bí thư chi bộ.',
    reasonRequired: 'Cần ghi lý do (ít nhất 3 ký tự).',
    revert: 'Bắt đầu nhầm? Trở lại chưa họp',
    revertTitle: 'Đưa buổi sinh hoạt về trạng thái chưa họp?',
    revertText:
      'Chỉ làm được khi chưa ghi nhận gì (điểm danh, ý kiến, biểu quyết, nhiệm vụ). Giờ bắt đầu và danh sách điểm danh sẽ bị bỏ.',
    revertReason: 'Lý do',
    revertDone: 'Buổi sinh hoạt đã trở lại trạng thái chưa họp',
  },
  record: {
    notYet: 'Biên bản được ghi khi buổi sinh hoạt đã bắt đầu.',
    duringMeeting:
      'Thư ký ghi lời văn trong khi họp; cuối buổi đọc lại biên bản, chủ trì và thư ký ký, rồi bấm “Thông qua biên bản” — buổi sinh hoạt kết thúc đúng lúc đó.',
    adoptAndEnd: 'Thông qua biên bản và kết thúc buổi họp',
    adoptAndEndExplain:
      'Biên bản sẽ được khóa và buổi sinh hoạt kết thúc ngay lúc này (giờ kết thúc là giờ thông qua biên bản). Muốn sửa sau này phải tạo bản đính chính.',
    missing: 'Chưa thông qua được:',
    onPaper: (name: string) => `${name} chưa có tài khoản chibo: ký tên trên bản in của biên bản.`,
    signedOnPaper: 'ký trên bản in',
    late: 'Biên bản chưa được thông qua tại buổi sinh hoạt. Theo quy định, biên bản được đọc lại và thông qua trước khi bế mạc; nay cần đưa ra thông qua tại buổi sinh hoạt kế tiếp của chi bộ (mục “Biên bản buổi trước chưa thông qua” khi buổi đó đang diễn ra).',
    pendingTitle: 'Biên bản buổi trước chưa thông qua',
    pendingHelp:
      'Đọc lại biên bản các buổi dưới đây cho chi bộ nghe và thông qua tại buổi sinh hoạt này; văn bản sẽ ghi rõ thông qua tại buổi nào.',
    adoptHere: 'Thông qua tại buổi này',
    adoptedHere: 'Đã thông qua biên bản buổi trước',
    openRecord: 'Xem biên bản',
    adoptedAtMeeting: (title: string) => `Thông qua tại buổi: ${title}`,
    voteFieldError: 'Số phiếu không hợp lệ',
  },
  prep: {
    proof: 'Căn cứ',
    selfDeclared: 'Tự khai',
    selfDeclaredHelp: 'Đánh dấu bằng tay, chưa có căn cứ trong hồ sơ của buổi sinh hoạt',
    fromRecords: 'Theo hồ sơ',
    declare: 'Đánh dấu đã làm (tự khai)',
    declareTitle: 'Đánh dấu đã làm bằng tay',
    declareExplain:
      'Bước này sẽ hiện là “tự khai” và được chấm là tự khai. Nếu làm được trong chibo (đăng tài liệu, gửi thông báo, liên kết cuộc họp chi ủy có biên bản) thì hồ sơ sẽ tự ghi nhận.',
    declareNote: 'Đã thực hiện thế nào',
    declareNoteHelp: 'Ví dụ: Thông báo qua loa truyền thanh của khu phố ngày 08/12.',
    declared: 'Đã ghi nhận (tự khai)',
    noteRequired: 'Cần ghi đã thực hiện thế nào.',
  },
  invitation: {
    title: 'Giấy mời cho người chưa có tài khoản',
    expected: (n: string) => `${n} đảng viên được mời`,
    allReached: 'Mọi đảng viên được mời đều có tài khoản chibo và nhận thông báo trong ứng dụng.',
    notReached: (n: string) => `${n} đảng viên chưa nhận được thông báo qua chibo — cần gửi giấy mời in.`,
    print: 'In giấy mời và danh sách ký nhận (PDF)',
    printWord: 'Bản Word',
    andMore: (n: string) => `và ${n} đồng chí khác`,
    showAll: 'Xem tất cả',
    sent: (members: string, supervisors: string, missing: string) =>
      `Đã gửi thông báo tới ${members} tài khoản đảng viên và ${supervisors} cấp ủy viên phụ trách. ${
        missing === '0' ? 'Không ai bị sót.' : `${missing} đảng viên chưa có tài khoản: hãy in giấy mời.`
      }`,
  },
  tasks: {
    carried: (date: string) => `Chuyển từ nghị quyết ngày ${date}`,
    onlyDuring: 'Nhiệm vụ được giao và đánh giá trong khi họp.',
  },
  month: {
    pending: 'Chưa đến hạn',
    pendingLine: (due: string) => `Chưa đến hạn (hạn ngày ${due})`,
    missedLine: (due: string) => `Quá hạn ngày ${due}, chưa sinh hoạt`,
    duePending: (month: string, onTime: string, due: string, pending: string, pct: string) =>
      due === '0'
        ? `${month}: chưa chi bộ nào đến hạn sinh hoạt thường kỳ (${pending} chi bộ chưa đến hạn).`
        : `${month}: ${onTime}/${due} chi bộ đã đến hạn sinh hoạt thường kỳ đúng hạn (${pct}); ${pending} chi bộ chưa đến hạn.`,
  },
  alerts: {
    dismiss: 'Đã xử lý',
    dismissTitle: 'Đóng cảnh báo đã xử lý',
    dismissExplain:
      'Ghi việc đã làm (ví dụ: chi bộ họp bù ngày …, đã nhắc nhở chi bộ). Cảnh báo sẽ đóng và không mở lại; nội dung được ghi vào nhật ký.',
    dismissNote: 'Nội dung đã xử lý',
    dismissDone: 'Đã đóng cảnh báo',
    noteShort: 'Cần ghi ít nhất 5 ký tự.',
  },
} as const;
