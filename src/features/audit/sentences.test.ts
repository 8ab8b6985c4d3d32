import { expect, describe as group, it } from 'vitest';
import { sentence, WHO } from '../../../test/support/audit-sentences.js';
import type { SentenceRow } from './context.js';
import { emptyNames } from './names.js';
import { AUDIT_ACTIONS, describe } from './sentences.js';

// The exact sentence of every action code is in sentences-registry.test.ts (members, units,
// accounts, system) and sentences-meetings.test.ts (every other code, so nothing is left out).
group('audit sentences', () => {
  it('every entry has a short Vietnamese label', () => {
    for (const [code, spec] of Object.entries(AUDIT_ACTIONS)) {
      expect(spec.label, code).toMatch(/^\p{Lu}/u);
      expect(spec.label, code).not.toMatch(/[a-z]+\.[a-z]/);
    }
  });

  it('falls back to the snapshot in the row, then to a neutral phrase, when a name is gone', () => {
    const empty = emptyNames();
    expect(
      sentence(
        'member.update',
        {
          entityType: 'member',
          entityId: '9',
          before: { full_name: 'Đỗ Văn Cũ' },
          after: { full_name: 'Đỗ Văn Mới' },
        },
        empty,
      ),
    ).toBe(`${WHO} sửa thông tin đảng viên Đỗ Văn Mới: họ và tên`);
    expect(
      sentence('record.adopt', { entityType: 'meeting', entityId: '99', after: { version: 1 } }, empty),
    ).toBe(`${WHO} thông qua biên bản một buổi sinh hoạt đã xóa của Chi bộ Khu phố 1 (phiên bản 1)`);
    expect(sentence('meeting.cancel', { entityType: 'meeting', entityId: '99', after: {} }, empty)).toBe(
      `${WHO} hủy một buổi sinh hoạt đã xóa`,
    );
    expect(
      sentence('meeting.attendance', { after: { memberId: 77, status: 'present' }, entityId: '10' }),
    ).toBe(
      `${WHO} điểm danh một đảng viên đã xóa tại buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026": Có mặt`,
    );
  });

  it('reads an unknown code as a neutral Vietnamese sentence on the named object', () => {
    expect(sentence('meeting.something_new', { entityType: 'meeting', entityId: '10' })).toBe(
      `${WHO} thực hiện thao tác "meeting.something_new" trên buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026"`,
    );
    const row: SentenceRow = {
      action: 'alert.snooze',
      entityType: 'alert_x',
      entityId: '5',
      orgUnitName: 'Chi bộ Khu phố 1',
      actor: null,
      before: null,
      after: null,
    };
    expect(describe(row, emptyNames(), [])).toEqual({
      actionLabel: 'Thao tác khác',
      summary: 'Hệ thống thực hiện thao tác "alert.snooze" trên đối tượng "alert_x"',
    });
  });

  it('says which hat a signature was given in, and where a meeting moved', () => {
    expect(
      sentence('record.sign', { entityId: '10', after: { asChair: true, asSecretary: true, version: 2 } }),
    ).toBe(
      `${WHO} ký biên bản buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" với tư cách chủ trì và thư ký (phiên bản 2)`,
    );
    expect(
      sentence('meeting.move', {
        entityId: '10',
        before: { scheduledAt: '2026-11-10T19:30:00+07:00', place: 'Nhà văn hóa' },
        after: { scheduledAt: '2026-11-10T19:30:00+07:00', place: 'Hội trường UBND phường' },
      }),
    ).toBe(
      `${WHO} đổi địa điểm buổi sinh hoạt "Sinh hoạt thường kỳ tháng 11/2026" từ Nhà văn hóa sang Hội trường UBND phường`,
    );
    expect(
      sentence('member.temporary_out', {
        entityType: 'member',
        entityId: '1',
        after: { date: '2026-05-01', until: '2026-08-01', otherOrg: 'Chi bộ Trường Chính trị tỉnh' },
      }),
    ).toBe(
      `${WHO} ghi nhận đồng chí Lê Thị Ánh sinh hoạt tạm thời tại Chi bộ Trường Chính trị tỉnh từ ngày 01/05/2026 đến ngày 01/08/2026`,
    );
  });
});
