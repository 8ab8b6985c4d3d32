/**
 * Vietnamese wording of the demo meetings: places, guests, absence reasons, what members say,
 * the tasks a cell sets itself month by month, and how they turn out. Pure data and small
 * template functions; the seeded random choices are made in meetings.ts.
 */

export type CellProfile =
  | 'resident'
  | 'rural'
  | 'agency'
  | 'school'
  | 'health'
  | 'police'
  | 'military'
  | 'business';

export function profileOfCellType(cellType: string | undefined): CellProfile {
  switch (cellType) {
    case 'khu_dan_cu':
      return 'resident';
    case 'nong_thon':
      return 'rural';
    case 'truong_hoc':
    case 'hoc_sinh_sinh_vien':
      return 'school';
    case 'benh_vien':
      return 'health';
    case 'cong_an':
      return 'police';
    case 'quan_doi':
      return 'military';
    case 'doanh_nghiep_nha_nuoc':
    case 'doanh_nghiep_ngoai_nha_nuoc':
      return 'business';
    default:
      return 'agency';
  }
}

/** Residential and rural cells meet in the evening; the others in working hours. */
export const isEveningProfile = (p: CellProfile) => p === 'resident' || p === 'rural';

/** "Chi bộ Khu phố 1" → "Khu phố 1"; "Chi bộ Ấp Mỹ Thạnh" → "ấp Mỹ Thạnh"; agencies keep their name. */
export function areaOf(cellName: string): string {
  const rest = cellName.replace(/^Chi bộ\s+/u, '');
  return rest.replace(/^Ấp\s/u, 'ấp ');
}

/** Where the cell holds its regular meeting. */
export function meetingPlace(cellName: string, profile: CellProfile, locality: string): string {
  const area = areaOf(cellName);
  switch (profile) {
    case 'resident':
    case 'rural':
      return `Nhà văn hóa ${area}`;
    case 'school':
      return `Phòng họp Hội đồng sư phạm, ${area}`;
    case 'health':
      return `Phòng giao ban ${area}`;
    case 'police':
      return `Hội trường ${area}`;
    case 'military':
      return `Phòng họp Ban Chỉ huy ${area}`;
    case 'business':
      return `Phòng họp ${area}`;
    default:
      if (/Ủy ban nhân dân/u.test(area)) return `Hội trường Ủy ban nhân dân ${locality}`;
      if (/Cơ quan Đảng/u.test(area)) return `Phòng họp Đảng ủy ${locality}`;
      return `Phòng họp ${area}`;
  }
}

/** Where the chi ủy meets to prepare. */
export function committeePlace(profile: CellProfile, place: string): string {
  return isEveningProfile(profile) ? 'Nhà riêng đồng chí Bí thư chi bộ' : place;
}

/** How the cell refers to itself in speeches: "khu phố", "cơ quan", "nhà trường"… */
export function unitWord(profile: CellProfile): string {
  return {
    resident: 'khu phố',
    rural: 'ấp',
    agency: 'cơ quan',
    school: 'nhà trường',
    health: 'trạm',
    police: 'đơn vị',
    military: 'đơn vị',
    business: 'công ty',
  }[profile];
}

// ---------------------------------------------------------------------------------------------
// People around the meeting

/** Guests who are not members of the cell (mass organisations, heads of the area…). */
export function guestRoles(profile: CellProfile, area: string, locality: string): [string, string][] {
  const ward = locality;
  switch (profile) {
    case 'resident':
      return [
        [`Trưởng ${area}`, area],
        [`Trưởng Ban công tác Mặt trận ${area}`, `Ủy ban Mặt trận Tổ quốc Việt Nam ${ward}`],
        [`Chi hội trưởng Chi hội Phụ nữ ${area}`, `Hội Liên hiệp Phụ nữ ${ward}`],
        [`Chi hội trưởng Chi hội Cựu chiến binh ${area}`, `Hội Cựu chiến binh ${ward}`],
        [`Công an khu vực phụ trách ${area}`, `Công an ${ward}`],
      ];
    case 'rural':
      return [
        [`Trưởng ${area}`, area],
        [`Trưởng Ban công tác Mặt trận ${area}`, `Ủy ban Mặt trận Tổ quốc Việt Nam ${ward}`],
        [`Chi hội trưởng Chi hội Nông dân ${area}`, `Hội Nông dân ${ward}`],
        [`Ấp đội trưởng ${area}`, `Ban Chỉ huy Quân sự ${ward}`],
        [`Công an viên phụ trách ${area}`, `Công an ${ward}`],
      ];
    case 'school':
      return [
        ['Chủ tịch Công đoàn trường', area],
        ['Tổng phụ trách Đội', area],
      ];
    case 'business':
      return [
        ['Chủ tịch Công đoàn công ty', area],
        ['Giám đốc công ty', area],
      ];
    default:
      return [
        ['Chủ tịch Công đoàn cơ sở', area],
        ['Bí thư Chi đoàn', area],
      ];
  }
}

export const SUPERVISOR_TITLE = 'Đảng ủy viên, phụ trách chi bộ';

const ABSENCE_COMMON: readonly (readonly [string, number])[] = [
  ['Ốm', 30],
  ['Việc gia đình', 22],
  ['Đi khám bệnh', 8],
  ['Chăm người nhà nằm viện', 6],
];
const ABSENCE_BY_PROFILE: Readonly<Record<CellProfile, readonly (readonly [string, number])[]>> = {
  resident: [
    ['Về quê có việc riêng', 8],
    ['Đi làm ăn xa', 6],
    ['Đi làm ca đêm', 5],
  ],
  rural: [
    ['Bận thu hoạch dừa', 6],
    ['Đi làm ăn xa', 8],
    ['Về quê có việc riêng', 5],
  ],
  agency: [
    ['Đi công tác', 22],
    ['Đi tập huấn', 10],
    ['Nghỉ phép', 6],
  ],
  school: [
    ['Đi công tác', 12],
    ['Đi tập huấn chuyên môn', 12],
    ['Coi thi', 6],
  ],
  health: [
    ['Trực cấp cứu', 16],
    ['Đi tập huấn', 8],
    ['Đi công tác', 8],
  ],
  police: [
    ['Làm nhiệm vụ', 22],
    ['Đi công tác', 10],
    ['Đi tập huấn', 6],
  ],
  military: [
    ['Trực sẵn sàng chiến đấu', 20],
    ['Đi huấn luyện', 10],
  ],
  business: [
    ['Đi công tác', 20],
    ['Làm ca', 10],
  ],
};

export function absenceReasons(profile: CellProfile): readonly (readonly [string, number])[] {
  return [...ABSENCE_COMMON, ...ABSENCE_BY_PROFILE[profile]];
}

// ---------------------------------------------------------------------------------------------
// What the meeting is about

/** Current concerns of a cell, as noun phrases ("việc …", "tình hình …"). */
export const ISSUES: Readonly<Record<CellProfile, readonly string[]>> = {
  resident: [
    'vệ sinh môi trường, thu gom rác thải đúng giờ',
    'an ninh trật tự ở các hẻm vào ban đêm',
    'tình trạng lấn chiếm vỉa hè, lòng đường',
    'phòng chống sốt xuất huyết',
    'xây dựng tổ dân phố văn minh',
    'vận động đóng góp Quỹ Vì người nghèo',
    'chăm lo gia đình chính sách, người cao tuổi neo đơn',
    'cài đặt, sử dụng ứng dụng định danh điện tử cho người dân',
    'phòng chống ma túy trong thanh thiếu niên',
  ],
  rural: [
    'chuyển đổi cây trồng trên đất trồng dừa kém hiệu quả',
    'phòng chống hạn mặn mùa khô',
    'sửa chữa, nâng cấp đường giao thông nông thôn',
    'giữ vững các tiêu chí nông thôn mới',
    'hỗ trợ hộ nghèo, hộ cận nghèo vay vốn ưu đãi',
    'phòng chống dịch bệnh trên đàn gia súc, gia cầm',
    'an ninh trật tự, phòng chống trộm cắp tài sản',
    'vệ sinh môi trường, thu gom vỏ bao bì thuốc bảo vệ thực vật',
  ],
  agency: [
    'giải quyết thủ tục hành chính trên môi trường điện tử',
    'thực hiện quy chế dân chủ ở cơ sở',
    'chấn chỉnh lề lối, tác phong làm việc',
    'thực hành tiết kiệm, chống lãng phí trong chi thường xuyên',
    'xử lý hồ sơ tồn đọng, trễ hạn',
    'tiếp công dân và giải quyết đơn thư',
    'chuyển đổi số trong xử lý văn bản',
  ],
  school: [
    'kết quả kiểm tra, đánh giá học sinh',
    'phụ đạo học sinh yếu, bồi dưỡng học sinh giỏi',
    'phòng chống đuối nước cho học sinh',
    'đổi mới phương pháp dạy học theo chương trình mới',
    'sinh hoạt chuyên môn theo nghiên cứu bài học',
    'xây dựng trường học xanh, sạch, đẹp, an toàn',
    'phối hợp với cha mẹ học sinh',
  ],
  health: [
    'tiêm chủng mở rộng cho trẻ em',
    'phòng chống sốt xuất huyết',
    'khám sức khỏe định kỳ cho người cao tuổi',
    'thái độ phục vụ người bệnh',
    'lập hồ sơ sức khỏe điện tử',
    'quản lý bệnh không lây nhiễm tại tuyến cơ sở',
  ],
  police: [
    'tuần tra kiểm soát vào ban đêm',
    'cấp căn cước và định danh điện tử',
    'phòng chống tội phạm ma túy',
    'trật tự an toàn giao thông',
    'phòng cháy chữa cháy ở khu dân cư',
    'tiếp nhận, giải quyết tin báo tố giác tội phạm',
  ],
  military: [
    'huấn luyện lực lượng dân quân',
    'công tác tuyển chọn, gọi công dân nhập ngũ',
    'trực sẵn sàng chiến đấu',
    'phòng chống thiên tai, tìm kiếm cứu nạn',
    'đăng ký, quản lý quân nhân dự bị',
  ],
  business: [
    'kế hoạch sản xuất, kinh doanh của công ty',
    'an toàn, vệ sinh lao động trong phân xưởng',
    'đời sống và việc làm của công nhân',
    'thu mua nguyên liệu dừa ổn định',
    'thực hiện chế độ bảo hiểm cho người lao động',
  ],
};

/** Tasks a cell sets for the coming month, by profile. */
export const TASKS: Readonly<Record<CellProfile, readonly string[]>> = {
  resident: [
    'Ra quân tổng vệ sinh đường phố, khơi thông cống rãnh',
    'Vận động các hộ đăng ký thu gom rác thải sinh hoạt',
    'Phối hợp tổ tự quản tuần tra an ninh trật tự ban đêm',
    'Thăm hỏi đảng viên cao tuổi, ốm đau',
    'Vận động đóng góp Quỹ Vì người nghèo',
    'Tuyên truyền phòng chống sốt xuất huyết, diệt lăng quăng',
    'Hướng dẫn người dân cài đặt ứng dụng định danh điện tử',
    'Rà soát, đề xuất hỗ trợ hộ có hoàn cảnh khó khăn',
    'Nhắc nhở các hộ kinh doanh không lấn chiếm vỉa hè',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Nắm tình hình tư tưởng quần chúng, báo cáo chi bộ',
    'Vận động thanh niên tham gia sinh hoạt chi đoàn',
  ],
  rural: [
    'Vận động các hộ chuyển đổi cây trồng phù hợp trên đất dừa',
    'Nạo vét kênh nội đồng, trữ nước ngọt mùa khô',
    'Vận động nhân dân hiến đất làm đường giao thông nông thôn',
    'Rà soát hộ nghèo, hộ cận nghèo trong ấp',
    'Tiêm phòng cho đàn gia súc, gia cầm',
    'Thu gom vỏ bao bì thuốc bảo vệ thực vật',
    'Phối hợp tuần tra phòng chống trộm cắp tài sản',
    'Thăm hỏi gia đình chính sách, đảng viên cao tuổi',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Hướng dẫn nông dân đăng ký vay vốn ưu đãi',
    'Nắm tình hình tư tưởng quần chúng, báo cáo chi bộ',
  ],
  agency: [
    'Giải quyết dứt điểm hồ sơ hành chính trễ hạn',
    'Tăng tỷ lệ hồ sơ nộp trực tuyến toàn trình',
    'Rà soát quy chế chi tiêu nội bộ',
    'Cập nhật dữ liệu đảng viên trên phần mềm quản lý',
    'Tiếp công dân định kỳ theo lịch',
    'Hoàn thành báo cáo sơ kết công tác tháng gửi cấp trên',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Tổ chức học tập, quán triệt văn bản mới của cấp trên',
    'Chấn chỉnh giờ giấc làm việc, văn hóa công sở',
    'Thực hiện nghiêm quy định số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
  ],
  school: [
    'Tổ chức phụ đạo học sinh yếu các khối lớp',
    'Bồi dưỡng đội tuyển học sinh giỏi',
    'Dự giờ, sinh hoạt chuyên môn theo nghiên cứu bài học',
    'Tuyên truyền phòng chống đuối nước cho học sinh',
    'Phối hợp cha mẹ học sinh vận động học sinh chuyên cần',
    'Hoàn thành hồ sơ, sổ điểm điện tử đúng hạn',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Vệ sinh trường lớp, chăm sóc bồn hoa cây cảnh',
    'Nắm tình hình tư tưởng giáo viên, nhân viên',
  ],
  health: [
    'Tổ chức tiêm chủng mở rộng đúng lịch',
    'Phun hóa chất, diệt lăng quăng tại các điểm nguy cơ',
    'Khám sức khỏe cho người cao tuổi trên địa bàn',
    'Cập nhật hồ sơ sức khỏe điện tử của người dân',
    'Kiểm tra thái độ, tác phong phục vụ người bệnh',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Truyền thông phòng chống bệnh tay chân miệng',
    'Quản lý, điều trị bệnh nhân tăng huyết áp, đái tháo đường',
  ],
  police: [
    'Tăng cường tuần tra kiểm soát ban đêm',
    'Đẩy nhanh tiến độ cấp căn cước, kích hoạt định danh điện tử',
    'Rà soát đối tượng nghiện ma túy trên địa bàn',
    'Kiểm tra công tác phòng cháy chữa cháy tại cơ sở kinh doanh',
    'Giải quyết tin báo, tố giác tội phạm đúng thời hạn',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Tuyên truyền trật tự an toàn giao thông trước cổng trường',
  ],
  military: [
    'Huấn luyện lực lượng dân quân theo kế hoạch',
    'Rà soát, sơ tuyển công dân trong độ tuổi nhập ngũ',
    'Duy trì nghiêm chế độ trực sẵn sàng chiến đấu',
    'Kiểm tra phương tiện phòng chống thiên tai',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Đăng ký, quản lý quân nhân dự bị',
  ],
  business: [
    'Hoàn thành kế hoạch sản xuất tháng',
    'Kiểm tra an toàn, vệ sinh lao động trong phân xưởng',
    'Nắm tình hình đời sống, việc làm của công nhân',
    'Ký hợp đồng thu mua nguyên liệu dừa với nông dân',
    'Thu đảng phí đầy đủ, đúng hạn',
    'Phối hợp công đoàn tổ chức thăm hỏi công nhân ốm đau',
  ],
};

/**
 * Seasonal tasks set at the meeting of a calendar month (1–12), for the weeks until the next
 * meeting (the series day is between the 5th and the 15th): the holidays and seasons ahead.
 */
export function seasonalTasks(month: number, profile: CellProfile): string[] {
  const community = profile === 'resident' || profile === 'rural';
  switch (month) {
    case 1:
      return [
        'Thăm, tặng quà gia đình chính sách, hộ nghèo dịp Tết Nguyên đán',
        'Bảo đảm an ninh trật tự, phòng chống cháy nổ dịp Tết',
        'Tuyên truyền kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam (3/2)',
      ];
    case 2:
      return community
        ? ['Hưởng ứng Tết trồng cây', 'Phòng chống hạn mặn, hướng dẫn người dân trữ nước ngọt']
        : ['Hưởng ứng Tết trồng cây', 'Hưởng ứng các hoạt động Tháng Thanh niên'];
    case 3:
      return community
        ? ['Phòng chống hạn mặn, hướng dẫn người dân trữ nước ngọt']
        : ['Hưởng ứng các hoạt động Tháng Thanh niên'];
    case 4:
      return ['Tuyên truyền kỷ niệm ngày Giải phóng miền Nam, thống nhất đất nước (30/4)'];
    case 5:
      return ['Tuyên truyền kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)'];
    case 6:
      return community
        ? ['Tổ chức sinh hoạt hè cho thiếu nhi', 'Phòng chống sốt xuất huyết đầu mùa mưa']
        : ['Tổ chức nghỉ mát, sinh hoạt hè cho con em cán bộ'];
    case 7:
      return ['Thăm hỏi gia đình thương binh, liệt sĩ nhân ngày 27/7'];
    case 8:
      return profile === 'school'
        ? ['Chuẩn bị cơ sở vật chất cho năm học mới']
        : ['Tuyên truyền kỷ niệm Cách mạng tháng Tám và Quốc khánh 2/9'];
    case 9:
      return profile === 'school'
        ? ['Ổn định nền nếp dạy và học đầu năm học']
        : ['Vận động hỗ trợ học sinh có hoàn cảnh khó khăn trong năm học mới'];
    case 10:
      return ['Chủ động phòng chống triều cường, mưa bão'];
    case 11:
      return profile === 'school'
        ? ['Tổ chức các hoạt động chào mừng Ngày Nhà giáo Việt Nam (20/11)']
        : community
          ? ['Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư (18/11)']
          : ['Chuẩn bị tổng kết công tác năm'];
    default:
      return [
        'Chuẩn bị kiểm điểm, đánh giá, xếp loại chất lượng đảng viên cuối năm',
        'Tuyên truyền kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam (22/12)',
      ];
  }
}

export const PARTIAL_NOTES: readonly string[] = [
  'Mới thực hiện được khoảng hai phần ba, chuyển sang tháng sau tiếp tục thực hiện',
  'Còn một số hộ chưa thực hiện, tiếp tục vận động',
  'Đang triển khai, chưa hoàn thành đúng thời hạn',
  'Thực hiện chưa đều, cần đôn đốc thường xuyên hơn',
];
export const NOT_ACHIEVED_NOTES: readonly string[] = [
  'Chưa thực hiện do thời tiết mưa nhiều',
  'Chưa triển khai do chưa bố trí được kinh phí',
  'Người được phân công đi công tác dài ngày, giao lại cho tháng sau',
  'Chưa thực hiện, chi bộ nhắc nhở, rút kinh nghiệm',
];
export const ACHIEVED_NOTES: readonly string[] = [
  'Hoàn thành đúng thời hạn',
  'Hoàn thành, được nhân dân đồng tình',
  'Hoàn thành vượt kế hoạch',
];

// ---------------------------------------------------------------------------------------------
// Speeches

export interface SpeechContext {
  profile: CellProfile;
  month: number;
  year: number;
  nextMonth: number;
  previousMonth: number;
  issue: string;
  otherIssue: string;
  locality: string;
  topic?: string;
  task?: string;
}

type Template = (c: SpeechContext) => string;

export const SPEECHES: Readonly<Record<string, readonly Template[]>> = {
  news: [
    (c) =>
      `Thông tin tình hình kinh tế – xã hội của tỉnh và của ${c.locality} tháng ${c.month}; đề nghị đảng viên nắm chắc để tuyên truyền cho quần chúng ở ${unitWord(c.profile)}.`,
    (c) =>
      `Cập nhật các chủ trương, chính sách mới có hiệu lực trong tháng, nhất là những nội dung liên quan đến ${c.issue}.`,
  ],
  disseminate: [
    (c) =>
      `Quán triệt văn bản chỉ đạo mới của Đảng ủy ${c.locality}; đề nghị chi bộ cụ thể hóa vào nhiệm vụ tháng ${c.nextMonth}.`,
  ],
  ideology: [
    (c) =>
      `Tư tưởng đảng viên và quần chúng ở ${unitWord(c.profile)} ổn định, phấn khởi; một số ý kiến còn băn khoăn về ${c.issue}, đề nghị chi bộ quan tâm giải thích.`,
    () =>
      'Phần lớn đảng viên chấp hành tốt chủ trương của Đảng; còn một vài đồng chí tham gia hoạt động chưa đều, cần nhắc nhở.',
    (c) =>
      `Quần chúng đồng tình với chủ trương về ${c.otherIssue}; đề nghị đảng viên gương mẫu thực hiện trước.`,
  ],
  discussion: [
    (c) => `Thống nhất với dự thảo nghị quyết; đề nghị bổ sung nội dung về ${c.issue}.`,
    (c) => `Đề nghị chi bộ phân công cụ thể hơn trong việc ${c.otherIssue}, có kiểm tra, đôn đốc hằng tuần.`,
    (c) =>
      `Tự phê bình: tháng qua bản thân có lúc chưa tham gia đầy đủ hoạt động của ${unitWord(c.profile)}; sẽ khắc phục trong tháng ${c.nextMonth}.`,
    (c) =>
      `Phản ánh ý kiến của quần chúng về ${c.issue}; đề nghị chi bộ kiến nghị cấp trên xem xét, giải quyết.`,
    () =>
      'Đề nghị biểu dương các đồng chí đã tích cực, gương mẫu trong tháng qua; góp ý một số đồng chí cần báo cáo kết quả kịp thời hơn.',
    (c) =>
      `Nhiệm vụ tháng ${c.previousMonth} cơ bản hoàn thành; tuy nhiên việc ${c.otherIssue} còn chậm, cần tìm nguyên nhân và giải pháp.`,
    () => 'Thống nhất các nhiệm vụ tháng tới; đề nghị ghi rõ người phụ trách và thời hạn hoàn thành.',
  ],
  next_tasks: [(c) => `Đề nghị đưa nội dung ${c.otherIssue} vào nghị quyết tháng ${c.month}.`],
  topic_presentation: [
    (c) =>
      `Trình bày chuyên đề “${c.topic}”: nội dung cơ bản, yêu cầu đối với đảng viên và liên hệ thực tế ${unitWord(c.profile)}.`,
  ],
  topic_discussion: [
    (c) =>
      `Liên hệ bản thân với chuyên đề “${c.topic}”: cần gương mẫu hơn trong lời nói và việc làm; đề nghị mỗi đảng viên đăng ký một việc làm cụ thể.`,
    () => 'Chuyên đề thiết thực; đề nghị chi bộ đưa nội dung vào tiêu chí đánh giá đảng viên cuối năm.',
    (c) =>
      `Chuyên đề gắn với thực tế ${unitWord(c.profile)}, nhất là việc ${c.issue}; đề nghị có kế hoạch thực hiện cụ thể.`,
  ],
};

/** A member who takes on one of the new tasks speaks to it. */
export const NEXT_TASK_SPEECH: Template = (c) =>
  `Đề xuất tập trung vào ${c.issue} trong thời gian tới; bản thân nhận phụ trách nội dung “${c.task}”, sẽ báo cáo kết quả tại buổi sinh hoạt tháng ${c.nextMonth}.`;

export const SUPERVISOR_SPEECHES: readonly Template[] = [
  (c) =>
    `Ghi nhận kết quả chi bộ đạt được trong tháng; đề nghị chi bộ tiếp tục nâng cao chất lượng sinh hoạt, quan tâm ${c.issue}.`,
  () =>
    'Đánh giá buổi sinh hoạt đúng quy trình, nhiều ý kiến thẳng thắn; đề nghị chi bộ ban hành nghị quyết và báo cáo Đảng ủy đúng thời hạn.',
];
