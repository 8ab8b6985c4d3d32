-- Each year's official holiday decision (Bộ luật Lao động 2019, Điều 112 khoản 3: the Prime Minister
-- fixes the actual days of Tết Âm lịch and Quốc khánh; the ministry's notice for civil servants often
-- swaps a working day). Expressed against the statutory computation of src/domain/calendar: the
-- days it adds, the days it makes working days, and the day adjacent to Quốc khánh. Every working-day
-- deadline reads this table (src/features/calendar/service.ts, loadWorkingCalendar).

-- Every date of the array lies in the year (CHECK constraints cannot hold a subquery).
CREATE FUNCTION holiday_dates_in_year(dates date[], y integer) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(bool_and(extract(year FROM d)::integer = y), true) FROM unnest(dates) AS d
  $$;

CREATE TABLE holiday_decisions (
  year                   integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
  -- The official notice, e.g. 'Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024'.
  reference              text NOT NULL CHECK (btrim(reference) <> ''),
  extra_days_off         date[] NOT NULL DEFAULT '{}',
  extra_working_days     date[] NOT NULL DEFAULT '{}',
  national_day_adjacent  text NOT NULL DEFAULT 'before' CHECK (national_day_adjacent IN ('before', 'after')),
  note                   text,
  created_by             integer REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_by             integer REFERENCES users(id),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT holiday_decisions_days_in_year CHECK (
    holiday_dates_in_year(extra_days_off, year) AND holiday_dates_in_year(extra_working_days, year)
  ),
  CONSTRAINT holiday_decisions_off_or_working CHECK (NOT (extra_days_off && extra_working_days))
);

-- The years already decided when this table was created, entered from press reports of the official
-- notices (not from the notices themselves): an administrator must check them (see the note column and
-- docs/decisions/014-holiday-decisions.md). Kept equal to src/domain/calendar/known-decisions.ts.
INSERT INTO holiday_decisions (year, reference, extra_days_off, extra_working_days, national_day_adjacent, note)
VALUES
  (2024,
   'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 và văn bản hoán đổi ngày làm việc dịp 30/4/2024',
   '{2024-02-08,2024-04-29}', '{2024-02-15,2024-05-04}', 'after',
   'Nhập theo tin báo chí về văn bản chính thức, quản trị viên cần đối chiếu văn bản gốc. Tết: 08/02–14/02/2024; 30/4–01/5: nghỉ 27/4–01/5, làm bù thứ Bảy 04/5; Quốc khánh: 31/8–03/9.'),
  (2025,
   'Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024',
   '{2025-01-27,2025-05-02}', '{2025-02-03,2025-04-26}', 'before',
   'Nhập theo tin báo chí về văn bản chính thức, quản trị viên cần đối chiếu văn bản gốc. Tết: 25/01–02/02/2025; 30/4–01/5: nghỉ 30/4–04/5, làm bù thứ Bảy 26/4; Quốc khánh: 30/8–02/9.'),
  (2026,
   'Thông báo 9441 của Bộ Nội vụ ngày 16/10/2025',
   '{}', '{}', 'before',
   'Nhập theo tin báo chí về văn bản chính thức, quản trị viên cần đối chiếu văn bản gốc. Tết: 14/02–22/02/2026 (đúng lịch tính theo luật). Chưa ghi hoán đổi nào cho Tết Dương lịch, 30/4–01/5 và Quốc khánh 2026: kiểm tra văn bản và bổ sung nếu có.')
ON CONFLICT (year) DO NOTHING;
