/** Request shapes of the holiday calendar (zod, Vietnamese messages), shared with the web app. */
import { z } from 'zod';
import { MAX_HOLIDAY_YEAR, MIN_HOLIDAY_YEAR } from '../../domain/calendar/holidays.js';
import { intText, isoDateShape } from '../../server/input-schemas.js';

/** Decimal digits only: `0x7EA` or `2.026e3` are not a year (src/server/input-schemas.ts). */
export const holidayYear = intText(MIN_HOLIDAY_YEAR, MAX_HOLIDAY_YEAR, 'Năm');

export const holidayYearParams = z.object({ year: holidayYear });
export const holidayYearQuery = z.object({ year: holidayYear });

/** A year's decision never needs more than a handful of dates; the bound keeps a request small. */
const MAX_DATES = 60;
// Each day is judged by the domain (decisions.ts), which names the day and the year in its message.
const dates = z.array(isoDateShape).max(MAX_DATES, `Nhiều nhất ${MAX_DATES} ngày.`).default([]);

export const holidayDecisionBody = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Cần ghi số, ngày của văn bản thông báo lịch nghỉ.')
    .max(300, 'Số, ngày văn bản dài nhất 300 ký tự.'),
  extraDaysOff: dates,
  extraWorkingDays: dates,
  nationalDayAdjacent: z
    .enum(['before', 'after'], { error: 'Ngày nghỉ liền kề Quốc khánh phải là 01/9 hoặc 03/9.' })
    .default('before'),
  note: z.string().trim().max(2000, 'Ghi chú dài nhất 2000 ký tự.').nullish(),
});

export type HolidayDecisionBody = z.infer<typeof holidayDecisionBody>;
