import { describe, expect, it } from 'vitest';
import { issuesByField } from './api.js';

describe('issuesByField', () => {
  it('groups the server’s problems by form field, array positions folded into the list field', () => {
    expect(
      issuesByField({
        issues: [
          { field: 'extraDaysOff', message: 'Ngày 31/12/2024 không thuộc năm 2025.' },
          { field: 'extraDaysOff.1', message: 'Ngày phải có dạng YYYY-MM-DD.' },
          { field: 'reference', message: 'Cần ghi số, ngày của văn bản thông báo lịch nghỉ.' },
          { message: 'không có trường' },
        ],
      }),
    ).toEqual({
      extraDaysOff: ['Ngày 31/12/2024 không thuộc năm 2025.', 'Ngày phải có dạng YYYY-MM-DD.'],
      reference: ['Cần ghi số, ngày của văn bản thông báo lịch nghỉ.'],
    });
    expect(issuesByField(undefined)).toEqual({});
  });
});
