/** Request shapes of the review campaign, the self-review and the cell's session (zod, Vietnamese). */
import { z } from 'zod';
import { GRADE_LEVELS } from '../../rules/year-types.js';
import { dbId, INT4_MAX, idText, intText, isoDate } from '../../server/input-schemas.js';

export const MAX_CAMPAIGN_LIMIT = 100;
export const MAX_EVIDENCE_LIMIT = 100;
const MAX_SECTION = 20_000;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} phải là chữ` })
    .trim()
    .max(max, `${what} dài nhất ${max} ký tự.`);

const level = z.enum(GRADE_LEVELS, { error: 'Mức xếp loại không hợp lệ' });
const yearText = intText(2000, 2100, 'Năm');

export const yearParams = z.object({ id: idText, year: yearText });
export const voteParams = z.object({ id: idText, year: yearText, memberId: idText });

export const campaignBody = z
  .object({
    year: z
      .number({ error: 'Năm phải là một số' })
      .int('Năm phải là số nguyên')
      .min(2000, 'Năm từ 2000 đến 2100')
      .max(2100, 'Năm từ 2000 đến 2100'),
    title: text('Tên đợt', 300).nullish(),
    selfReviewDue: isoDate,
    cellSessionDue: isoDate,
    decisionDue: isoDate,
  })
  .strict()
  .refine((b) => b.selfReviewDue <= b.cellSessionDue, {
    message: 'Hạn nộp bản kiểm điểm phải trước hoặc trùng hạn chi bộ họp kiểm điểm.',
    path: ['cellSessionDue'],
  })
  .refine((b) => b.cellSessionDue <= b.decisionDue, {
    message: 'Hạn chi bộ họp kiểm điểm phải trước hoặc trùng hạn cấp ủy quyết định xếp loại.',
    path: ['decisionDue'],
  });

export const pageQuery = (max: number) =>
  z.object({
    limit: intText(1, max, 'limit').default(20),
    offset: intText(0, INT4_MAX, 'offset').default(0),
  });

export const selfReviewBody = z
  .object({
    sections: z
      .record(z.string().max(40, 'Mã mục dài nhất 40 ký tự'), text('Nội dung', MAX_SECTION))
      .refine((r) => Object.keys(r).length <= 20, 'Nhiều nhất 20 mục.'),
    proposedLevel: level.nullable(),
    submit: z.boolean({ error: 'submit là true hoặc false' }).default(false),
    /** The revision the page started from (0 or absent for a first save). */
    revision: z.number().int().min(0).max(INT4_MAX).optional(),
  })
  .strict();

export const returnBody = z.object({ note: text('Lý do trả lại', 2000).nullish() }).strict();

const count = z
  .number({ error: 'Số phiếu phải là một số' })
  .int('Số phiếu là số nguyên')
  .min(0, 'Số phiếu không âm')
  .max(100_000, 'Số phiếu quá lớn');

export const voteBody = z
  .object({
    meetingId: dbId.nullish(),
    comments: text('Ý kiến góp ý', 20_000).nullish(),
    votes: z.object({ xuat_sac: count, tot: count, hoan_thanh: count, khong_hoan_thanh: count }).strict(),
    proposedLevel: level,
  })
  .strict();

export const selfAssessmentBody = z
  .object({
    scores: z
      .record(
        z.string().max(40, 'Mã tiêu chí dài nhất 40 ký tự'),
        z.number({ error: 'Điểm phải là một số' }).min(0, 'Điểm không âm').max(100, 'Điểm tối đa 100'),
      )
      .refine((r) => Object.keys(r).length <= 30, 'Nhiều nhất 30 tiêu chí.'),
    proposedLevel: level,
    comments: text('Nhận xét', 20_000).nullish(),
    meetingId: dbId.nullish(),
  })
  .strict();

export const disciplineBody = z
  .object({
    form: z.enum(['khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru'], {
      error: 'Hình thức kỷ luật không hợp lệ',
    }),
    decidedOn: isoDate,
    decisionNo: text('Số quyết định', 60).nullish(),
    reason: text('Lý do', 2000).min(1, 'Cần ghi lý do kỷ luật.'),
  })
  .strict();

export const commendationBody = z
  .object({
    title: text('Hình thức khen thưởng', 300).min(1, 'Cần ghi hình thức khen thưởng.'),
    decidedOn: isoDate,
    decisionNo: text('Số quyết định', 60).nullish(),
    issuer: text('Cấp khen thưởng', 200).nullish(),
  })
  .strict();
