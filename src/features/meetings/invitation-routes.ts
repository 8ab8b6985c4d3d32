/**
 * The printed invitations of a meeting (giấy mời for members chibo cannot reach, and the sign-off
 * list of everyone expected), as Word or PDF. Printing a list of members is an export of personal
 * data: it is audited.
 */
import type { Executor } from '../../db/executor.js';
import { type InvitationData, invitationDocument } from '../../documents/invitation-text.js';
import { renderDocx } from '../../documents/meeting-docx.js';
import { renderPdf } from '../../documents/meeting-pdf.js';
import { todayIso, toIsoDate } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { invitationReach } from './invitations.js';
import { MEETING_KINDS } from './labels.js';
import { placeOf } from './record.js';
import { type MeetingRow, visibleMeeting } from './service.js';
import { isoLocal } from './time.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function invitationData(ex: Executor, m: MeetingRow): Promise<InvitationData> {
  const [reach, [parent], [signer], pack] = await Promise.all([
    invitationReach(ex, m),
    ex.query<{ name: string }>(
      'SELECT p.name FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.id = $1',
      [m.unit_id],
    ),
    // The bí thư signs: the chair of this meeting when named, else the cell's secretary account.
    ex.query<{ full_name: string }>(
      `SELECT mb.full_name FROM members mb WHERE mb.id = $1
       UNION ALL
       SELECT mb.full_name FROM role_grants g JOIN users us ON us.id = g.user_id JOIN members mb ON mb.id = us.member_id
        WHERE g.org_unit_id = $2 AND g.role = 'cell_secretary' AND us.is_active
       LIMIT 1`,
      [m.chair_member_id ?? 0, m.unit_id],
    ),
    packVersionFor(ex, m.rule_pack, toIsoDate(new Date(m.scheduled_at))),
  ]);
  const official = reach.people.filter((p) => p.category === 'member').length;
  const superiorName = parent?.name ?? '';
  return {
    superiorName,
    cellName: m.unit_name,
    placeName: placeOf(superiorName),
    title: m.title,
    kindLabel: MEETING_KINDS[m.kind],
    thematicTopic: m.thematic_topic ?? undefined,
    scheduledAt: isoLocal(m.scheduled_at)!,
    place: m.place ?? '',
    content: m.content ?? undefined,
    signer: {
      name: signer?.full_name ?? '',
      position: 'BÍ THƯ',
      onBehalfOf:
        official >= pack.organisation.cellCommitteeFromOfficialMembers ? 'T/M CHI ỦY' : 'T/M CHI BỘ',
    },
    issuedOn: todayIso(),
    people: reach.people.map((p) => ({
      fullName: p.fullName,
      reachable: p.reachable,
      note: p.reason ?? undefined,
    })),
  };
}

async function printable(ex: Executor, actor: Actor, id: number) {
  const m = await visibleMeeting(ex, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  return { m, data: await invitationData(ex, m) };
}

export async function invitationRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const formats = {
    'invitations.pdf': ['application/pdf', (d: InvitationData) => renderPdf(invitationDocument(d))],
    'invitations.docx': [DOCX, (d: InvitationData) => renderDocx(invitationDocument(d))],
  } as const;
  for (const [file, [mime, render]] of Object.entries(formats)) {
    r.get(
      `/api/meetings/:id/${file}`,
      {
        schema: {
          tags: ['meetings'],
          summary: `In giấy mời (cho đảng viên chưa có tài khoản) và danh sách ký nhận (${file.endsWith('pdf') ? 'PDF' : 'Word'})`,
          params: idParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { m, data } = await printable(db, actor, req.params.id);
        const bytes = await render(data);
        await db.transaction((tx) =>
          audit(
            tx,
            actor,
            {
              action: 'meeting.invitation_print',
              entityType: 'meeting',
              entityId: m.id,
              orgUnitId: m.unit_id,
              after: { people: data.people.length, paper: data.people.filter((p) => !p.reachable).length },
            },
            req.ip,
          ),
        );
        const name = safeFileName(
          `Giay-moi - ${m.unit_name} - ${toIsoDate(new Date(m.scheduled_at))}.${file.split('.')[1]}`,
        );
        return sendFile(reply, bytes, name, mime);
      },
    );
  }
}
