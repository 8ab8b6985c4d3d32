import type { RulePack } from './types.js';

/**
 * Default national pack. Sources: Điều lệ Đảng (chi bộ ≥3 official members; chi ủy from 9),
 * Quy định 24-QĐ/TW (12-month probation), HD 42-HD/BTCTW 28/10/2025 (meeting cycle).
 * Later issues add the meeting, scoring and grading sections to this pack.
 */
export const HD42_2025: RulePack = {
  id: 'hd42-2025',
  version: '2025.10.28',
  name: 'Mặc định toàn quốc (Điều lệ Đảng, HD 42-HD/BTCTW 2025)',
  effectiveFrom: '2025-10-28',
  organisation: {
    minOfficialMembersPerCell: 3,
    cellCommitteeFromOfficialMembers: 9,
  },
  membership: {
    probationMonths: 12,
    minAdmissionAge: 18,
    officialRecognitionWorkingDays: 30,
    temporaryTransferMinMonths: 3,
    temporaryTransferMaxMonths: 12,
    transferStartWorkingDays: 60,
    transferLetterWorkingDays: 30,
  },
};
