/**
 * The HD 42 preparation of a meeting, as one set of facts read by the checklist on the meeting
 * page and by the score evidence (one source of truth per fact). A step proved by the records —
 * the preparer named, the content and draft written, a document posted, the invitation sent
 * through chibo, the linked chi ủy meeting held with adopted minutes — is ticked by those
 * records. A step ticked by hand (the chi ủy met but its minutes are on paper, members were told
 * over the loudspeaker) is shown and scored as self-declared ("tự khai").
 *
 * "Before the meeting" is before its real start when it started earlier than planned: a document
 * posted a minute before the start was never posted a day ahead.
 */
import type { Executor } from '../../db/executor.js';
import type { RulePack } from '../../rules/index.js';
import { PREP_STEP_KEYS, PREP_STEPS, type PrepStep } from './labels.js';
import type { MeetingRow } from './service.js';
import { formatClockDate, isoLocal } from './time.js';

export type StepSource = 'record' | 'manual';

export interface PrepStepView {
  key: PrepStep;
  label: string;
  done: boolean;
  doneAt: string | null;
  /** How the step is known: from the records, or declared by hand; null while not done. */
  source: StepSource | null;
  /** A Vietnamese sentence saying what shows the step (or what is missing). */
  proof: string;
  note: string | null;
  /** Whether a runner may tick it by hand (steps only the records can prove are never ticked by hand). */
  manual: boolean;
}

export interface Preparation {
  steps: PrepStepView[];
  /** The instant "before the meeting" is measured against: the earlier of the scheduled and real start. */
  reference: Date;
  /** The first document posted for members (or the hand-ticked step), and whether it met the lead time. */
  documentsAt: Date | null;
  documentsSelfDeclared: boolean;
  documentsOnTime: boolean;
  leadDays: number;
}

/** Steps that only records can prove: they are done by doing them in chibo, never ticked by hand. */
export const RECORD_ONLY_STEPS: readonly PrepStep[] = ['assign_preparer', 'content', 'draft_resolution'];

export function referenceTime(m: Pick<MeetingRow, 'scheduled_at' | 'started_at'>): Date {
  const scheduled = new Date(m.scheduled_at).getTime();
  const started = m.started_at ? new Date(m.started_at).getTime() : scheduled;
  return new Date(Math.min(scheduled, started));
}

export async function loadPreparation(
  ex: Executor,
  m: Pick<
    MeetingRow,
    | 'id'
    | 'scheduled_at'
    | 'started_at'
    | 'preparer_member_id'
    | 'content'
    | 'draft_resolution'
    | 'prep_meeting_id'
  >,
  pack: RulePack,
): Promise<Preparation> {
  const [rows, docs, prep] = await Promise.all([
    ex.query<{ step: PrepStep; done_at: Date; note: string | null; source: StepSource }>(
      'SELECT step, done_at, note, source FROM meeting_prep_steps WHERE meeting_id = $1',
      [m.id],
    ),
    ex.query<{ posted_at: Date | null }>(
      `SELECT min(posted_at) AS posted_at FROM meeting_documents
        WHERE meeting_id = $1 AND purpose = 'material' AND removed_at IS NULL`,
      [m.id],
    ),
    m.prep_meeting_id
      ? ex.query<{ status: string; scheduled_at: Date; adopted_at: Date | null }>(
          `SELECT mt.status, mt.scheduled_at,
                  (SELECT min(v.adopted_at) FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted') AS adopted_at
             FROM meetings mt WHERE mt.id = $1`,
          [m.prep_meeting_id],
        )
      : Promise.resolve([]),
  ]);
  const row = (k: PrepStep) => rows.find((r) => r.step === k);
  const manualRow = (k: PrepStep) => {
    const r = row(k);
    return r?.source === 'manual' ? r : undefined;
  };
  const reference = referenceTime(m);
  const view = (
    key: PrepStep,
    done: { at: Date | null; source: StepSource; proof: string } | null,
    missing: string,
  ): PrepStepView => ({
    key,
    label: PREP_STEPS[key],
    done: done !== null,
    doneAt: isoLocal(done?.at ?? null),
    source: done?.source ?? null,
    proof: done ? done.proof : missing,
    note: row(key)?.note ?? null,
    manual: !RECORD_ONLY_STEPS.includes(key),
  });
  const declared = (k: PrepStep) => {
    const r = manualRow(k);
    return r
      ? {
          at: new Date(r.done_at),
          source: 'manual' as const,
          proof: `Tự khai lúc ${formatClockDate(r.done_at)}${r.note ? `: ${r.note}` : ''}`,
        }
      : null;
  };
  const recorded = (k: PrepStep, ok: boolean, proof: (at: Date) => string) => {
    const r = row(k);
    if (!ok) return null;
    const at = r && r.source === 'record' ? new Date(r.done_at) : null;
    return { at, source: 'record' as const, proof: at ? proof(at) : 'Có trong hồ sơ buổi sinh hoạt' };
  };

  const steps: PrepStepView[] = [];
  for (const key of PREP_STEP_KEYS) {
    switch (key) {
      case 'assign_preparer':
        steps.push(
          view(
            key,
            recorded(key, m.preparer_member_id !== null, (at) => `Đã phân công lúc ${formatClockDate(at)}`),
            'Chưa phân công người chuẩn bị',
          ),
        );
        break;
      case 'content':
        steps.push(
          view(
            key,
            recorded(key, Boolean(m.content?.trim()), (at) => `Nội dung ghi lúc ${formatClockDate(at)}`),
            'Chưa có nội dung sinh hoạt',
          ),
        );
        break;
      case 'draft_resolution':
        steps.push(
          view(
            key,
            recorded(
              key,
              Boolean(m.draft_resolution?.trim()),
              (at) => `Dự thảo ghi lúc ${formatClockDate(at)}`,
            ),
            'Chưa có dự thảo nghị quyết',
          ),
        );
        break;
      case 'prep_meeting': {
        const p = prep[0];
        const held = p && p.status === 'held' && p.adopted_at;
        steps.push(
          view(
            key,
            held
              ? {
                  at: new Date(p.adopted_at!),
                  source: 'record',
                  proof: `Chi ủy họp ngày ${formatClockDate(p.scheduled_at).slice(-10)}, biên bản thông qua lúc ${formatClockDate(p.adopted_at!)}`,
                }
              : declared(key),
            p
              ? 'Cuộc họp chi ủy chuẩn bị chưa có biên bản được thông qua'
              : 'Chưa có cuộc họp chi ủy chuẩn bị (chưa liên kết)',
          ),
        );
        break;
      }
      case 'documents_posted': {
        const at = docs[0]?.posted_at ? new Date(docs[0].posted_at) : null;
        steps.push(
          view(
            key,
            at
              ? { at, source: 'record', proof: `Tài liệu đầu tiên đăng lúc ${formatClockDate(at)}` }
              : declared(key),
            'Chưa đăng tài liệu cho đảng viên',
          ),
        );
        break;
      }
      case 'invitation_sent':
      case 'supervisor_notified': {
        const r = row(key);
        const byApp = r?.source === 'record';
        steps.push(
          view(
            key,
            byApp
              ? {
                  at: new Date(r.done_at),
                  source: 'record',
                  proof: `Đã gửi thông báo qua chibo lúc ${formatClockDate(r.done_at)}`,
                }
              : declared(key),
            key === 'invitation_sent'
              ? 'Chưa thông báo cho đảng viên'
              : 'Chưa thông báo cấp ủy viên phụ trách',
          ),
        );
        break;
      }
    }
  }
  const docStep = steps.find((s) => s.key === 'documents_posted')!;
  const documentsAt = docStep.doneAt ? new Date(docStep.doneAt) : null;
  const leadMs = pack.meetings.documentsLeadDays * 24 * 3600_000;
  return {
    steps,
    reference,
    documentsAt,
    documentsSelfDeclared: docStep.source === 'manual',
    documentsOnTime: documentsAt !== null && documentsAt.getTime() <= reference.getTime() - leadMs,
    leadDays: pack.meetings.documentsLeadDays,
  };
}

/** Whether a step was done before the meeting (at its reference time). */
export function doneBefore(p: Preparation, key: PrepStep): boolean {
  const s = p.steps.find((x) => x.key === key);
  if (!s?.done) return false;
  // A step proved by a record without its own time (older data) counts as done before.
  return s.doneAt === null || new Date(s.doneAt).getTime() <= p.reference.getTime();
}
