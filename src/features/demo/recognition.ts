/**
 * The demo's recognition side (issue 9 items 5–6): the ward committee's decisions for the last
 * twelve whole months, taken from chibo's own proposals so their numbers and reasons match the
 * cells' actual ratings (a khen thưởng, a biểu dương, a nhắc nhở), and one model meeting — the
 * latest held, adopted thematic (else regular) meeting of a model cell — marked by the ward.
 */
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import type { UnitRow } from '../org/service.js';
import { rulePackForUnit } from '../org/service.js';
import { createDecision } from '../recognition/decisions.js';
import { markModel } from '../recognition/model-meetings.js';
import { listProposals } from '../recognition/proposals.js';
import { addDays, addMonths } from './dates.js';

export interface DemoRecognitionResult {
  decisions: number;
  modelMeetingId: number;
}

export async function seedDemoRecognition(
  tx: Executor,
  input: { today: string; unitIds: ReadonlyMap<string, number>; staffUserId: number },
): Promise<DemoRecognitionResult> {
  const wardId = input.unitIds.get('phuong')!;
  const [ward] = await tx.query<UnitRow>(
    'SELECT id, parent_id, path, name, kind, cell_type, code, rule_pack, sort_order, archived_at FROM org_units WHERE id = $1',
    [wardId],
  );
  const staff: Actor = {
    userId: input.staffUserId,
    username: 'danguy',
    displayName: 'Văn phòng Đảng ủy phường An Hội',
    memberId: null,
    grants: [{ id: 0, role: 'committee_staff', orgUnitId: wardId, path: ward!.path, unitName: ward!.name }],
    sessionId: 'demo',
    csrfToken: 'demo',
  };
  const from = addMonths(input.today, -12).slice(0, 7);
  const to = addMonths(input.today, -1).slice(0, 7);
  const pack = await rulePackForUnit(tx, ward!.path, input.today);
  const { items } = await listProposals(tx, ward!, pack, { from, to, limit: 200, offset: 0 }, input.today);
  const commend = items.filter((p) => p.proposal === 'commend');
  const excellent = commend.find((p) => p.suggestedKind === 'khen_thuong') ?? commend[0];
  const praised =
    commend.find((p) => p !== excellent && p.suggestedKind === 'bieu_duong') ??
    commend.find((p) => p !== excellent);
  const reminded = items.find((p) => p.proposal === 'remind');
  if (!excellent || !praised || !reminded)
    throw new Error('demo: the proposals lack a commendation or a reminder');
  const decidedOn =
    addDays(`${input.today.slice(0, 7)}-01`, 4) <= input.today
      ? addDays(`${input.today.slice(0, 7)}-01`, 4)
      : input.today;
  const year = input.today.slice(0, 4);
  const decisions = [
    {
      p: excellent,
      kind: 'khen_thuong' as const,
      number: `45-QĐ/ĐU`,
      lead: 'Hoàn thành xuất sắc việc duy trì sinh hoạt chi bộ',
    },
    {
      p: praised,
      kind: 'bieu_duong' as const,
      number: `46-QĐ/ĐU`,
      lead: 'Duy trì tốt nền nếp sinh hoạt chi bộ',
    },
    {
      p: reminded,
      kind: 'nhac_nho' as const,
      number: `12-TB/ĐU`,
      lead: 'Chưa bảo đảm chất lượng, nền nếp sinh hoạt chi bộ',
    },
  ];
  for (const d of decisions) {
    await createDecision(tx, staff, ward!, {
      subjectUnitId: d.p.unit.id,
      kind: d.kind,
      number: d.number,
      decidedOn,
      reason: `${d.lead} năm ${year}: ${d.p.reason.charAt(0).toLocaleLowerCase('vi')}${d.p.reason.slice(1)}.`,
      periodFrom: from,
      periodTo: to,
    });
  }

  const modelCell = input.unitIds.get('tram_y_te')!;
  const [meeting] = await tx.query<{ id: number; thematic_topic: string | null }>(
    `SELECT mt.id, mt.thematic_topic FROM meetings mt
      WHERE mt.unit_id = $1 AND mt.status = 'held' AND mt.kind <> 'committee'
        AND EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted')
      ORDER BY (mt.kind IN ('thematic', 'combined')) DESC, mt.scheduled_at DESC LIMIT 1`,
    [modelCell],
  );
  if (!meeting) throw new Error('demo: the model cell has no adopted meeting');
  await markModel(tx, staff, meeting.id, {
    topic: meeting.thematic_topic,
    note: 'Chuẩn bị chu đáo, đảng viên phát biểu sôi nổi, nghị quyết có người thực hiện và thời hạn cụ thể: các chi bộ học tập cách tổ chức.',
  });
  return { decisions: decisions.length, modelMeetingId: meeting.id };
}
