/**
 * Shared by the audit sentence tests (src/features/audit/sentences*.test.ts): the names a page
 * would have loaded, the actor every case is written by, and a sentence built the way the audit
 * page builds it. `REGISTRY_AREAS` says which action codes sentences-registry.test.ts covers;
 * sentences-meetings.test.ts covers every other code, so together they cover the whole table.
 */
import { labelledChanges } from '../../src/features/audit/changes.js';
import type { SentenceRow } from '../../src/features/audit/context.js';
import { emptyNames, type Names } from '../../src/features/audit/names.js';
import { AUDIT_ACTIONS, describe } from '../../src/features/audit/sentences.js';

export function pageNames(): Names {
  const n = emptyNames();
  n.members.set(1, 'Lê Thị Ánh').set(2, 'Trần Văn Bình').set(3, 'Phạm Thị Cúc');
  n.meetings.set(10, 'Sinh hoạt thường kỳ tháng 11/2026').set(11, 'Sinh hoạt thường kỳ tháng 12/2026');
  n.units
    .set(100, 'Chi bộ Khu phố 1')
    .set(101, 'Chi bộ Khu phố 2')
    .set(102, 'Đảng bộ phường An Hội')
    .set(103, 'Đảng bộ phường Bình Minh');
  n.tasks.set(20, { title: 'Vận động hộ dân đóng quỹ khuyến học', meetingId: 10 });
  n.users
    .set(30, { username: 'thuky1', displayName: 'Lê Thị Ánh' })
    .set(31, { username: 'admin', displayName: null });
  n.agendaItems.set(40, 'Đánh giá kết quả tháng qua');
  n.documents.set(50, 'Dự thảo nghị quyết tháng 11');
  n.recommendations.set(60, 'Đề nghị hỗ trợ kinh phí sửa nhà văn hóa khu phố');
  n.rulePacks.set('hd42-2025', 'Hướng dẫn 42-HD/BTCTW (2025)');
  return n;
}

export type Case = Partial<SentenceRow> & { expected: string };

export const WHO = 'Nguyễn Văn An (bithu1)';

export function sentence(action: string, c: Partial<SentenceRow>, names = pageNames()): string {
  const row: SentenceRow = {
    action,
    entityType: c.entityType ?? 'meeting',
    entityId: c.entityId ?? null,
    orgUnitName: c.orgUnitName === undefined ? 'Chi bộ Khu phố 1' : c.orgUnitName,
    actor: c.actor === undefined ? { username: 'bithu1', displayName: 'Nguyễn Văn An' } : c.actor,
    before: c.before ?? null,
    after: c.after ?? null,
  };
  const changes = labelledChanges(row, names, { identity: true, contact: true });
  return describe(row, names, changes).summary;
}

/** The first part of the action codes about people, the organisation, accounts and the system. */
export const REGISTRY_AREAS: readonly string[] = [
  'member',
  'unit',
  'rule_pack',
  'user',
  'login',
  'calendar',
  'api_token',
  'demo',
  'system',
  'integrity',
];

export function isRegistryCode(code: string): boolean {
  return REGISTRY_AREAS.includes(code.split('.')[0]!);
}

/** The first part of the action codes of the committee's steering (issue 11, ADR 025). */
export const STEERING_AREAS: readonly string[] = [
  'activity_plan',
  'cell_committee',
  'directive',
  'inspection',
  'organisation',
  'plan',
];

export type TablePart = 'registry' | 'steering' | 'meetings';

function partOf(code: string): TablePart {
  if (isRegistryCode(code)) return 'registry';
  return STEERING_AREAS.includes(code.split('.')[0]!) ? 'steering' : 'meetings';
}

/** The codes of the sentence table one test file must cover. */
export function tableCodes(part: TablePart): string[] {
  return Object.keys(AUDIT_ACTIONS)
    .filter((code) => partOf(code) === part)
    .sort();
}
