/** Request shapes of the holiday calendar (zod, Vietnamese messages), shared with the web app. */
import { z } from 'zod';
import { MAX_HOLIDAY_YEAR, MIN_HOLIDAY_YEAR } from '../../domain/calendar/holidays.js';

const yearMessage = `Năm phải từ ${MIN_HOLIDAY_YEAR} đến ${MAX_HOLIDAY_YEAR}.`;

export const holidayYear = z.coerce
  .number({ error: 'Năm phải là một số.' })
  .int(yearMessage)
  .min(MIN_HOLIDAY_YEAR, yearMessage)
  .max(MAX_HOLIDAY_YEAR, yearMessage);

export const holidayYearParams = z.object({ year: holidayYear });
export const holidayYearQuery = z.object({ year: holidayYear });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');
/** A year's decision never needs more than a handful of dates; the bound keeps a request small. */
const MAX_DATES = 60;
const dates = z.array(isoDate).max(MAX_DATES, `Nhiều nhất ${MAX_DATES} ngày.`).default([]);

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
