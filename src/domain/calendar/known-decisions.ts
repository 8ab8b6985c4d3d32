/**
 * The yearly holiday decisions already known when the table was created, as seeded by migration
 * src/db/migrations/0005_holiday_decisions.sql (an integration test checks that the two agree).
 *
 * They were entered from press reports of the official notices, not from the notices themselves:
 * an administrator must check each against the original document (the note says so, and the
 * "Lịch nghỉ lễ, Tết" page shows it). See docs/decisions/014-holiday-decisions.md.
 */
import type { HolidayDecision } from './decisions.js';

export const UNVERIFIED_NOTE =
  'Nhập theo tin báo chí về văn bản chính thức, quản trị viên cần đối chiếu văn bản gốc.';

export const KNOWN_DECISIONS: readonly HolidayDecision[] = [
  {
    // Tết Giáp Thìn: công chức nghỉ Thứ Năm 08/02 – Thứ Tư 14/02/2024 (5 ngày Tết, 2 ngày nghỉ bù). The
    // statutory layout (30 Chạp … mùng 4, nghỉ bù 14 and 15/02) moves one day earlier: 08/02 off, 15/02
    // worked. 30/4–01/5: Monday 29/4 swapped with Saturday 04/5 (off 27/4–01/5). Quốc khánh: 02/9 and
    // 03/9 (off 31/8–03/9).
    year: 2024,
    reference: 'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 và văn bản hoán đổi ngày làm việc dịp 30/4/2024',
    extraDaysOff: ['2024-02-08', '2024-04-29'],
    extraWorkingDays: ['2024-02-15', '2024-05-04'],
    nationalDayAdjacent: 'after',
    note: `${UNVERIFIED_NOTE} Tết: 08/02–14/02/2024; 30/4–01/5: nghỉ 27/4–01/5, làm bù thứ Bảy 04/5; Quốc khánh: 31/8–03/9.`,
  },
  {
    // Tết Ất Tỵ: công chức nghỉ Thứ Bảy 25/01 – Chủ nhật 02/02/2025, "05 ngày nghỉ Tết và 04 ngày nghỉ
    // hằng tuần". tháng Chạp has 29 days, so the statutory Tết is 28/01 (29 Chạp) … 01/02 (mùng 4, a
    // Saturday) with its nghỉ bù on Monday 03/02; the notice lays the five days on 27–31/01 instead:
    // 27/01 off, 03/02 a working day. 30/4–01/5: Friday 02/5 swapped with Saturday 26/4 (off 30/4–04/5).
    // Quốc khánh: 01/9 and 02/9 (off 30/8–02/9).
    year: 2025,
    reference: 'Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024',
    extraDaysOff: ['2025-01-27', '2025-05-02'],
    extraWorkingDays: ['2025-02-03', '2025-04-26'],
    nationalDayAdjacent: 'before',
    note: `${UNVERIFIED_NOTE} Tết: 25/01–02/02/2025; 30/4–01/5: nghỉ 30/4–04/5, làm bù thứ Bảy 26/4; Quốc khánh: 30/8–02/9.`,
  },
  {
    // Tết Bính Ngọ: the five statutory days 16–20/02/2026 (29 Chạp … mùng 4) fall Monday to Friday, so the
    // weekends around them give 14–22/02 without any extra day.
    year: 2026,
    reference: 'Thông báo 9441 của Bộ Nội vụ ngày 16/10/2025',
    extraDaysOff: [],
    extraWorkingDays: [],
    nationalDayAdjacent: 'before',
    note: `${UNVERIFIED_NOTE} Tết: 14/02–22/02/2026 (đúng lịch tính theo luật). Chưa ghi hoán đổi nào cho Tết Dương lịch, 30/4–01/5 và Quốc khánh 2026: kiểm tra văn bản và bổ sung nếu có.`,
  },
];
