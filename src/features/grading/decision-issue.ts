/**
 * The issue of a grading decision set and its revisions (issue 10 items 5–6, ADR 024): the checks
 * of decisions.ts must pass, then the set gets its number, date and content hash, the graded
 * members and the cells' secretaries are notified (in-app and the mail outbox, sent after commit)
 * and the change is audited — all in one transaction. A revision is a new set issued at once.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { formatDate, formatNumber, todayIso } from '../../domain/format.js';
import { checkQuotas } from '../../domain/grading.js';
import type { RulePack } from '../../rules/types.js';
import { GRADE_LEVELS, type GradeLevel } from '../../rules/year-types.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { canonicalJson } from '../integrity/hash.js';
import { notifyUsers } from '../notifications/service.js';
import type { IssueBody, RevisionBody, SubjectType } from './decision-schema.js';
import {
  CURRENT_SQL,
  capsFor,
  checkSet,
  type DecidingUnit,
  type DecisionRow,
  decidedElsewhere,
  initialSet,
  levelLabel,
  loadUnit,
  lockedError,
  packFor,
  quotaRefusal,
  ruleRefusal,
  ruleViolation,
  type SetRow,
  SUBJECT_WORDS,
  setDecisions,
  subjectCol,
} from './decisions.js';
import { refreshGradingSummary } from './grading-summary.js';

function gradingHash(content: unknown): string {
  return createHash('sha256')
    .update(`chibo/grading/v1\n${canonicalJson(content)}`)
    .digest('hex');
}

/** The content an issued set's hash covers: the set's identity and every decision, in a stable order. */
function hashContent(
  set: Pick<SetRow, 'year' | 'unit_id' | 'subject_type' | 'kind' | 'reason'>,
  no: string,
  date: string,
  rows: DecisionRow[],
) {
  return {
    year: set.year,
    unitId: set.unit_id,
    subjectType: set.subject_type,
    kind: set.kind,
    reason: set.reason,
    decisionNo: no,
    decisionDate: date,
    decisions: rows
      .map((d) => ({
        memberId: d.member_id,
        unitId: d.unit_id,
        level: d.level,
        score: d.score === null ? null : Number(d.score),
        isCadre: d.is_cadre,
        note: d.note,
      }))
      .sort((a, b) => (a.memberId ?? 0) - (b.memberId ?? 0) || a.unitId - b.unitId),
  };
}

/** Accounts of graded members and the secretaries of their cells (or of the graded organisations). */
async function notifyIssued(
  tx: Executor,
  pack: RulePack,
  type: SubjectType,
  u: DecidingUnit,
  year: number,
  no: string,
  date: string,
  rows: DecisionRow[],
) {
  const what = `Quyết định số ${no} ngày ${formatDate(date)}`;
  if (type === 'member') {
    for (const level of GRADE_LEVELS) {
      const ids = rows.filter((d) => d.level === level).map((d) => d.member_id!);
      if (ids.length === 0) continue;
      const users = await tx.query<{ id: number; member_id: number }>(
        'SELECT id, member_id FROM users WHERE is_active AND member_id = ANY($1::int[])',
        [ids],
      );
      await notifyUsers(
        tx,
        users.map((x) => x.id),
        {
          kind: 'grading.issued',
          title: `Kết quả xếp loại đảng viên năm ${year}`,
          body: `Bạn được xếp loại "${levelLabel(pack, level)}" năm ${year} (${what} của ${u.name}).`,
          link: users.length === 1 ? `/dang-vien/${users[0]!.member_id}` : undefined,
          dedupeKey: `grading:${no}:${date}:${u.id}:${year}`,
        },
      );
    }
  }
  const cells = [...new Set(rows.map((d) => d.unit_id))];
  const secretaries = await tx.query<{ user_id: number }>(
    `SELECT DISTINCT g.user_id FROM role_grants g JOIN users us ON us.id = g.user_id
      WHERE us.is_active AND g.role = 'cell_secretary' AND g.org_unit_id = ANY($1::int[])
        AND (g.valid_to IS NULL OR g.valid_to > CURRENT_DATE)`,
    [cells],
  );
  await notifyUsers(
    tx,
    secretaries.map((s) => s.user_id),
    {
      kind: 'grading.issued',
      title: `${u.name} ban hành quyết định xếp loại ${SUBJECT_WORDS[type].noun} năm ${year}`,
      body: `${what}: ${formatNumber(rows.length)} ${SUBJECT_WORDS[type].noun} được xếp loại.`,
      dedupeKey: `grading:${no}:${date}:${u.id}:${year}:${type}`,
    },
  );
}

/** Issues the initial set: refused when a quota or a hard rule is broken, or a graded subject has no level. */
export async function issueSet(
  db: Executor,
  actor: Actor,
  unitId: number,
  year: number,
  body: IssueBody,
  ip?: string,
  today = todayIso(),
) {
  return db.transaction(async (tx) => {
    const u = await loadUnit(tx, unitId);
    authorize(actor, 'grading.decide', u.path, 'đơn vị');
    const type = body.type;
    const set = await initialSet(tx, u.id, year, type, true);
    if (set?.status === 'issued') throw lockedError();
    const pack = await packFor(tx, u, year, today);
    const check = await checkSet(tx, u, year, type, pack, today);
    if (check.violations.length) throw quotaRefusal(check.violations);
    if (check.ruleViolations.length) throw ruleRefusal(check.ruleViolations);
    if (!set || check.counts.decided === 0 || check.counts.missing > 0)
      throw new AppError(
        'GRADING_INCOMPLETE',
        `Chưa ban hành được: còn ${formatNumber(check.counts.missing)}/${formatNumber(check.counts.graded)} ${SUBJECT_WORDS[type].noun} chưa được chọn mức xếp loại.`,
        { missing: check.counts.missing, graded: check.counts.graded },
      );
    const rows = await setDecisions(tx, set.id);
    const keys = rows.map((d) => (type === 'member' ? d.member_id! : d.unit_id));
    const elsewhere = await decidedElsewhere(tx, year, type, keys, set.id);
    if (elsewhere.length)
      throw new AppError(
        'GRADING_DECISION_LOCKED',
        `Có ${formatNumber(elsewhere.length)} ${SUBJECT_WORDS[type].noun} đã có quyết định xếp loại năm ${year} ban hành nơi khác; hãy bỏ khỏi bản dự thảo.`,
        { subjects: elsewhere },
      );
    const hash = gradingHash(hashContent(set, body.decisionNo, body.decisionDate, rows));
    await tx.query(
      `UPDATE grading_decision_sets SET status = 'issued', decision_no = $2, decision_date = $3, content_hash = $4,
              issued_at = now(), issued_by = $5 WHERE id = $1`,
      [set.id, body.decisionNo, body.decisionDate, hash, actor.userId],
    );
    await refreshGradingSummary(tx, { year, unitPath: u.path, today });
    await notifyIssued(tx, pack, type, u, year, body.decisionNo, body.decisionDate, rows);
    await audit(
      tx,
      actor,
      {
        action: 'grading.issue',
        entityType: 'grading_decision_set',
        entityId: set.id,
        orgUnitId: u.id,
        after: {
          year,
          type,
          number: body.decisionNo,
          decisionDate: body.decisionDate,
          count: rows.length,
          byLevel: check.counts.byLevel,
          contentHash: hash,
        },
      },
      ip,
    );
    return {
      setId: set.id,
      status: 'issued' as const,
      decisionNo: body.decisionNo,
      decisionDate: body.decisionDate,
      contentHash: hash,
      counts: check.counts,
    };
  });
}

interface LoadedDecision extends DecisionRow {
  set_id: number;
  year: number;
  subject_type: SubjectType;
  status: 'draft' | 'issued';
  set_unit_id: number;
  set_unit_path: string;
  superseded: boolean;
  name: string;
}

/**
 * A revision: a new set (kind revision, its number, date and reason) issued at once, holding one
 * decision that supersedes the current one; the quota and the hard rules are checked on the
 * result (the deciding unit's current decisions with this one replaced). The old row stays.
 */
export async function reviseDecision(
  db: Executor,
  actor: Actor,
  decisionId: number,
  body: RevisionBody,
  ip?: string,
  today = todayIso(),
) {
  return db.transaction(async (tx) => {
    const [d] = await tx.query<LoadedDecision>(
      `SELECT d.id, d.member_id, d.unit_id, d.unit_path, d.level, d.score::text AS score, d.is_cadre, d.note,
              d.set_id, d.year, d.subject_type, s.status, s.unit_id AS set_unit_id, su.path AS set_unit_path,
              coalesce(m.full_name, ou.name) AS name,
              EXISTS (SELECT 1 FROM grading_decisions x JOIN grading_decision_sets xs ON xs.id = x.set_id
                       WHERE x.supersedes_id = d.id AND xs.status = 'issued') AS superseded
         FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
         JOIN org_units su ON su.id = s.unit_id JOIN org_units ou ON ou.id = d.unit_id
         LEFT JOIN members m ON m.id = d.member_id
        WHERE d.id = $1 FOR UPDATE OF s`,
      [decisionId],
    );
    if (!d) throw notFound('quyết định xếp loại');
    authorize(actor, 'grading.decide', d.set_unit_path, 'quyết định xếp loại');
    if (d.status !== 'issued')
      throw new AppError('CONFLICT', 'Quyết định chưa ban hành: hãy sửa mức xếp loại trong bản dự thảo.', {
        reason: 'GRADING_DRAFT',
      });
    if (d.superseded)
      throw new AppError(
        'GRADING_DECISION_LOCKED',
        'Quyết định này đã được điều chỉnh bằng một quyết định khác; hãy điều chỉnh quyết định hiện hành.',
      );
    if (d.level === body.level)
      throw new AppError('VALIDATION_FAILED', 'Mức xếp loại mới trùng với mức hiện hành.');
    const type = d.subject_type;
    const u = await loadUnit(tx, d.set_unit_id);
    const pack = await packFor(tx, u, d.year, today);
    const key = type === 'member' ? d.member_id! : d.unit_id;
    const cap = (await capsFor(tx, pack, d.year, type, [key], today)).get(key)!;
    const broken = ruleViolation(
      pack,
      { memberId: d.member_id, unitId: d.unit_id, name: d.name },
      body.level,
      cap,
    );
    if (broken) throw ruleRefusal([broken]);
    const current = await tx.query<{ id: number; key: number; group_key: number; level: GradeLevel }>(
      `SELECT d.id, ${subjectCol(type)} AS key,
              ${type === 'member' ? 'd.unit_id' : 'ou.parent_id'} AS group_key, d.level
         FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id JOIN org_units ou ON ou.id = d.unit_id
        WHERE s.unit_id = $1 AND d.year = $2 AND d.subject_type = $3 AND ${CURRENT_SQL}`,
      [u.id, d.year, type],
    );
    const groupIds = [...new Set(current.map((c) => c.group_key))];
    const names = new Map(
      (
        await tx.query<{ id: number; name: string }>(
          'SELECT id, name FROM org_units WHERE id = ANY($1::int[])',
          [groupIds],
        )
      ).map((n) => [String(n.id), n.name]),
    );
    const violations = checkQuotas(
      current.map((c) => ({
        key: String(c.key),
        groupKey: String(c.group_key),
        level: c.id === d.id ? body.level : c.level,
      })),
      pack.grading.quotas,
      type,
      { groupName: (k) => names.get(k) ?? k, levels: pack.grading.levels },
    );
    if (violations.length) throw quotaRefusal(violations);

    const [set] = await tx.query<{ id: number }>(
      `INSERT INTO grading_decision_sets (year, unit_id, subject_type, kind, status, decision_no, decision_date, reason, created_by)
       VALUES ($1, $2, $3, 'revision', 'draft', $4, $5, $6, $7) RETURNING id`,
      [d.year, u.id, type, body.decisionNo, body.decisionDate, body.reason, actor.userId],
    );
    const [created] = await tx.query<{ id: number }>(
      `INSERT INTO grading_decisions (set_id, year, subject_type, member_id, unit_id, unit_path, level, score, is_cadre, note, supersedes_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        set!.id,
        d.year,
        type,
        d.member_id,
        d.unit_id,
        d.unit_path,
        body.level,
        d.score,
        d.is_cadre,
        d.note,
        d.id,
        actor.userId,
      ],
    );
    const revised: DecisionRow = { ...d, id: created!.id, level: body.level };
    const hash = gradingHash(
      hashContent(
        { year: d.year, unit_id: u.id, subject_type: type, kind: 'revision', reason: body.reason },
        body.decisionNo,
        body.decisionDate,
        [revised],
      ),
    );
    await tx.query(
      `UPDATE grading_decision_sets SET status = 'issued', content_hash = $2, issued_at = now(), issued_by = $3 WHERE id = $1`,
      [set!.id, hash, actor.userId],
    );
    const [graded] = await tx.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
      d.unit_id,
    ]);
    await refreshGradingSummary(tx, { year: d.year, unitPath: graded!.path, today });
    await notifyIssued(tx, pack, type, u, d.year, body.decisionNo, body.decisionDate, [revised]);
    await audit(
      tx,
      actor,
      {
        action: 'grading.revise',
        entityType: 'grading_decision_set',
        entityId: set!.id,
        orgUnitId: u.id,
        before: { level: d.level, decisionId: d.id },
        after: {
          level: body.level,
          decisionId: created!.id,
          number: body.decisionNo,
          decisionDate: body.decisionDate,
          reason: body.reason,
          contentHash: hash,
          ...(d.member_id ? { memberId: d.member_id } : { unitId: d.unit_id }),
        },
      },
      ip,
    );
    return {
      setId: set!.id,
      decisionId: created!.id,
      supersedesId: d.id,
      level: body.level,
      decisionNo: body.decisionNo,
      decisionDate: body.decisionDate,
      contentHash: hash,
    };
  });
}
