/**
 * A realistic meeting record for tests, previews and the benchmark: the November regular meeting
 * of a residential cell ("ngày 10 hàng tháng"), with two absentees (one excused), three guests,
 * six agenda items, five items of last month's resolution, five new tasks and one vote.
 */
import type { MeetingRecord } from './meeting-record.js';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Xuân', 'Thu', 'Kim'];
// biome-ignore format: a list of names
const GIVEN = [
  'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hằng', 'Hiếu', 'Hoa', 'Hương', 'Khánh', 'Lan', 'Long',
  'Mai', 'Nam', 'Nga', 'Phúc', 'Phương', 'Quang', 'Sơn', 'Thảo', 'Thắng', 'Tuấn', 'Việt', 'Yến', 'Đạt',
  'Ánh', 'Lộc', 'Nghĩa', 'Trung', 'Thủy', 'Hạnh', 'Tùng', 'Ngân', 'Châu', 'Kiên', 'Liên',
];

const CHAIR = 'Nguyễn Văn An';
const SECRETARY = 'Trần Thị Bích Ngọc';
const DEPUTY = 'Lê Quang Vinh';
const EXCUSED = 'Lê Văn Hùng';
const UNEXCUSED = 'Phạm Minh Tâm';

/** Plausible, distinct member names besides the named people above. */
function memberNames(count: number): string[] {
  const names: string[] = [];
  const seen = new Set([CHAIR, SECRETARY, DEPUTY, EXCUSED, UNEXCUSED]);
  for (let i = 0; names.length < count; i++) {
    const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 3) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;
    const unique = seen.has(name) ? `${name} ${names.length + 1}` : name;
    seen.add(unique);
    names.push(unique);
  }
  return names;
}

const OPINIONS = [
  'Đề nghị chi bộ quan tâm hơn đến việc giữ gìn vệ sinh môi trường ở các tuyến hẻm, nhất là sau mùa mưa.',
  'Thống nhất với dự thảo nghị quyết; đề nghị bổ sung nhiệm vụ vận động các hộ lắp camera an ninh.',
  'Phản ánh một số hộ kinh doanh lấn chiếm vỉa hè trên đường Lê Lợi, đề nghị phối hợp với công an khu vực nhắc nhở.',
  'Đề nghị ban điều hành khu phố công khai kết quả thu, chi quỹ vì người nghèo trên bảng tin.',
  'Nêu tình hình một số thanh niên tụ tập khuya; đề nghị Đoàn thanh niên tổ chức hoạt động thu hút các em.',
  'Đồng tình với báo cáo; đề nghị đánh giá cụ thể từng đảng viên được phân công phụ trách tổ dân phố.',
  'Kiến nghị cấp trên sớm sửa chữa hệ thống đèn chiếu sáng tại hẻm 12.',
  'Đề nghị đảng viên gương mẫu sử dụng Sổ tay đảng viên điện tử và hướng dẫn gia đình cài đặt dịch vụ công trực tuyến.',
];

/**
 * A November regular meeting of "Chi bộ Khu phố 1" with `members` members summoned (≥ 8). Two of them
 * are absent (one excused, one not); the rest are present.
 */
export function sampleMeetingRecord(members = 30): MeetingRecord {
  const count = Math.max(8, Math.floor(members));
  const others = memberNames(count - 5);
  const present = count - 2;
  const speakers = others.slice(0, Math.max(3, Math.ceil(count / 4)));
  const base = count - 1; // one probationary member does not vote
  const votesFor = present - 2;

  return {
    superiorName: 'Đảng bộ phường An Hội',
    cellName: 'Chi bộ Khu phố 1',
    placeName: 'An Hội',
    number: '05-BB/CB',
    kindLabel: 'sinh hoạt thường kỳ tháng 11/2026',
    scheduledAt: '2026-11-10T19:30:00+07:00',
    startedAt: '2026-11-10T19:30:00+07:00',
    endedAt: '2026-11-10T21:15:00+07:00',
    place: 'Hội trường khu phố 1, số 12 đường Lê Lợi, phường An Hội',
    chair: { name: CHAIR, title: 'Bí thư chi bộ' },
    secretary: { name: SECRETARY, title: 'Chi ủy viên' },
    attendance: {
      // Own members: the summoned, one exempted member (who came) and one away elsewhere.
      members: count + 2,
      exempted: 1,
      away: 1,
      summoned: count,
      present,
      absentExcused: 1,
      absentUnexcused: 1,
      absent: [
        { name: EXCUSED, excused: true, reason: 'đi công tác tại Hà Nội' },
        { name: UNEXCUSED, excused: false },
      ],
      exemptedPresent: 1,
      temporaryPresent: 1,
      percent: (present * 100) / count,
    },
    guests: [
      { name: 'Hoàng Văn Thái', title: 'Đảng ủy viên, phụ trách chi bộ' },
      { name: 'Võ Thị Mỹ Lệ', title: 'Trưởng Ban công tác Mặt trận', organisation: 'khu phố 1' },
      { name: 'Đặng Quốc Bảo', title: 'Cảnh sát khu vực', organisation: 'Công an phường An Hội' },
    ],
    agenda: [
      {
        title: 'Thông tin thời sự, chính sách mới; quán triệt văn bản của cấp trên',
        speeches: [
          {
            speaker: CHAIR,
            summary:
              'Thông tin tình hình kinh tế – xã hội tháng 10/2026 của phường; quán triệt Chỉ thị 50-CT/TW về ' +
              'nâng cao chất lượng sinh hoạt chi bộ và kế hoạch của Đảng ủy phường về chuyển đổi số',
          },
        ],
        conclusion:
          'Đề nghị đảng viên nghiên cứu kỹ văn bản trên Sổ tay đảng viên điện tử và tuyên truyền đến gia đình',
      },
      {
        title: 'Đánh giá kết quả thực hiện nghị quyết tháng 10/2026',
        stepKey: 'previous_results',
        speeches: [
          {
            speaker: DEPUTY,
            summary:
              'Báo cáo kết quả thực hiện 5 nội dung của nghị quyết tháng trước: 3 nội dung đạt, 1 nội dung đạt ' +
              'một phần, 1 nội dung không đạt do chưa bố trí được kinh phí',
          },
          { speaker: speakers[0]!, summary: OPINIONS[5]! },
        ],
        conclusion:
          'Thống nhất với báo cáo; nội dung chưa đạt được chuyển sang tháng 12 và giao chi ủy theo dõi',
      },
      {
        title: 'Tình hình tư tưởng của đảng viên; tự phê bình và phê bình',
        speeches: [
          {
            speaker: SECRETARY,
            summary:
              'Đảng viên an tâm, tin tưởng; một số đảng viên cao tuổi còn lúng túng khi sử dụng ứng dụng trên điện thoại',
          },
          {
            speaker: speakers[1]!,
            summary:
              'Tự nhận khuyết điểm chưa tham gia đầy đủ buổi ra quân làm vệ sinh ngày 15/10 và hứa khắc phục',
          },
        ],
        conclusion:
          'Ghi nhận tinh thần tự phê bình; giao đồng chí Bí thư chi đoàn hỗ trợ đảng viên cao tuổi sử dụng ứng dụng',
      },
      {
        title: 'Thảo luận nhiệm vụ trọng tâm tháng 12/2026',
        stepKey: 'next_tasks',
        speeches: speakers
          .slice(2)
          .map((speaker, i) => ({ speaker, summary: OPINIONS[i % OPINIONS.length]! })),
        conclusion:
          'Tiếp thu các ý kiến, bổ sung vào dự thảo nghị quyết nhiệm vụ lắp camera an ninh và công khai quỹ',
      },
      {
        title: 'Ý kiến của đồng chí Đảng ủy viên phụ trách chi bộ',
        speeches: [
          {
            speaker: 'Hoàng Văn Thái',
            summary:
              'Đánh giá cao sự chuẩn bị của chi ủy; đề nghị chi bộ chú trọng nội dung sinh hoạt chuyên đề quý IV ' +
              'và nêu cao vai trò nêu gương của đảng viên nơi cư trú',
          },
        ],
      },
      {
        title: 'Thông qua dự thảo nghị quyết, biểu quyết và tự đánh giá chất lượng sinh hoạt',
        speeches: [
          { speaker: DEPUTY, summary: 'Trình bày dự thảo nghị quyết đã được bổ sung theo ý kiến thảo luận' },
        ],
        conclusion:
          'Hội nghị biểu quyết thông qua nghị quyết; chi bộ tự đánh giá buổi sinh hoạt đạt loại Tốt',
      },
    ],
    previousItems: [
      {
        title: 'Vận động 100% hộ gia đình đăng ký tài khoản định danh điện tử mức 2',
        owners: [DEPUTY, 'Chi hội Phụ nữ'],
        deadline: '2026-10-31',
        result: 'achieved',
      },
      {
        title: 'Ra quân tổng vệ sinh môi trường các tuyến hẻm',
        owners: [SECRETARY, 'Chi đoàn thanh niên'],
        deadline: '2026-10-15',
        result: 'achieved',
      },
      {
        title: 'Thu đảng phí tháng 10 và quý IV/2026',
        owners: [CHAIR],
        deadline: '2026-10-10',
        result: 'achieved',
      },
      {
        title: 'Thăm hỏi, tặng quà hộ nghèo và gia đình chính sách',
        owners: ['Ban công tác Mặt trận', speakers[0]!],
        deadline: '2026-10-25',
        result: 'partial',
        note: 'còn 2 hộ chưa thăm',
      },
      {
        title: 'Sửa chữa đèn chiếu sáng hẻm 12',
        owners: ['Ban điều hành khu phố'],
        deadline: '2026-10-30',
        result: 'not_achieved',
        note: 'chưa bố trí được kinh phí',
      },
    ],
    tasks: [
      {
        title:
          'Tổ chức sinh hoạt chuyên đề quý IV về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
        owners: [CHAIR, DEPUTY],
        deadline: '2026-12-10',
      },
      {
        title: 'Vận động các hộ trên đường Lê Lợi lắp camera an ninh',
        owners: ['Đặng Quốc Bảo', speakers[1]!],
        deadline: '2026-12-20',
      },
      {
        title: 'Công khai thu, chi quỹ vì người nghèo trên bảng tin khu phố',
        owners: ['Ban điều hành khu phố'],
        deadline: '2026-12-05',
      },
      {
        title: 'Hướng dẫn đảng viên cao tuổi sử dụng Sổ tay đảng viên điện tử',
        owners: [SECRETARY, 'Chi đoàn thanh niên'],
        deadline: '2026-12-15',
      },
      {
        title: 'Hoàn thành sửa chữa đèn chiếu sáng hẻm 12',
        owners: ['Ban điều hành khu phố', DEPUTY],
        deadline: '2026-12-31',
      },
    ],
    votes: [
      {
        subject: 'thông qua Nghị quyết hội nghị chi bộ tháng 11/2026',
        base,
        for: votesFor,
        against: 0,
        abstain: 1,
        passed: votesFor * 2 > base,
        rule: 'Quá nửa số đảng viên chính thức được triệu tập (Điều lệ Đảng, Điều 9)',
      },
    ],
    text: {
      situation:
        'Trong tháng 10/2026, chi bộ đã lãnh đạo đảng viên và nhân dân khu phố thực hiện tốt các nhiệm vụ chính ' +
        'trị; tình hình an ninh trật tự ổn định; phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” được ' +
        'duy trì.\nBên cạnh đó, việc thăm hỏi hộ nghèo chưa hoàn thành đúng thời hạn; đèn chiếu sáng hẻm 12 ' +
        'chưa được sửa chữa.',
      directions:
        'Tiếp tục nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW; tập trung giữ vững an ninh trật ' +
        'tự dịp cuối năm, chăm lo đời sống hộ nghèo, gia đình chính sách.\nĐẩy mạnh chuyển đổi số trong khu ' +
        'phố; mỗi đảng viên phụ trách hướng dẫn ít nhất 5 hộ sử dụng dịch vụ công trực tuyến.',
      conclusion:
        'Hội nghị đã diễn ra nghiêm túc, dân chủ; các ý kiến phát biểu thẳng thắn, đúng trọng tâm. Đề nghị ' +
        'các đồng chí được phân công khẩn trương triển khai nhiệm vụ, báo cáo kết quả tại kỳ sinh hoạt tháng 12/2026.',
    },
    quality: { rating: 'Tốt', points: 92, maxPoints: 100 },
    recipients: ['Đảng ủy phường An Hội (để báo cáo)', 'Đảng viên trong chi bộ', 'Lưu chi bộ'],
    // Signed, then adopted as the chair closes the meeting (adoption ends it, HD 42).
    adoption: {
      adoptedAt: '2026-11-10T21:15:00+07:00',
      secretarySignedAt: '2026-11-10T21:11:00+07:00',
      chairSignedAt: '2026-11-10T21:12:00+07:00',
      version: 2,
      contentHash: '3f2a9c0d1e7b5a4c8d6e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e',
    },
  };
}
