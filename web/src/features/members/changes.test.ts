import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../api/types.js';
import { availableChanges, placeServerErrors } from './changes.js';

const status = (s: Partial<MemberStatus>): MemberStatus => ({
  rank: 'official',
  exempted: null,
  temporaryOut: null,
  contact213: null,
  ended: null,
  labels: [],
  ...s,
});

describe('changes offered on the member page', () => {
  it('offers official recognition only during probation (Điều lệ: 12 months dự bị)', () => {
    expect(availableChanges({ standing: 'active', status: status({ rank: 'probationary' }) })).toContain(
      'recognize_official',
    );
    expect(availableChanges({ standing: 'active', status: status({}) })).not.toContain('recognize_official');
  });

  it('offers ending an exemption or a temporary membership only while one is open', () => {
    const exempted = status({
      exempted: { from: '2025-01-01', reason: 'Tuổi cao', decisionNo: null, decisionDate: null },
    });
    const offered = availableChanges({ standing: 'active', status: exempted });
    expect(offered).toContain('end_exemption');
    expect(offered).not.toContain('exempt');
    expect(offered).not.toContain('end_temporary');
  });

  it('offers nothing but 213 changes for a member who left or only keeps contact', () => {
    const ended = status({
      ended: { reason: 'tu_tran', reasonLabel: 'Từ trần', date: '2025-05-01', otherOrg: null },
    });
    expect(availableChanges({ standing: 'removed', status: ended })).toEqual([]);
    const contact = status({
      rank: 'official',
      contact213: { unitId: 3, unitName: 'Chi bộ Khu phố 1', otherOrg: null, from: '2024-01-01' },
    });
    expect(availableChanges({ standing: 'contact_only', status: contact })).toEqual(['end_contact_213']);
  });
});

describe('server messages on the status-change form', () => {
  it('puts a message naming a shown field beside it, and the rest above the form', () => {
    const probation = 'Đảng viên vào Đảng ngày 02/03/2025, đến ngày 02/03/2026 mới đủ 12 tháng dự bị; …';
    expect(placeServerErrors('recognize_official', { date: probation }, probation)).toEqual({
      beside: { date: probation },
      above: null,
    });
    expect(
      placeServerErrors('temporary_out', { until: 'Ngắn hơn 3 tháng' }, 'Ngắn hơn 3 tháng').beside,
    ).toEqual({
      until: 'Ngắn hơn 3 tháng',
    });
    // The destination fields share one message, under the cell picker.
    expect(placeServerErrors('transfer', { otherOrg: 'Cần nơi đến' }, 'Cần nơi đến')).toEqual({
      beside: { unit: 'Cần nơi đến' },
      above: null,
    });
    expect(placeServerErrors('end_temporary', { decisionNo: 'x' }, 'Lỗi')).toEqual({
      beside: {},
      above: 'Lỗi',
    });
    expect(placeServerErrors('exempt', {}, 'Đảng viên đang được miễn sinh hoạt.')).toEqual({
      beside: {},
      above: 'Đảng viên đang được miễn sinh hoạt.',
    });
  });
});
