import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../api/types.js';
import { availableChanges } from './changes.js';

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
