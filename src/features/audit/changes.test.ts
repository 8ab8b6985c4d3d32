import { describe, expect, it } from 'vitest';
import { type FieldRights, labelledChanges } from './changes.js';
import { collectRefs, emptyNames } from './names.js';
import { excerpt, formatDateTimeVi, joinVi } from './values.js';

const FULL: FieldRights = { identity: true, contact: true };
const NO_IDENTITY: FieldRights = { identity: false, contact: true };

const names = emptyNames();
names.members.set(1, 'Lê Thị Ánh').set(2, 'Trần Văn Bình');
names.units.set(100, 'Chi bộ Khu phố 1').set(102, 'Đảng bộ phường An Hội');
names.meetings.set(11, 'Sinh hoạt thường kỳ tháng 12/2026');
names.rulePacks.set('hd42-2025', 'Hướng dẫn 42-HD/BTCTW (2025)');

const memberBefore = {
  id: 1,
  full_name: 'Lê Thị Ánh',
  sort_key: 'anh le thi',
  gender: 'nu',
  birth_date: '1980-05-02',
  national_id: '001180000111',
  card_number: '12345678',
  phone: '0901000001',
  unit_id: 100,
  unit_name: 'Chi bộ Khu phố 1',
  standing: 'active',
};

describe('labelled changes', () => {
  it('lists only what changed, with Vietnamese labels and values', () => {
    const rows = labelledChanges(
      {
        action: 'member.update',
        entityType: 'member',
        before: memberBefore,
        after: { ...memberBefore, sort_key: 'x', gender: 'nam', birth_date: '1980-05-20' },
      },
      names,
      FULL,
    );
    // In the order of the member form, whatever the order of the keys in the row.
    expect(rows).toEqual([
      { field: 'birth_date', label: 'Ngày sinh', before: '02/05/1980', after: '20/05/1980' },
      { field: 'gender', label: 'Giới tính', before: 'Nữ', after: 'Nam' },
    ]);
  });

  it('masks CCCD, card number and phone for a caller without the identity right', () => {
    const after = {
      ...memberBefore,
      national_id: '001180000222',
      card_number: '87654321',
      phone: '0901000002',
    };
    const src = { action: 'member.update', entityType: 'member', before: memberBefore, after };
    expect(labelledChanges(src, names, NO_IDENTITY)).toEqual([
      { field: 'national_id', label: 'Số CCCD', before: '(đã ẩn)', after: '(đã ẩn)' },
      { field: 'card_number', label: 'Số thẻ đảng viên', before: '(đã ẩn)', after: '(đã ẩn)' },
      { field: 'phone', label: 'Số điện thoại', before: '(đã ẩn)', after: '(đã ẩn)' },
    ]);
    expect(labelledChanges(src, names, FULL).map((r) => r.after)).toEqual([
      '001180000222',
      '87654321',
      '0901000002',
    ]);
    const created = labelledChanges(
      { action: 'member.create', entityType: 'member', before: null, after },
      names,
      NO_IDENTITY,
    );
    expect(JSON.stringify(created)).not.toMatch(/001180000222|87654321|0901000002/);
    expect(created.find((r) => r.field === 'unit_name')).toEqual({
      field: 'unit_name',
      label: 'Chi bộ',
      before: null,
      after: 'Chi bộ Khu phố 1',
    });
  });

  it('hides internal keys (ids, sort keys, paths) and names the objects ids point at', () => {
    const rows = labelledChanges(
      {
        action: 'unit.move',
        entityType: 'org_unit',
        before: { parentId: 100, path: '/1/100/5/' },
        after: { parentId: 102, path: '/1/102/5/' },
      },
      names,
      FULL,
    );
    expect(rows).toEqual([
      { field: 'parentId', label: 'Trực thuộc', before: 'Chi bộ Khu phố 1', after: 'Đảng bộ phường An Hội' },
    ]);
    const task = labelledChanges(
      {
        action: 'meeting.task_add',
        entityType: 'task',
        before: null,
        after: { title: 'Thu quỹ', ownerIds: [1, 2], deadline: '2026-11-30' },
      },
      names,
      FULL,
    );
    expect(task).toEqual([
      { field: 'title', label: 'Nội dung nhiệm vụ', before: null, after: 'Thu quỹ' },
      { field: 'ownerIds', label: 'Người thực hiện', before: null, after: 'Lê Thị Ánh, Trần Văn Bình' },
      { field: 'deadline', label: 'Hạn hoàn thành', before: null, after: '30/11/2026' },
    ]);
  });

  it('writes enum codes as labels: attendance, task results, roles, meeting kinds and statuses', () => {
    const att = labelledChanges(
      {
        action: 'meeting.attendance',
        entityType: 'meeting',
        before: { status: null, category: 'member' },
        after: { memberId: 1, status: 'absent_excused', reason: 'ốm' },
      },
      names,
      FULL,
    );
    expect(att).toEqual([
      { field: 'memberId', label: 'Đảng viên', before: '—', after: 'Lê Thị Ánh' },
      { field: 'status', label: 'Điểm danh', before: '—', after: 'Vắng có lý do' },
      { field: 'reason', label: 'Lý do vắng', before: '—', after: 'ốm' },
    ]);
    const review = labelledChanges(
      {
        action: 'task.review',
        entityType: 'task',
        before: { result: 'open' },
        after: { result: 'not_achieved', meetingId: 11 },
      },
      names,
      FULL,
    );
    expect(review.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Kết quả', 'Chưa đánh giá', 'Không đạt'],
      ['Đánh giá tại buổi sinh hoạt', '—', 'Sinh hoạt thường kỳ tháng 12/2026'],
    ]);
    const grant = labelledChanges(
      {
        action: 'user.grant',
        entityType: 'user',
        before: null,
        after: { role: 'cell_secretary', orgUnitId: 100 },
      },
      names,
      FULL,
    );
    expect(grant.map((r) => r.after)).toEqual(['Bí thư / Phó bí thư chi bộ', 'Chi bộ Khu phố 1']);
    const meeting = labelledChanges(
      {
        action: 'meeting.update',
        entityType: 'meeting',
        before: { kind: 'regular', status: 'planned', scheduledAt: '2026-11-10T19:30:00+07:00' },
        after: { kind: 'combined', status: 'planned', scheduledAt: '2026-11-10T12:30:00.000Z' },
      },
      names,
      FULL,
    );
    expect(meeting).toEqual([
      {
        field: 'kind',
        label: 'Loại buổi sinh hoạt',
        before: 'Sinh hoạt thường kỳ',
        after: 'Sinh hoạt thường kỳ kết hợp chuyên đề',
      },
      { field: 'scheduledAt', label: 'Thời gian', before: '19:30 10/11/2026', after: '19:30 10/11/2026' },
    ]);
    const unit = labelledChanges(
      {
        action: 'unit.create',
        entityType: 'org_unit',
        before: null,
        after: { kind: 'chi_bo', cell_type: 'truong_hoc', sort_order: 3 },
      },
      names,
      FULL,
    );
    expect(unit.map((r) => [r.label, r.after])).toEqual([
      ['Loại đơn vị', 'Chi bộ'],
      ['Loại hình chi bộ', 'Đơn vị sự nghiệp – trường học'],
    ]);
  });

  it('formats booleans, numbers, nested texts, lists and rule packs', () => {
    const vote = labelledChanges(
      {
        action: 'meeting.vote',
        entityType: 'meeting',
        before: null,
        after: { isResolution: true, for: 1234, passed: false, method: 'show_of_hands' },
      },
      names,
      FULL,
    );
    expect(vote.map((r) => [r.label, r.after])).toEqual([
      ['Biểu quyết nghị quyết', 'Có'],
      ['Tán thành', '1.234'],
      ['Thông qua', 'Không'],
      ['Hình thức biểu quyết', 'Giơ tay'],
    ]);
    const record = labelledChanges(
      {
        action: 'record.edit',
        entityType: 'meeting',
        before: { text: { opening: 'A' } },
        after: { text: { opening: 'B' } },
      },
      names,
      FULL,
    );
    expect(record).toEqual([
      { field: 'text.opening', label: 'Biên bản: phần mở đầu', before: 'A', after: 'B' },
    ]);
    const agenda = labelledChanges(
      {
        action: 'meeting.agenda',
        entityType: 'meeting',
        before: null,
        after: [
          { section: 'opening', title: 'Khai mạc' },
          { section: 'closing', title: 'Bế mạc' },
        ],
      },
      names,
      FULL,
    );
    expect(agenda).toEqual([{ field: 'items', label: 'Các mục', before: null, after: 'Khai mạc; Bế mạc' }]);
    const pack = labelledChanges(
      {
        action: 'meeting.start',
        entityType: 'meeting',
        before: null,
        after: { rulePack: 'hd42-2025@2025.10.28' },
      },
      names,
      FULL,
    );
    expect(pack[0]!.after).toBe('Hướng dẫn 42-HD/BTCTW (2025) (phiên bản 2025.10.28)');
    const account = labelledChanges(
      {
        action: 'user.update',
        entityType: 'user',
        before: { displayName: 'An', active: true },
        after: { passwordReset: false },
      },
      names,
      FULL,
    );
    expect(account).toEqual([]);
  });

  it('hides what is internal to one action only', () => {
    const rows = labelledChanges(
      {
        action: 'alert.dismiss',
        entityType: 'alert',
        before: null,
        after: { kind: 'missed_regular', title: 'Chưa họp', note: 'Bão' },
      },
      names,
      FULL,
    );
    expect(rows.map((r) => [r.label, r.after])).toEqual([
      ['Cảnh báo', 'Chưa họp'],
      ['Cách xử lý', 'Bão'],
    ]);
  });

  it('reads a revoked grant from "before" alone', () => {
    expect(
      labelledChanges(
        { action: 'user.revoke', entityType: 'user', before: { role: 'member' }, after: null },
        names,
        FULL,
      ),
    ).toEqual([{ field: 'role', label: 'Vai trò', before: 'Đảng viên', after: null }]);
  });
});

describe('page references', () => {
  it('gathers the ids of the whole page by kind, once each', () => {
    const refs = collectRefs([
      { entityType: 'member', entityId: '1', before: null, after: { toUnitId: 100 } },
      { entityType: 'meeting', entityId: '10', before: null, after: { memberId: 1 } },
      { entityType: 'task', entityId: '20', before: null, after: { ownerIds: [1, 2] } },
      {
        entityType: 'org_unit',
        entityId: '100',
        before: null,
        after: { year: 2026, items: [{ presenterMemberId: 3 }] },
      },
      { entityType: 'rule_pack', entityId: 'hd42-2025@2025.10.28', before: null, after: null },
      { entityType: 'user', entityId: 'x', before: null, after: { itemId: 'abc' } },
    ]);
    expect([...refs.members].sort()).toEqual([1, 2, 3]);
    expect([...refs.units]).toEqual([100]);
    expect([...refs.meetings]).toEqual([10]);
    expect([...refs.tasks]).toEqual([20]);
    expect([...refs.rulePacks]).toEqual(['hd42-2025']);
    expect(refs.users.size).toBe(0);
    expect(refs.agendaItems.size).toBe(0);
  });
});

describe('Vietnamese values', () => {
  it('writes instants as HH:mm dd/mm/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatDateTimeVi('2026-11-10T12:30:00.000Z')).toBe('19:30 10/11/2026');
    expect(formatDateTimeVi('2026-12-31T23:30:00+07:00')).toBe('23:30 31/12/2026');
    expect(formatDateTimeVi('2026-12-31T17:30:00Z')).toBe('00:30 01/01/2027');
  });
  it('joins and cuts text the Vietnamese way', () => {
    expect(joinVi(['A', 'B', 'C'])).toBe('A, B và C');
    expect(
      excerpt(
        'Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa khu phố và mua sắm bàn ghế cho các buổi sinh hoạt',
        40,
      ),
    ).toBe('Đề nghị hỗ trợ kinh phí sửa chữa nhà…');
  });
});
