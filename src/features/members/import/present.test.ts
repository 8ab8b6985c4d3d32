import { describe, expect, it } from 'vitest';
import { shownChanges } from './present.js';

describe('shownChanges: the preview speaks Vietnamese, never codes', () => {
  it('labels every field, in the form’s order, and shows genders, dates and cells as a person reads them', () => {
    const cells = new Map([
      [1, 'Chi bộ Khu phố 1'],
      [2, 'Chi bộ Khu phố 2'],
    ]);
    expect(
      shownChanges(
        {
          fullName: { from: 'Lê Thị An', to: 'Lê Thị Ân' },
          gender: { from: 'nu', to: 'nam' },
          birthDate: { from: '1975-04-30', to: '1975-05-30' },
          officialDate: { from: null, to: '2001-02-03' },
          cellId: { from: 1, to: 2 },
          phone: { from: '0912345678', to: '0987654321' },
        },
        cells,
      ),
    ).toEqual([
      { field: 'fullName', label: 'Họ và tên', from: 'Lê Thị An', to: 'Lê Thị Ân' },
      { field: 'birthDate', label: 'Ngày sinh', from: '30/04/1975', to: '30/05/1975' },
      { field: 'gender', label: 'Giới tính', from: 'Nữ', to: 'Nam' },
      { field: 'officialDate', label: 'Ngày chính thức', from: '', to: '03/02/2001' },
      { field: 'phone', label: 'Số điện thoại', from: '0912345678', to: '0987654321' },
      { field: 'cellId', label: 'Chi bộ', from: 'Chi bộ Khu phố 1', to: 'Chi bộ Khu phố 2' },
    ]);
  });
});
